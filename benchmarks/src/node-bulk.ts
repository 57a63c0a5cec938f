// The reference for bulk transfers with node:http: POST /upload counts the streamed request body
// and answers the count; GET /download?bytes=N streams N bytes with a declared length.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { announce, serverArgs } from './server-args.js'

/** Size of each written piece of a download. */
const CHUNK_SIZE = 64 * 1024

const args = serverArgs()
const chunk = Buffer.alloc(CHUNK_SIZE, 'x')
const server = createServer((req, res) => {
  if (req.method === 'POST') {
    let received = 0
    req.on('data', (data: Buffer) => (received += data.length))
    req.on('end', () => res.end(String(received)))
    return
  }
  const total = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('bytes') ?? 0)
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': total })
  let sent = 0
  const write = (): void => {
    while (sent < total) {
      const piece = total - sent >= CHUNK_SIZE ? chunk : chunk.subarray(0, total - sent)
      sent += piece.length
      if (!res.write(piece)) return void res.once('drain', write)
    }
    res.end()
  }
  write()
})
server.listen(args.port, args.host, () => announce(server.address() as AddressInfo))
