// touche's hello world, written as a touche user would.
import { Response, Server } from '@touche/server'
import { announce, serverArgs } from './server-args.js'

const args = serverArgs()
const builder = Server.builder()
if (args.keepAliveTimeout !== undefined) builder.keepAliveTimeout(args.keepAliveTimeout)
const handle = await builder
  .bind(`${args.host}:${args.port}`)
  .serve(() => Response.builder().header('content-type', 'text/plain').body('Hello World'))
announce({ address: handle.address.host, port: handle.address.port })
