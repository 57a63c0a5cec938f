// Opens N keep-alive connections, makes one request on each, then holds them all idle. Prints
// `ready N` once every connection has its response, and exits when stdin closes or on SIGTERM.
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { parseArgs } from 'node:util'

/** Connections opened at once; more only makes the accept queue overflow and retransmit. */
const BATCH = 200

const { values } = parseArgs({
  options: { port: { type: 'string' }, count: { type: 'string', default: '10000' } },
})
const port = Number(values.port)
const count = Number(values.count)
const sockets: Socket[] = []
let closed = 0

function open(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET / HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n')
    })
    sockets.push(socket)
    socket.once('data', () => resolve())
    socket.on('error', reject)
    socket.once('close', () => {
      closed++
      reject(new Error('server closed an idle connection'))
    })
  })
}

for (let opened = 0; opened < count; opened += BATCH) {
  const batch: Promise<void>[] = []
  for (let i = opened; i < Math.min(count, opened + BATCH); i++) batch.push(open())
  await Promise.all(batch)
}
process.stdout.write(`ready ${sockets.length}\n`)

const shutdown = (): void => {
  if (closed > 0) process.stderr.write(`${closed} connections were closed while idle\n`)
  for (const socket of sockets) socket.destroy()
  process.exit(0)
}
process.stdin.on('end', shutdown).resume()
process.on('SIGTERM', shutdown)
