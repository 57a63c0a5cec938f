import { Response } from '../src/index.js'
import type { Body, Request } from '../src/index.js'
import { connect } from './support/raw-client.js'
import type { RawClient } from './support/raw-client.js'
import { cleanup, req, serve } from './support/serve.js'

afterEach(cleanup)

const echo = async (r: Request<Body>): Promise<Response<string>> =>
  Response.builder().body(await r.body.text())

/** Writes `chunk` every `ms` until the connection closes or `times` writes are done. */
function trickle(c: RawClient, chunk: string, ms: number, times: number): () => void {
  let n = 0
  const timer = setInterval(() => {
    if (c.socket.destroyed || c.ended || n++ >= times) clearInterval(timer)
    else c.writeRaw(chunk)
  }, ms)
  return () => clearInterval(timer)
}

describe('request bodies slower than bodyMinRate', () => {
  it('cuts a trickling body after the grace with 408 and close', async () => {
    const server = await serve({
      service: echo,
      options: { bodyMinRate: 1000, bodyRateGrace: 100 },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('POST', '/', 'content-length: 10000'))
    const stop = trickle(c, 'x', 10, 1000)
    try {
      const res = await c.readResponse()
      expect(res.status).toBe(408)
      expect(res.headers.get('connection')).toBe('close')
      await c.waitClosed()
    } finally {
      stop()
    }
    expect(server.errors.map((e) => e.code)).toContain('ERR_SERVER_BODY_TOO_SLOW')
  })

  it('does not cut a body that keeps well above the rate for longer than the grace', async () => {
    const server = await serve({
      service: echo,
      options: { bodyMinRate: 1000, bodyRateGrace: 30 },
    })
    const c = await connect(server.addr)
    // 1,000 bytes at once, then every 10 ms: 100 times the rate, for about 200 ms. Each 1,000
    // bytes buy a second, so a stalled client (a loaded machine) does not fail the test.
    c.writeRaw(req('POST', '/', 'content-length: 20000') + 'y'.repeat(1000))
    const stop = trickle(c, 'y'.repeat(1000), 10, 19)
    try {
      const res = await c.readResponse()
      expect(res.status).toBe(200)
      expect(res.body.length).toBe(20000)
    } finally {
      stop()
    }
  })

  it('does not count the time the handler leaves its queue full', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const server = await serve({
      service: async (r) => {
        await gate
        return echo(r)
      },
      // 64 KiB buys 64 ms of waiting at this rate; the handler holds the body far longer.
      options: { bodyMinRate: 1_000_000, bodyRateGrace: 20, bodyHighWaterMark: 1024 },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('POST', '/', 'content-length: 200000') + 'z'.repeat(200_000))
    setTimeout(release, 300)
    const res = await c.readResponse()
    expect(res.status).toBe(200)
    expect(res.body.length).toBe(200_000)
  })

  it('requestTimeout caps the whole request even at a fair rate', async () => {
    const server = await serve({
      service: echo,
      options: { requestTimeout: 150, bodyMinRate: 0 },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('POST', '/', 'content-length: 100000'))
    const stop = trickle(c, 'w'.repeat(100), 10, 1000)
    try {
      const res = await c.readResponse()
      expect(res.status).toBe(408)
      await c.waitClosed()
    } finally {
      stop()
    }
    expect(server.errors.map((e) => e.code)).toContain('ERR_SERVER_REQUEST_TIMEOUT')
  })

  it('requestTimeout shorter than headerReadTimeout cuts a slow head', async () => {
    const server = await serve({
      service: echo,
      options: { requestTimeout: 80, headerReadTimeout: 60_000 },
    })
    const c = await connect(server.addr)
    c.writeRaw('GET / HTTP/1.1\r\nhost: x\r\n')
    const res = await c.readResponse()
    expect(res.status).toBe(408)
    expect(server.errors.map((e) => e.code)).toEqual(['ERR_SERVER_REQUEST_TIMEOUT'])
  })
})
