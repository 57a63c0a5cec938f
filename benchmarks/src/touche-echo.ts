// touche's POST echo: the request body is the response body, streamed as it arrives.
import { Response, Server } from '@touche/server'
import { announce, serverArgs } from './server-args.js'

const args = serverArgs()
const handle = await Server.bind(`${args.host}:${args.port}`).serve((req) =>
  Response.builder().header('content-type', 'application/octet-stream').body(req.body)
)
announce({ address: handle.address.host, port: handle.address.port })
