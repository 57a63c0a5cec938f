// Server-sent events: GET / serves a page whose EventSource reads GET /events, a stream that
// sends the time every second until the client goes away.
import { setTimeout as sleep } from 'node:timers/promises'
import { Body, Response } from '@touche/touche'
import type { BodySender } from '@touche/touche'
import { serveExample } from './cli-args.js'

const PAGE = `<!doctype html>
<meta charset="utf-8"><title>touche sse</title>
<h1>Server time</h1><ul id="log"></ul>
<script>
  new EventSource('/events').onmessage = (e) => {
    document.getElementById('log').insertAdjacentHTML('afterbegin', '<li>' + e.data + '</li>')
  }
</script>
`
const streams = new Set<BodySender>()

async function tick(sender: BodySender): Promise<void> {
  for (let id = 1; sender.isOpen; id++) {
    await sender.send(`id: ${id}\ndata: ${new Date().toISOString()}\n\n`)
    await sleep(1000)
  }
}

await serveExample(
  (req) => {
    if (req.uri.path !== '/events') {
      return Response.builder().header('content-type', 'text/html; charset=utf-8').body(PAGE)
    }
    const [sender, body] = Body.channel()
    streams.add(sender)
    void tick(sender)
      .catch(() => {}) // the client went away
      .finally(() => streams.delete(sender))
    return Response.builder()
      .header('content-type', 'text/event-stream')
      .header('cache-control', 'no-cache')
      .body(body)
  },
  { onClose: () => streams.forEach((s) => s.close()) }
)
