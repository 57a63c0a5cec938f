// One large transfer over a raw socket, timed from the first byte sent to the last byte received.
// `--mode upload` POSTs N bytes with a declared length; `--mode download` GETs N bytes. Prints
// one JSON line: { bytes, seconds }.
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { parseArgs } from 'node:util'

/** Size of each written piece of an upload. */
const CHUNK_SIZE = 64 * 1024

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    mode: { type: 'string', default: 'upload' },
    bytes: { type: 'string', default: String(1024 ** 3) },
  },
})
const port = Number(values.port)
const total = Number(values.bytes)

/** Resolves with the response body length once a Content-Length framed response is complete. */
function readResponse(socket: Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    let head = ''
    let bodyLength = -1
    let received = 0
    socket.on('data', (data: Buffer) => {
      if (bodyLength < 0) {
        head += data.toString('latin1')
        const end = head.indexOf('\r\n\r\n')
        if (end < 0) return
        const match = /\r\ncontent-length:\s*(\d+)/i.exec(head.slice(0, end))
        if (!head.startsWith('HTTP/1.1 200') || match === null) {
          return reject(new Error(`unexpected response head: ${head.slice(0, end)}`))
        }
        bodyLength = Number(match[1])
        received = head.length - end - 4
        head = ''
      } else {
        received += data.length
      }
      if (received >= bodyLength) resolve(received)
    })
    socket.on('error', reject)
    socket.on('close', () => reject(new Error('connection closed before the response ended')))
  })
}

async function upload(socket: Socket): Promise<void> {
  socket.write(
    `POST /upload HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/octet-stream\r\n` +
      `content-length: ${total}\r\n\r\n`
  )
  const chunk = Buffer.alloc(CHUNK_SIZE, 'x')
  for (let sent = 0; sent < total;) {
    const piece = total - sent >= CHUNK_SIZE ? chunk : chunk.subarray(0, total - sent)
    sent += piece.length
    if (!socket.write(piece)) await new Promise((resolve) => socket.once('drain', resolve))
  }
}

const socket = connect(port, '127.0.0.1')
await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject))
socket.setNoDelay(true)
const start = process.hrtime.bigint()
const response = readResponse(socket)
if (values.mode === 'upload') await upload(socket)
else socket.write(`GET /download?bytes=${total} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`)
const length = await response
const seconds = Number(process.hrtime.bigint() - start) / 1e9
if (values.mode === 'download' && length !== total) throw new Error(`got ${length} of ${total}`)
socket.destroy()
process.stdout.write(JSON.stringify({ bytes: total, seconds }) + '\n')
