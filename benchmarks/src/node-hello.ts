// The reference: hello world the way a Node user writes it with node:http.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { announce, serverArgs } from './server-args.js'

const args = serverArgs()
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 11 })
  res.end('Hello World')
})
if (args.keepAliveTimeout !== undefined) server.keepAliveTimeout = args.keepAliveTimeout
server.listen(args.port, args.host, () => announce(server.address() as AddressInfo))
