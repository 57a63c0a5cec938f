import { Response } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, req, serve } from './support/serve.js'

afterEach(cleanup)

const ok = (): Response<string> => Response.builder().body('ok')

describe('limits', () => {
  it('maxRequestsPerConnection closes after the last allowed request', async () => {
    const server = await serve({ service: ok, options: { maxRequestsPerConnection: 2 } })
    const c = await connect(server.addr)
    expect((await c.request(req('GET', '/'))).headers.has('connection')).toBe(false)
    const last = await c.request(req('GET', '/'))
    expect(last.headers.get('connection')).toBe('close')
    await c.waitClosed()
  })

  it('maxConnections makes further connections wait for a free slot', async () => {
    const server = await serve({ service: ok, options: { maxConnections: 1 } })
    const a = await connect(server.addr)
    expect((await a.request(req('GET', '/'))).status).toBe(200)
    const b = await connect(server.addr)
    b.writeRaw(req('GET', '/'))
    // The server holds b unread (bounded by Jest's timeout if it never does).
    while (server.handle.waiting === 0) await new Promise((r) => setImmediate(r))
    expect(server.handle.connections).toBe(1)
    expect(b.buffered.length).toBe(0)
    a.destroy()
    expect((await b.readResponse()).status).toBe(200)
    expect(server.handle.connections).toBe(1)
  })

  it('rejects invalid option values', async () => {
    await expect(serve({ options: { maxPipelinedRequests: 0 } })).rejects.toThrow(RangeError)
    await expect(serve({ options: { keepAliveTimeout: -1 } })).rejects.toThrow(RangeError)
  })
})

describe('header count', () => {
  it('serves a request with 150 small fields, far inside the byte limit', async () => {
    const server = await serve({ service: (r) => Response.builder().body(String(r.headers.size)) })
    const c = await connect(server.addr)
    const fields = Array.from({ length: 150 }, (_, i) => `x-trace-${i}: ${i}`)
    const res = await c.request(req('GET', '/', ...fields))
    expect(res.status).toBe(200)
    expect(res.body.toString()).toBe('151')
  })

  it('still answers 431 when the fields pass the byte limit', async () => {
    const server = await serve({ service: ok })
    const c = await connect(server.addr)
    const fields = Array.from({ length: 1500 }, (_, i) => `x-trace-${i}: ${i}`)
    const res = await c.request(req('GET', '/', ...fields))
    expect(res.status).toBe(431)
  })
})
