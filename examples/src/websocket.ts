// WebSockets with the ws library on touche: every message is echoed to its sender and broadcast
// to the others. ws takes the connection from the server's 'upgrade' event exactly as it does
// from node:http's; touche serves the page and every other request.
import { Response } from '@touche/touche'
import { WebSocket, WebSocketServer } from 'ws'
import { serveExample } from './cli-args.js'

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>touche + ws</title>
<input id="text" placeholder="say something" autofocus> <button id="send">send</button>
<pre id="log"></pre>
<script>
  const log = (line) => (document.getElementById('log').textContent += line + '\\n')
  const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/ws')
  ws.onopen = () => log('connected')
  ws.onmessage = (event) => log(event.data)
  ws.onclose = () => log('closed')
  document.getElementById('send').onclick = () => {
    const input = document.getElementById('text')
    ws.send(input.value)
    input.value = ''
  }
</script>
`

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: true })
wss.on('connection', (ws) => {
  ws.on('error', () => ws.terminate())
  ws.on('message', (data, isBinary) => {
    const text = isBinary ? '(binary)' : String(data)
    ws.send(`echo: ${text}`)
    for (const other of wss.clients) {
      if (other !== ws && other.readyState === WebSocket.OPEN) other.send(`someone: ${text}`)
    }
  })
})

const server = await serveExample(
  (req) =>
    req.uri.path === '/'
      ? Response.builder().header('content-type', 'text/html; charset=utf-8').body(PAGE)
      : Response.builder().status(404).body('see /\n'),
  { onClose: () => wss.clients.forEach((ws) => ws.close(1001, 'server shutting down')) }
)
server.on('upgrade', (req, socket, head) => {
  if (req.url !== '/ws') {
    socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n')
    return
  }
  wss.handleUpgrade(req as never, socket, head, (ws) => wss.emit('connection', ws, req))
})
