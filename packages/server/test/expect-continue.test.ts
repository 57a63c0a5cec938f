import { HeaderMap, Informational, Response, StatusCode } from '../src/index.js'
import type { Body, Request, ServiceObject } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, req, serve } from './support/serve.js'

afterEach(cleanup)

const expect100 = (length: number): string =>
  req('POST', '/', `content-length: ${length}`, 'expect: 100-continue')

describe('100-continue', () => {
  it('sends 100 Continue when the handler reads the body', async () => {
    const server = await serve()
    const c = await connect(server.addr)
    c.writeRaw(expect100(5))
    const interim = await c.readResponse()
    expect(interim.head).toBe('HTTP/1.1 100 Continue')
    c.writeRaw('hello')
    const res = await c.readResponse()
    expect(res.status).toBe(200)
    expect((await server.received()).body).toBe('hello')
  })

  it.each([
    ['as a stream', (r: Request<Body>) => Response.builder().body(r.body.stream())],
    ['as the Body itself', (r: Request<Body>) => Response.builder().body(r.body)],
  ])('sends 100 before the final head when the handler echoes the body %s', async (_n, echo) => {
    const server = await serve({ service: echo })
    const c = await connect(server.addr)
    c.writeRaw(expect100(5))
    const interim = await c.readResponse()
    expect(interim.status).toBe(100)
    c.writeRaw('hello')
    const res = await c.readResponse()
    expect(res.status).toBe(200)
    expect(res.body.toString()).toBe('hello')
    expect(res.headers.has('connection')).toBe(false)
    expect((await c.request(req('GET', '/'))).status).toBe(200)
  })

  it('sends no 100 when the handler never reads, and closes', async () => {
    const server = await serve({ service: () => Response.builder().status(403).body('no') })
    const c = await connect(server.addr)
    const res = await c.request(expect100(5))
    expect(res.status).toBe(403)
    expect(res.headers.get('connection')).toBe('close')
    c.writeRaw('hello')
    expect((await c.readUntilClose()).length).toBe(0)
  })

  it.each([
    ['a status', () => StatusCode.CONTENT_TOO_LARGE, 413],
    ['false', () => false, 417],
    ['a response', () => Response.builder().status(401).body('who?'), 401],
    ['a promise', () => Promise.resolve(StatusCode.EXPECTATION_FAILED), 417],
  ])('shouldContinue answering %s is the final response', async (_n, decide, status) => {
    let called = false
    const service: ServiceObject = {
      shouldContinue: decide,
      call: () => {
        called = true
        return Response.builder().body('handled')
      },
    }
    const server = await serve({ service })
    const c = await connect(server.addr)
    const res = await c.request(expect100(1_000_000))
    expect(res.status).toBe(status)
    expect(res.headers.get('connection')).toBe('close')
    await c.waitClosed()
    expect(called).toBe(false)
  })

  it('shouldContinue answering true lets the handler read', async () => {
    const service: ServiceObject = {
      shouldContinue: () => true,
      call: async (r) => Response.builder().body(await r.body.text()),
    }
    const server = await serve({ service })
    const c = await connect(server.addr)
    c.writeRaw(expect100(3))
    expect((await c.readResponse()).status).toBe(100)
    c.writeRaw('abc')
    expect((await c.readResponse()).body.toString()).toBe('abc')
  })

  it('sends 100 only after the responses of earlier pipelined requests', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    let asked: () => void = () => undefined
    const reading = new Promise<void>((r) => (asked = r))
    const server = await serve({
      service: async (r) => {
        if (r.uri.path === '/slow') await gate
        const text = r.body.text()
        asked()
        return Response.builder().body(await text)
      },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/slow') + expect100(2))
    // The second handler has asked for its body while /slow is pending: a 100 sent now would come
    // before /slow's 200 on the wire, which the reads below check by framing.
    await reading
    release()
    expect((await c.readResponse()).status).toBe(200)
    expect((await c.readResponse()).status).toBe(100)
    c.writeRaw('ok')
    expect((await c.readResponse()).body.toString()).toBe('ok')
  })
})

describe('informational responses', () => {
  it('sends 103 Early Hints before the final response', async () => {
    const server = await serve({
      service: async (r) => {
        const hints = new HeaderMap()
        hints.append('link', '</style.css>; rel=preload')
        r.extensions.get(Informational)?.send(StatusCode.EARLY_HINTS, hints)
        await new Promise((resolve) => setTimeout(resolve, 5))
        return Response.builder().body('final')
      },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/'))
    const hints = await c.readResponse()
    expect(hints.status).toBe(103)
    expect(hints.headers.get('link')).toBe('</style.css>; rel=preload')
    const res = await c.readResponse()
    expect(res.body.toString()).toBe('final')
  })

  it('rejects a non-informational status', async () => {
    let error: unknown = null
    const server = await serve({
      service: (r) => {
        try {
          r.extensions.get(Informational)?.send(200)
        } catch (e) {
          error = e
        }
        return Response.builder().body('')
      },
    })
    const c = await connect(server.addr)
    await c.request(req('GET', '/'))
    expect(error).toBeInstanceOf(RangeError)
  })
})
