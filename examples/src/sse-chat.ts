// A chat over server-sent events: GET / serves the page, GET /events subscribes, and each
// POST /messages is broadcast to every subscriber.
import { Body, Response } from '@touche/touche'
import type { BodySender } from '@touche/touche'
import { serveExample } from './cli-args.js'

/** Longest message accepted, in bytes. */
const MAX_MESSAGE = 1024

const PAGE = `<!doctype html>
<meta charset="utf-8"><title>touche chat</title>
<ul id="log"></ul>
<form id="form"><input id="text" autocomplete="off" autofocus><button>send</button></form>
<script>
  new EventSource('/events').onmessage = (e) => {
    const li = document.createElement('li')
    li.textContent = e.data
    document.getElementById('log').append(li)
  }
  document.getElementById('form').onsubmit = (e) => {
    e.preventDefault()
    fetch('/messages', { method: 'POST', body: document.getElementById('text').value })
    document.getElementById('text').value = ''
  }
</script>
`
/** Each subscriber with the tail of its sends, so messages stay in order per client. */
const subscribers = new Map<BodySender, Promise<void>>()

function broadcast(text: string): void {
  // One `data:` field per line: an event ends at the first blank line (WHATWG HTML §9.2.6).
  const event =
    text
      .split(/\r\n|\r|\n/)
      .map((line) => `data: ${line}\n`)
      .join('') + '\n'
  for (const [sender, tail] of subscribers) {
    const next = tail.then(() => sender.send(event))
    subscribers.set(
      sender,
      next.catch(() => void subscribers.delete(sender))
    )
  }
}

await serveExample(
  async (req) => {
    const route = `${req.method.toString()} ${req.uri.path}`
    if (route === 'GET /events') {
      const [sender, body] = Body.channel()
      subscribers.set(
        sender,
        sender.send(': welcome\n\n').catch(() => void subscribers.delete(sender))
      )
      return Response.builder()
        .header('content-type', 'text/event-stream')
        .header('cache-control', 'no-cache')
        .body(body)
    }
    if (route === 'POST /messages') {
      const text = await req.body.text()
      if (Buffer.byteLength(text) > MAX_MESSAGE) return Response.builder().status(413).body(null)
      broadcast(text)
      return Response.builder().status(204).body(null)
    }
    return Response.builder().header('content-type', 'text/html; charset=utf-8').body(PAGE)
  },
  { onClose: () => subscribers.forEach((_tail, sender) => sender.close()) }
)
