import { Body, Response } from '../src/index.js'
import type { BodySender } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, req, serve } from './support/serve.js'

afterEach(cleanup)

const MiB = 1024 * 1024

/** Resolves once `blocked()` has stayed true for `ms`, or `done()` became true. */
async function stalled(blocked: () => boolean, done: () => boolean, ms = 150): Promise<void> {
  let since = 0
  for (;;) {
    if (done()) return
    const now = Date.now()
    if (!blocked()) since = 0
    else if (since === 0) since = now
    else if (now - since >= ms) return
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('backpressure', () => {
  it('a slow reader does not make the server buffer the whole response', async () => {
    const total = 256 * MiB
    const block = new Uint8Array(MiB)
    let accepted = 0
    let waiting = false
    let finished = false
    const produce = async (sender: BodySender): Promise<void> => {
      while (accepted < total) {
        const p = sender.send(block)
        waiting = true
        await p
        waiting = false
        accepted += block.length
      }
      sender.close()
      finished = true
    }
    const server = await serve({
      service: () => {
        const [sender, body] = Body.channel({ highWaterMark: MiB })
        void produce(sender).catch(() => undefined)
        return Response.builder().body(Body.from(body, { length: total }))
      },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/'))
    await c.readUntil('\r\n\r\n')
    c.socket.pause()
    await stalled(
      () => waiting,
      () => finished
    )
    expect(finished).toBe(false)
    expect(accepted).toBeLessThan(64 * MiB)
    let received = c.buffered.length
    c.socket.removeAllListeners('data')
    c.socket.on('data', (d: Buffer) => (received += d.length))
    c.socket.resume()
    await stalled(
      () => false,
      () => received >= total
    )
    expect(received).toBe(total)
  }, 30_000)

  it('the socket is paused while the request body is not read', async () => {
    const total = 256 * MiB
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    const server = await serve({
      service: async (r) => {
        await gate
        let n = 0
        for await (const chunk of r.body) n += chunk.length
        return Response.builder().body(String(n))
      },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('POST', '/', `content-length: ${total}`))
    const block = Buffer.alloc(MiB)
    let sent = 0
    let waiting = false
    const upload = (async () => {
      while (sent < total) {
        const ok = c.socket.write(block)
        sent += block.length
        if (!ok) {
          waiting = true
          await new Promise((r) => c.socket.once('drain', r))
          waiting = false
        }
      }
    })()
    await stalled(
      () => waiting,
      () => sent >= total
    )
    expect(sent).toBeLessThan(64 * MiB)
    release()
    await upload
    const res = await c.readResponse({ timeout: 20_000 })
    expect(res.body.toString()).toBe(String(total))
  }, 30_000)
})
