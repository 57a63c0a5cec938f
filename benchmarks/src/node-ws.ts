// ws echo on node:http, the way the ws docs set it up with `noServer`.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { announce, serverArgs } from './server-args.js'
import { wsEcho } from './ws-echo-server.js'

const args = serverArgs()
const server = createServer((_req, res) => res.end('ws at /ws'))
server.on('upgrade', wsEcho())
server.listen(args.port, args.host, () => announce(server.address() as AddressInfo))
