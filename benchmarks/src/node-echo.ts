// The reference: POST echo with node:http, streaming the request body back as it arrives.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { announce, serverArgs } from './server-args.js'

const args = serverArgs()
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/octet-stream' })
  req.pipe(res)
})
server.listen(args.port, args.host, () => announce(server.address() as AddressInfo))
