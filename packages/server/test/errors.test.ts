import { Body, Response } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, req, serve } from './support/serve.js'

afterEach(cleanup)

const ok = (): Response<string> => Response.builder().body('ok')

describe('parse errors', () => {
  it.each([
    ['400 for a malformed header', req('GET', '/', 'bad header'), 400],
    ['400 for an invalid method', 'G@T / HTTP/1.1\r\nhost: x\r\n\r\n', 400],
    ['414 for a request line over the limit', req('GET', '/' + 'a'.repeat(300)), 414],
    [
      '431 for too many headers',
      req('GET', '/', ...Array.from({ length: 20 }, (_, i) => `x-${i}: v`)),
      431,
    ],
    [
      '501 for an unknown transfer coding',
      req('POST', '/', 'transfer-encoding: gzip, chunked'),
      501,
    ],
    ['505 for an unsupported version', 'GET / HTTP/2.0\r\nhost: x\r\n\r\n', 505],
  ])('%s', async (_name, raw, status) => {
    const server = await serve({
      service: ok,
      options: { limits: { maxRequestLineBytes: 256, maxHeaders: 10 } },
    })
    const c = await connect(server.addr)
    const res = await c.request(raw)
    expect(res.status).toBe(status)
    expect(res.headers.get('connection')).toBe('close')
    expect(res.headers.get('content-length')).toBe('0')
    await c.waitClosed()
    expect(server.errors.map((e) => e.code)).toEqual(['ERR_SERVER_PARSE'])
    expect(server.errors[0]?.isParse()).toBe(true)
  })

  it('431 when the head exceeds maxHeadBytes', async () => {
    const server = await serve({ service: ok, options: { limits: { maxHeadBytes: 1024 } } })
    const c = await connect(server.addr)
    const res = await c.request(req('GET', '/', `x-big: ${'v'.repeat(2000)}`))
    expect(res.status).toBe(431)
    await c.waitClosed()
  })

  it('a bad chunked body fails the body and closes after the response', async () => {
    const server = await serve({
      service: async (r) => {
        await r.body.text()
        return ok()
      },
    })
    const c = await connect(server.addr)
    const res = await c.request(req('POST', '/', 'transfer-encoding: chunked') + 'zz\r\n')
    expect(res.status).toBe(400)
    expect(res.headers.get('connection')).toBe('close')
    await c.waitClosed()
  })
})

describe('handler errors', () => {
  it.each([
    [
      'throws',
      () => {
        throw new Error('sync boom')
      },
    ],
    ['rejects', () => Promise.reject(new Error('async boom'))],
    ['returns a non-response', () => 'nope' as unknown as Response<string>],
  ])('500 when the handler %s, and the connection lives on', async (_name, service) => {
    let calls = 0
    const server = await serve({
      service: (r) => (calls++ === 0 ? service() : Response.builder().body(r.uri.path)),
    })
    const c = await connect(server.addr)
    const res = await c.request(req('GET', '/'))
    expect(res.status).toBe(500)
    expect(res.headers.get('content-length')).toBe('0')
    expect((await c.request(req('GET', '/next'))).body.toString()).toBe('/next')
    expect(server.errors).toHaveLength(1)
    expect(server.errors[0]?.isUser()).toBe(true)
    expect(server.errors[0]?.code).toBe('ERR_SERVER_USER')
  })

  it('a body that fails after the head tears the connection down', async () => {
    const server = await serve({
      service: () =>
        Response.builder().body(
          Body.from(
            (async function* () {
              yield new TextEncoder().encode('partial')
              throw new Error('stream broke')
            })()
          )
        ),
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/'))
    const all = (await c.readUntilClose()).toString()
    expect(all).toContain('transfer-encoding: chunked')
    expect(all).toContain('7\r\npartial\r\n')
    expect(all).not.toContain('0\r\n\r\n')
    expect(server.errors.map((e) => e.code)).toEqual(['ERR_SERVER_BODY_WRITE'])
  })

  it('a body shorter than its declared length tears the connection down', async () => {
    const server = await serve({
      service: () =>
        Response.builder().body(
          Body.from(
            (async function* () {
              yield new TextEncoder().encode('abc')
            })(),
            { length: 10 }
          )
        ),
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/'))
    const all = (await c.readUntilClose()).toString()
    expect(all).toMatch(/content-length: 10\r\n[\s\S]*\r\n\r\nabc$/)
    expect(server.errors[0]?.code).toBe('ERR_SERVER_BODY_WRITE')
  })

  it('500 when the body cannot be read at all', async () => {
    const server = await serve({
      service: () =>
        Response.builder().body({
          getReader() {
            throw new Error('no reader')
          },
        }),
    })
    const c = await connect(server.addr)
    expect((await c.request(req('GET', '/'))).status).toBe(500)
    expect(server.errors[0]?.isUser()).toBe(true)
  })

  it('an onError that throws does not break the server', async () => {
    const server = await serve({
      service: () => {
        throw new Error('x')
      },
      options: {
        onError: () => {
          throw new Error('bad logger')
        },
      },
    })
    const c = await connect(server.addr)
    expect((await c.request(req('GET', '/'))).status).toBe(500)
    expect((await c.request(req('GET', '/'))).status).toBe(500)
  })
})
