// The Hono app on touche, through @touche/fetch.
import { serve } from '@touche/fetch'
import { honoApp } from './hono-app.js'
import { announce, serverArgs } from './server-args.js'

const args = serverArgs()
const handle = await serve({ fetch: honoApp().fetch, port: args.port, hostname: args.host })
announce({ address: handle.address.host, port: handle.address.port })
