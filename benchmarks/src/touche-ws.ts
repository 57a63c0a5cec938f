// ws echo on touche: ws takes its sockets from the server's 'upgrade' event.
import { Response, Server } from '@touche/server'
import { announce, serverArgs } from './server-args.js'
import { wsEcho } from './ws-echo-server.js'

const args = serverArgs()
const handle = await Server.bind(`${args.host}:${args.port}`).serve(() =>
  Response.builder().body('ws at /ws')
)
handle.on('upgrade', wsEcho())
announce({ address: handle.address.host, port: handle.address.port })
