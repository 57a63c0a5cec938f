import { Body, HeaderMap, Response } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, req, serve } from './support/serve.js'

afterEach(cleanup)

describe('trailers', () => {
  it('receives request trailers through body.trailers()', async () => {
    const server = await serve()
    const c = await connect(server.addr)
    await c.request(
      req('POST', '/', 'transfer-encoding: chunked', 'trailer: x-sum') +
        '3\r\nabc\r\n0\r\nx-sum: 42\r\n\r\n'
    )
    const got = await server.received()
    expect(got.body).toBe('abc')
    expect(got.trailers?.get('x-sum')).toBe('42')
  })

  it('a body without trailers reports null', async () => {
    const server = await serve()
    const c = await connect(server.addr)
    await c.request(req('POST', '/', 'content-length: 1') + 'a')
    expect((await server.received()).trailers).toBeNull()
  })

  it('sends trailers from a channel body', async () => {
    const server = await serve({
      service: () => {
        const [sender, body] = Body.channel()
        void (async () => {
          await sender.send('data')
          const t = new HeaderMap()
          t.append('x-checksum', 'abc123')
          sender.sendTrailers(t)
        })()
        return Response.builder().header('trailer', 'x-checksum').body(body)
      },
    })
    const c = await connect(server.addr)
    const res = await c.request(req('GET', '/', 'te: trailers'))
    expect(res.headers.get('trailer')).toBe('x-checksum')
    expect(res.body.toString()).toBe('data')
    expect(res.trailers.get('x-checksum')).toBe('abc123')
  })

  it('sends trailers from a stream body with a trailers function', async () => {
    const server = await serve({
      service: () =>
        Response.builder()
          .header('trailer', 'x-count')
          .body(
            Body.from(
              (async function* () {
                yield new TextEncoder().encode('xyz')
              })(),
              { trailers: () => new HeaderMap({ 'x-count': '3' }) }
            )
          ),
    })
    const c = await connect(server.addr)
    const res = await c.request(req('GET', '/'))
    expect(res.trailers.get('x-count')).toBe('3')
  })

  it('a declared Trailer makes a known-length body chunked', async () => {
    const server = await serve({
      service: () => Response.builder().header('trailer', 'x-a').body('fixed'),
    })
    const c = await connect(server.addr)
    const res = await c.request(req('GET', '/'))
    expect(res.headers.get('transfer-encoding')).toBe('chunked')
    expect(res.body.toString()).toBe('fixed')
  })

  it('forwards request trailers when echoing the body', async () => {
    const server = await serve({
      service: (r) => Response.builder().header('trailer', 'x-sum').body(r.body),
    })
    const c = await connect(server.addr)
    const res = await c.request(
      req('POST', '/', 'transfer-encoding: chunked') + '2\r\nhi\r\n0\r\nx-sum: 7\r\n\r\n'
    )
    expect(res.body.toString()).toBe('hi')
    expect(res.trailers.get('x-sum')).toBe('7')
  })
})
