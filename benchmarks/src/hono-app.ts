// The Hono app the fetch benchmarks serve, the same on touche, @hono/node-server and Bun.
import { Hono } from 'hono'

/**
 * `/` text, `/json/:id` JSON, `POST /echo` streaming the request body back.
 *
 * @example
 * const app = honoApp()
 */
export function honoApp(): Hono {
  const app = new Hono()
  app.get('/', (c) => c.text('Hello World'))
  app.get('/json/:id', (c) => c.json({ id: c.req.param('id'), ok: true }))
  app.post('/echo', (c) => new Response(c.req.raw.body))
  return app
}
