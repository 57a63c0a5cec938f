// The Hono app on Bun: `Bun.serve({ fetch: app.fetch })` (run with the Bun binary).
import { bun } from './bun-globals.js'
import { honoApp } from './hono-app.js'
import { announce, serverArgs } from './server-args.js'

const args = serverArgs()
const server = bun().serve({ port: args.port, hostname: args.host, fetch: honoApp().fetch })
announce({ address: server.hostname, port: server.port })
