import { Response } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, req, serve } from './support/serve.js'

afterEach(cleanup)

const ok = (): Response<string> => Response.builder().body('ok')

describe('header read timeout', () => {
  it('answers 408 and closes when a head is not finished in time', async () => {
    const server = await serve({ service: ok, options: { headerReadTimeout: 80 } })
    const c = await connect(server.addr)
    c.writeRaw('GET / HTTP/1.1\r\nhost: x\r\n')
    const res = await c.readResponse()
    expect(res.status).toBe(408)
    expect(res.headers.get('connection')).toBe('close')
    await c.waitClosed()
    expect(server.errors[0]?.code).toBe('ERR_SERVER_HEADER_TIMEOUT')
    expect(server.errors[0]?.isTimeout()).toBe(true)
  })

  it('is not extended by a client trickling bytes (slow-loris)', async () => {
    const server = await serve({ service: ok, options: { headerReadTimeout: 150 } })
    const c = await connect(server.addr)
    const start = Date.now()
    const trickle = setInterval(() => {
      if (!c.socket.destroyed && !c.ended) c.writeRaw('x')
    }, 10)
    try {
      c.writeRaw('GET / HTTP/1.1\r\nx-slow: ')
      const res = await c.readResponse()
      expect(res.status).toBe(408)
      expect(Date.now() - start).toBeLessThan(1000)
    } finally {
      clearInterval(trickle)
    }
  })

  it('closes a connection that sends nothing, without a response', async () => {
    const server = await serve({ service: ok, options: { headerReadTimeout: 50 } })
    const c = await connect(server.addr)
    expect((await c.readUntilClose()).length).toBe(0)
    expect(server.errors).toHaveLength(0)
  })

  it('applies to the next pipelined head too', async () => {
    const server = await serve({ service: ok, options: { headerReadTimeout: 80 } })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/') + 'GET /next HTTP/1.1\r\n')
    expect((await c.readResponse()).status).toBe(200)
    expect((await c.readResponse()).status).toBe(408)
  })
})

describe('body read timeout', () => {
  it('fails the body when it stops arriving; the handler error becomes 408', async () => {
    const server = await serve({
      service: async (r) => Response.builder().body(await r.body.text()),
      options: { bodyReadTimeout: 80 },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('POST', '/', 'content-length: 10') + 'abc')
    const res = await c.readResponse()
    expect(res.status).toBe(408)
    expect(res.headers.get('connection')).toBe('close')
    await c.waitClosed()
    expect(server.errors.map((e) => e.code)).toContain('ERR_SERVER_BODY_READ_TIMEOUT')
  })
})

describe('draining unread bodies', () => {
  it('drains a small unread body and keeps the connection', async () => {
    const server = await serve({ service: (r) => Response.builder().body(r.uri.path) })
    const c = await connect(server.addr)
    c.writeRaw(req('POST', '/a', 'content-length: 10') + 'abcde')
    expect((await c.readResponse()).body.toString()).toBe('/a')
    c.writeRaw('fghij' + req('GET', '/b'))
    expect((await c.readResponse()).body.toString()).toBe('/b')
  })

  it('closes instead of draining a body over maxDrainBytes', async () => {
    const server = await serve({
      service: () => Response.builder().body('early'),
      options: { maxDrainBytes: 1000 },
    })
    const c = await connect(server.addr)
    const res = await c.request(req('POST', '/', 'content-length: 100000') + 'x'.repeat(100))
    expect(res.body.toString()).toBe('early')
    expect(res.headers.get('connection')).toBe('close')
    await c.waitClosed()
  })

  it('closes when a chunked body goes over the drain budget', async () => {
    const server = await serve({
      service: () => Response.builder().body('early'),
      options: { maxDrainBytes: 1000 },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('POST', '/', 'transfer-encoding: chunked'))
    const res = await c.readResponse()
    expect(res.headers.has('connection')).toBe(false)
    c.writeRaw(('100\r\n' + 'y'.repeat(256) + '\r\n').repeat(8))
    await c.waitClosed()
  })

  it('keeps a connection whose large body is echoed back', async () => {
    const server = await serve({
      service: (r) => Response.builder().body(r.body),
      options: { maxDrainBytes: 1000 },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('POST', '/', 'content-length: 100000'))
    c.writeRaw('e'.repeat(100_000))
    const res = await c.readResponse()
    expect(res.headers.has('connection')).toBe(false)
    expect(res.body.length).toBe(100_000)
    expect((await c.request(req('GET', '/'))).status).toBe(200)
  })

  it('closes when the drain takes longer than drainTimeout', async () => {
    const server = await serve({
      service: () => Response.builder().body('early'),
      options: { drainTimeout: 60 },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('POST', '/', 'content-length: 10') + 'abc')
    await c.readResponse()
    await c.waitClosed(2000)
  })
})
