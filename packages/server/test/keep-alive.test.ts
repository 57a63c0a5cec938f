import { Response, StatusCode } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, req, serve } from './support/serve.js'

afterEach(cleanup)

const hello = (): Response<string> => Response.builder().status(StatusCode.OK).body('Hello World')

describe('keep-alive', () => {
  it('answers hello world with content-length and date', async () => {
    const server = await serve({ service: hello })
    const c = await connect(server.addr)
    const res = await c.request(req('GET', '/'))
    expect(res.status).toBe(200)
    expect(res.head.split('\r\n')[0]).toBe('HTTP/1.1 200 OK')
    expect(res.headers.get('content-length')).toBe('11')
    expect(res.headers.get('date')).toMatch(/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/)
    expect(res.headers.has('connection')).toBe(false)
    expect(res.body.toString()).toBe('Hello World')
  })

  it('tells the client how long an idle connection is kept (Keep-Alive: timeout)', async () => {
    const server = await serve({ service: hello, options: { keepAliveTimeout: 7_500 } })
    const c = await connect(server.addr)
    const res = await c.request(req('GET', '/'))
    expect(res.headers.get('keep-alive')).toBe('timeout=7')
    const last = await c.request(req('GET', '/', 'connection: close'))
    expect(last.headers.has('keep-alive')).toBe(false)
  })

  it('sends no Keep-Alive timeout when idle connections are never timed out', async () => {
    const server = await serve({ service: hello, options: { keepAliveTimeout: 0 } })
    const c = await connect(server.addr)
    expect((await c.request(req('GET', '/'))).headers.has('keep-alive')).toBe(false)
  })

  it('serves many requests on one connection', async () => {
    const server = await serve({ service: hello })
    const c = await connect(server.addr)
    for (let i = 0; i < 20; i++) {
      const res = await c.request(req('GET', `/${i}`))
      expect(res.body.toString()).toBe('Hello World')
    }
    expect(c.ended).toBe(false)
  })

  it('closes after a request with connection: close', async () => {
    const server = await serve({ service: hello })
    const c = await connect(server.addr)
    const res = await c.request(req('GET', '/', 'connection: close'))
    expect(res.headers.get('connection')).toBe('close')
    await c.waitClosed()
  })

  it('closes after a response with connection: close', async () => {
    const server = await serve({
      service: () => Response.builder().header('connection', 'close').body('bye'),
    })
    const c = await connect(server.addr)
    const res = await c.request(req('GET', '/'))
    expect(res.headers.get('connection')).toBe('close')
    expect(res.body.toString()).toBe('bye')
    await c.waitClosed()
  })

  it('closes an idle connection after keepAliveTimeout, and not between requests', async () => {
    const server = await serve({ service: hello, options: { keepAliveTimeout: 50 } })
    const c = await connect(server.addr)
    for (let i = 0; i < 3; i++) expect((await c.request(req('GET', '/'))).status).toBe(200)
    await c.waitClosed(2000)
    expect(server.errors).toHaveLength(0)
  })

  it('keepAlive: false closes after every response', async () => {
    const server = await serve({ service: hello, options: { keepAlive: false } })
    const c = await connect(server.addr)
    const res = await c.request(req('GET', '/'))
    expect(res.headers.get('connection')).toBe('close')
    await c.waitClosed()
  })

  it('keepAlive: false closes after an async response to a pipelined request', async () => {
    const server = await serve({
      options: { keepAlive: false },
      service: async () => {
        await new Promise((r) => setTimeout(r, 10))
        return hello()
      },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/') + req('GET', '/'))
    const res = await c.readResponse()
    expect(res.headers.get('connection')).toBe('close')
    expect((await c.readUntilClose()).length).toBe(0)
  })

  it('answers requests sent before the client half-closes', async () => {
    const server = await serve({ service: hello })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/a') + req('GET', '/b'))
    c.end()
    const all = (await c.readUntilClose()).toString()
    expect(all.match(/HTTP\/1.1 200 OK/g)).toHaveLength(2)
  })
})
