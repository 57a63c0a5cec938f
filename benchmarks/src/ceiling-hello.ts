// Reference: the most a Node server can do for hello world. It parses nothing: it counts the
// heads in each read and writes one canned response per head, all of a read's responses in one
// write. Not a server to use; the bound a real one is measured against.
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { announce, serverArgs } from './server-args.js'

const RESPONSE =
  'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 11\r\n' +
  `date: ${new Date().toUTCString()}\r\n\r\nHello World`

const args = serverArgs()
const server = createServer({ noDelay: true }, (socket) => {
  let tail = ''
  socket.on('data', (chunk: Buffer) => {
    const text = tail + chunk.toString('latin1')
    let heads = 0
    let at = 0
    for (;;) {
      const end = text.indexOf('\r\n\r\n', at)
      if (end < 0) break
      heads++
      at = end + 4
    }
    tail = text.slice(at)
    if (heads > 0) socket.write(heads === 1 ? RESPONSE : RESPONSE.repeat(heads), 'latin1')
  })
  socket.on('error', () => socket.destroy())
})
server.listen(args.port, args.host, () => announce(server.address() as AddressInfo))
