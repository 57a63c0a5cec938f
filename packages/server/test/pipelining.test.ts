import { createServer } from 'node:net'
import type { AddressInfo, Socket } from 'node:net'
import type { Body, Request } from '../src/index.js'
import { Response, serveConnection } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, req, serve } from './support/serve.js'

afterEach(cleanup)

const echoPath = (r: Request<Body>): Response<string> => Response.builder().body(r.uri.path)

describe('pipelining', () => {
  it('pipelined requests get responses in order', async () => {
    const server = await serve({ service: echoPath })
    const c = await connect(server.addr)
    c.writeRaw(Array.from({ length: 10 }, (_, i) => req('GET', `/${i}`)).join(''))
    for (let i = 0; i < 10; i++) {
      expect((await c.readResponse()).body.toString()).toBe(`/${i}`)
    }
  })

  it('keeps order when later handlers finish first', async () => {
    const delays = [30, 0, 10, 0]
    const server = await serve({
      service: async (r) => {
        const i = Number(r.uri.path.slice(1))
        await new Promise((resolve) => setTimeout(resolve, delays[i]))
        return Response.builder().body(`/${i}`)
      },
    })
    const c = await connect(server.addr)
    c.writeRaw(delays.map((_, i) => req('GET', `/${i}`)).join(''))
    for (let i = 0; i < delays.length; i++) {
      expect((await c.readResponse()).body.toString()).toBe(`/${i}`)
    }
  })

  it('writes the responses of one batch of requests in one write', async () => {
    const server = await serve({ service: echoPath })
    const c = await connect(server.addr)
    const chunks: number[] = []
    c.socket.on('data', (d: Buffer) => chunks.push(d.length))
    c.writeRaw(Array.from({ length: 16 }, (_, i) => req('GET', `/${i}`)).join(''))
    for (let i = 0; i < 16; i++) await c.readResponse()
    expect(chunks.length).toBe(1)
  })

  it('does not process a request sent after connection: close', async () => {
    const seen: string[] = []
    const server = await serve({
      service: (r) => {
        seen.push(r.uri.path)
        return Response.builder().body('ok')
      },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/a', 'connection: close') + req('GET', '/b'))
    const res = await c.readResponse()
    expect(res.headers.get('connection')).toBe('close')
    const rest = await c.readUntilClose()
    expect(rest.length).toBe(0)
    expect(seen).toEqual(['/a'])
  })

  it('answers an invalid request after the earlier responses', async () => {
    const server = await serve({
      service: async (r) => {
        await new Promise((resolve) => setTimeout(resolve, 20))
        return echoPath(r)
      },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/1') + req('GET', '/2') + 'GET / HTTP/1.1\r\nbad header\r\n\r\n')
    expect((await c.readResponse()).body.toString()).toBe('/1')
    expect((await c.readResponse()).body.toString()).toBe('/2')
    const err = await c.readResponse()
    expect(err.status).toBe(400)
    expect(err.headers.get('connection')).toBe('close')
    await c.waitClosed()
  })

  it.each([
    ['a malformed chunk size', 'zz\r\n'],
    ['a malformed trailer section', '3\r\nabc\r\n0\r\nbad trailer\r\n\r\n'],
  ])('answers earlier requests before a body with %s, then 400 and close', async (_n, bad) => {
    const server = await serve({ service: echoPath })
    const c = await connect(server.addr)
    c.writeRaw(
      req('GET', '/p0') +
        req('GET', '/p1') +
        req('POST', '/bad', 'transfer-encoding: chunked') +
        bad
    )
    for (const path of ['/p0', '/p1']) {
      const res = await c.readResponse()
      expect(res.status).toBe(200)
      expect(res.body.toString()).toBe(path)
      expect(res.headers.has('connection')).toBe(false)
    }
    const err = await c.readResponse()
    expect(err.status).toBe(400)
    expect(err.headers.get('connection')).toBe('close')
    await c.waitClosed()
    expect(server.errors.map((e) => e.code)).toEqual(['ERR_SERVER_PARSE'])
  })

  it('answers a slow earlier request before a malformed body that arrives later', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const server = await serve({
      service: async (r) => {
        if (r.uri.path === '/slow') await gate
        if (r.method.toString() === 'POST') await r.body.text()
        return echoPath(r)
      },
      // The slow handler finishes only once the server has seen the malformed body.
      options: { onError: (e) => e.isParse() && release() },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/slow') + req('GET', '/p1'))
    c.writeRaw(req('POST', '/bad', 'transfer-encoding: chunked') + '5\r\nab')
    c.writeRaw('cde\r\nnot-a-size\r\n')
    expect((await c.readResponse()).body.toString()).toBe('/slow')
    expect((await c.readResponse()).body.toString()).toBe('/p1')
    expect((await c.readResponse()).status).toBe(400)
    await c.waitClosed()
  })

  it('parses the successor only after the body is read', async () => {
    const order: string[] = []
    const server = await serve({
      service: async (r) => {
        order.push(`start ${r.uri.path}`)
        await new Promise((resolve) => setTimeout(resolve, 20))
        order.push(`read ${r.uri.path}`)
        return Response.builder().body(await r.body.text())
      },
    })
    const c = await connect(server.addr)
    c.writeRaw(
      req('POST', '/a', 'content-length: 3') + 'abc' + req('POST', '/b', 'content-length: 2') + 'de'
    )
    expect((await c.readResponse()).body.toString()).toBe('abc')
    expect((await c.readResponse()).body.toString()).toBe('de')
    expect(order).toEqual(['start /a', 'read /a', 'start /b', 'read /b'])
  })

  it('reads on while a received body waits for its handler, and stops when the next request comes', async () => {
    // Stopping and restarting a socket's reads costs two system calls per request.
    const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    let started = 0
    let served: Socket | null = null
    const listener = createServer({ allowHalfOpen: true }, (socket) => {
      served = socket
      void serveConnection(socket, async (r) => {
        started++
        await gate
        return Response.builder().body(await r.body.text())
      })
    })
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
    try {
      const c = await connect({ port: (listener.address() as AddressInfo).port })
      c.writeRaw(req('POST', '/a', 'content-length: 3') + 'abc')
      while (started < 1) await turn()
      const socket = served as unknown as Socket
      expect(socket.isPaused()).toBe(false)
      c.writeRaw(req('POST', '/b', 'content-length: 2') + 'de')
      while (!socket.isPaused()) await turn()
      release()
      expect((await c.readResponse()).body.toString()).toBe('abc')
      expect((await c.readResponse()).body.toString()).toBe('de')
      c.socket.destroy()
    } finally {
      listener.close()
    }
  })

  it('answers a pipelined echo whose body ends while its response is being written', async () => {
    // The pump reads what has arrived at once; the read that ends the body lets the reader go
    // on, which must not write the same response again.
    const server = await serve({
      service: async (r) => Response.builder().body(r.uri.path === '/echo' ? r.body : 'plain'),
    })
    const c = await connect(server.addr)
    c.writeRaw(
      req('GET', '/') + req('POST', '/echo', 'content-length: 3', 'connection: close') + 'xyz'
    )
    expect((await c.readResponse()).body.toString()).toBe('plain')
    expect((await c.readResponse()).body.toString()).toBe('xyz')
    expect((await c.readUntilClose()).length).toBe(0)
  })

  it('parses the successor after an unread body once the response is written', async () => {
    const server = await serve({ service: echoPath })
    const c = await connect(server.addr)
    c.writeRaw(
      req('POST', '/a', 'content-length: 3') + 'abc' + req('POST', '/b', 'content-length: 2') + 'de'
    )
    expect((await c.readResponse()).body.toString()).toBe('/a')
    expect((await c.readResponse()).body.toString()).toBe('/b')
  })

  it('pauses reading when maxPipelinedRequests handlers are pending', async () => {
    let started = 0
    const gates: (() => void)[] = []
    const server = await serve({
      options: { maxPipelinedRequests: 2 },
      service: (r) => {
        started++
        return new Promise<Response<string>>((resolve) =>
          gates.push(() => resolve(Response.builder().body(r.uri.path)))
        )
      },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/1') + req('GET', '/2') + req('GET', '/3'))
    // The three heads arrive in one read: a third handler would have started with the others.
    while (started < 2) await new Promise((r) => setImmediate(r))
    expect(started).toBe(2)
    gates.shift()!()
    expect((await c.readResponse()).body.toString()).toBe('/1')
    while (started < 3) await new Promise((r) => setImmediate(r))
    gates.shift()!()
    gates.shift()!()
    expect((await c.readResponse()).body.toString()).toBe('/2')
    expect((await c.readResponse()).body.toString()).toBe('/3')
  })

  it('serves a large pipeline across several turns', async () => {
    const server = await serve({ service: echoPath })
    const c = await connect(server.addr)
    const n = 500
    c.writeRaw(Array.from({ length: n }, (_, i) => req('GET', `/${i}`)).join(''))
    for (let i = 0; i < n; i++) expect((await c.readResponse()).body.toString()).toBe(`/${i}`)
  })
})
