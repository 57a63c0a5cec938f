// Reference: hello world on `Bun.serve`, as a Bun user writes it (run with the Bun binary).
import { bun } from './bun-globals.js'
import { announce, serverArgs } from './server-args.js'

const args = serverArgs()
const server = bun().serve({
  port: args.port,
  hostname: args.host,
  fetch: () => new Response('Hello World', { headers: { 'content-type': 'text/plain' } }),
})
announce({ address: server.hostname, port: server.port })
