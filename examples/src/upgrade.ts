// touché's line protocol: a request with `Upgrade: line-protocol` gets 101 Switching Protocols,
// then the connection echoes every line it receives until the line `quit`.
import { createInterface } from 'node:readline'
import type { Duplex } from 'node:stream'
import { Response, StatusCode, Upgrade } from '@touche/touche'
import { serveExample } from './cli-args.js'

async function lineProtocol(socket: Duplex, head: Uint8Array): Promise<void> {
  if (head.length > 0) socket.unshift(head) // bytes the client sent right after its request
  for await (const line of createInterface({ input: socket, crlfDelay: Infinity })) {
    if (line === 'quit') break
    socket.write(`${line}\n`)
  }
  socket.end()
}

await serveExample((req) => {
  if (req.headers.get('upgrade')?.toLowerCase() !== 'line-protocol') {
    return Response.builder()
      .status(StatusCode.UPGRADE_REQUIRED)
      .header('upgrade', 'line-protocol')
      .header('connection', 'upgrade')
      .body('send Upgrade: line-protocol, then lines; quit ends\n')
  }
  return Response.builder()
    .status(StatusCode.SWITCHING_PROTOCOLS)
    .header('upgrade', 'line-protocol')
    .header('connection', 'upgrade')
    .extension(Upgrade, new Upgrade(lineProtocol))
    .body(null)
})
