// A Hono app, written as Hono's docs write it, served by @touche/fetch: the only touche line is
// the `serve` import (and the flags every example takes).
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { logger } from 'hono/logger'
import { streamSSE } from 'hono/streaming'
import { getConnInfo, serve } from '@touche/touche'
import { exampleArgs } from './cli-args.js'

const app = new Hono()

app.use(logger())

app.get('/', (c) => c.text('Hello Hono!'))

app.get('/json/:id', (c) => c.json({ id: c.req.param('id'), query: c.req.query() }))

app.post('/echo', (c) => new Response(c.req.raw.body, { headers: c.req.header() }))

app.get('/ip', (c) => c.text(`you are ${getConnInfo(c).remote.address ?? 'unknown'}\n`))

app.get('/clock', (c) =>
  streamSSE(c, async (stream) => {
    for (let i = 0; i < 5 && !stream.aborted; i++) {
      await stream.writeSSE({ event: 'tick', data: new Date().toISOString() })
      await stream.sleep(1000)
    }
  })
)

app.get('/teapot', () => {
  throw new HTTPException(418, { message: "I'm a teapot\n" })
})

const { host, port } = exampleArgs()
// The handlers go in before the `listening on` line: whoever reads it may signal at once.
let close = (): Promise<void> => Promise.resolve()
const shutdown = (): void => void close().then(() => process.exit(0))
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
const server = await serve({ fetch: app.fetch, hostname: host, port })
close = () => server.close({ timeout: 5_000 })
process.stdout.write(`listening on http://${host}:${server.address.port}\n`)
