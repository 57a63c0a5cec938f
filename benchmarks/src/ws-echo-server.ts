// The ws echo server the WebSocket benchmarks measure, on touche's 'upgrade' event or on
// node:http's: the same ws code, only the HTTP server differs.
import { WebSocketServer } from 'ws'
import type { Duplex } from 'node:stream'

/**
 * A ws server that echoes every message, and the `'upgrade'` listener that hands it sockets.
 *
 * @example
 * server.on('upgrade', wsEcho())
 */
export function wsEcho(): (req: unknown, socket: Duplex, head: Buffer) => void {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
  wss.on('connection', (ws) => {
    ws.on('error', () => ws.terminate())
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }))
  })
  return (req, socket, head) =>
    wss.handleUpgrade(req as never, socket, head, (ws) => wss.emit('connection', ws, req))
}
