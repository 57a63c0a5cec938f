// The Hono app on Node the usual way: @hono/node-server over node:http.
import { serve } from '@hono/node-server'
import { honoApp } from './hono-app.js'
import { announce, serverArgs } from './server-args.js'

const args = serverArgs()
serve({ fetch: honoApp().fetch, port: args.port, hostname: args.host }, (info) =>
  announce({ address: info.address, port: info.port })
)
