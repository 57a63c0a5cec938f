// The WebSocket message load: N `ws` connections, each sending a message and waiting for its
// echo, for S seconds; prints { count: messages, seconds }. (Handshakes are measured by
// ws-handshake-client.ts.)
import { parseArgs } from 'node:util'
import { WebSocket } from 'ws'

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    bytes: { type: 'string', default: '64' },
  },
})
const url = `ws://127.0.0.1:${String(values.port)}/ws`
const connections = Number(values.connections)
const until = Date.now() + Number(values.seconds) * 1000
const message = Buffer.alloc(Number(values.bytes), 0x61)

function open(): Promise<WebSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false })
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

async function echoLoop(): Promise<number> {
  const ws = await open()
  let count = 0
  await new Promise<void>((resolve) => {
    ws.on('message', () => {
      count++
      if (Date.now() < until) ws.send(message)
      else resolve()
    })
    ws.send(message)
  })
  ws.terminate()
  return count
}

const started = performance.now()
const counts = await Promise.all(Array.from({ length: connections }, echoLoop))
const seconds = (performance.now() - started) / 1000
process.stdout.write(JSON.stringify({ count: counts.reduce((a, b) => a + b, 0), seconds }) + '\n')
