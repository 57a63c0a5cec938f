// The WebSocket handshake load: N loops, each opening a TCP connection, sending one upgrade
// request, checking the 101 and its Sec-WebSocket-Accept, sending a close frame and waiting for
// the server to close, for S seconds; prints { count: handshakes, errors, seconds }.
//
// Raw sockets, not the `ws` client: `ws` spends more CPU per handshake (key generation, a SHA-1
// check, its own parser and timers) than either server does, so with it on the generator's core
// the benchmark measures the client. The servers still run `ws` and do the whole handshake.
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
  },
})
const port = Number(values.port)
const until = Date.now() + Number(values.seconds) * 1000

// RFC 6455 §1.3's sample key and the accept value it must produce.
const REQUEST = Buffer.from(
  'GET /ws HTTP/1.1\r\n' +
    `Host: 127.0.0.1:${port}\r\n` +
    'Upgrade: websocket\r\n' +
    'Connection: Upgrade\r\n' +
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
    'Sec-WebSocket-Version: 13\r\n\r\n',
  'latin1'
)
const ACCEPT = 'sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo='

// A masked close frame with status 1000 (RFC 6455 §5.5.1): a client's frames are masked.
const MASK = [0x11, 0x22, 0x33, 0x44]
const CLOSE = Buffer.from([0x88, 0x82, ...MASK, 0x03 ^ MASK[0]!, 0xe8 ^ MASK[1]!])

/**
 * One handshake and close from `localAddress`; resolves true when the server answered 101 with
 * the right accept.
 */
function handshake(localAddress: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ port, host: '127.0.0.1', localAddress })
    let head = ''
    let upgraded = false
    socket.setNoDelay(true)
    socket.on('connect', () => socket.write(REQUEST))
    socket.on('data', (chunk: Buffer) => {
      if (upgraded) return
      head += chunk.toString('latin1')
      const end = head.indexOf('\r\n\r\n')
      if (end === -1) return
      const lower = head.slice(0, end).toLowerCase()
      upgraded = lower.startsWith('http/1.1 101') && lower.includes(ACCEPT)
      if (upgraded) socket.write(CLOSE)
      else socket.destroy()
    })
    // The server answers the close frame with its own and closes (RFC 6455 §5.5.1).
    socket.on('end', () => socket.end())
    socket.on('error', () => socket.destroy())
    socket.on('close', () => resolve(upgraded))
  })
}

// Each loop connects from an address of its own in 127/8: thousands of closed connections per
// second wait out TIME_WAIT (RFC 9293 §3.6.1), and one source address would run out of ports.
async function loop(_: unknown, i: number): Promise<[number, number]> {
  const localAddress = `127.0.${1 + (i >> 8)}.${i & 0xff}`
  let count = 0
  let errors = 0
  while (Date.now() < until) {
    if (await handshake(localAddress)) count++
    else errors++
  }
  return [count, errors]
}

const started = performance.now()
const results = await Promise.all(Array.from({ length: Number(values.connections) }, loop))
const seconds = (performance.now() - started) / 1000
const count = results.reduce((sum, [c]) => sum + c, 0)
const errors = results.reduce((sum, [, e]) => sum + e, 0)
process.stdout.write(JSON.stringify({ count, errors, seconds }) + '\n')
