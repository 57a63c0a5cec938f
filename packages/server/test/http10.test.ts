import { Body, Response } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, serve } from './support/serve.js'

afterEach(cleanup)

async function* parts(): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode('stream')
  yield new TextEncoder().encode('ed')
}

const get10 = (...lines: string[]): string =>
  `GET / HTTP/1.0\r\n${lines.map((l) => l + '\r\n').join('')}\r\n`

describe('HTTP/1.0', () => {
  it('closes after the response by default', async () => {
    const server = await serve({ service: () => Response.builder().body('hi') })
    const c = await connect(server.addr)
    const res = await c.request(get10())
    expect(res.head.split('\r\n')[0]).toBe('HTTP/1.1 200 OK')
    expect(res.headers.get('connection')).toBe('close')
    expect(res.headers.get('content-length')).toBe('2')
    expect(res.body.toString()).toBe('hi')
    await c.waitClosed()
  })

  it('keeps alive when asked and the length is known', async () => {
    const server = await serve({ service: () => Response.builder().body('hi') })
    const c = await connect(server.addr)
    for (let i = 0; i < 3; i++) {
      const res = await c.request(get10('connection: keep-alive'))
      expect(res.headers.get('connection')).toBe('keep-alive')
      expect(res.body.toString()).toBe('hi')
    }
    expect(c.ended).toBe(false)
  })

  it('gets a close-delimited body when the length is unknown', async () => {
    const server = await serve({ service: () => Response.builder().body(parts()) })
    const c = await connect(server.addr)
    const res = await c.request(get10('connection: keep-alive'))
    expect(res.headers.get('connection')).toBe('close')
    expect(res.headers.has('transfer-encoding')).toBe(false)
    expect(res.headers.has('content-length')).toBe(false)
    expect(res.closeDelimited).toBe(true)
    expect(res.body.toString()).toBe('streamed')
  })

  it('resets the connection when a close-delimited body fails midway', async () => {
    let fail!: () => void
    const failed = new Promise<void>((resolve) => (fail = resolve))
    const server = await serve({
      service: () =>
        Response.builder().body(
          (async function* () {
            yield new TextEncoder().encode('start')
            await failed
            throw new Error('the source failed')
          })()
        ),
    })
    const c = await connect(server.addr)
    c.writeRaw(get10())
    // Linux reports a reset that overtakes unread bytes as a plain end: read them first.
    await c.readUntil('start')
    fail()
    await c.waitClosed()
    expect(c.error?.code).toBe('ECONNRESET')
    expect(server.errors.map((e) => e.code)).toContain('ERR_SERVER_BODY_WRITE')
  })

  it('resets a close-delimited response cut by the shutdown deadline', async () => {
    const server = await serve({
      service: () =>
        Response.builder().body(
          (async function* () {
            yield new TextEncoder().encode('start')
            await new Promise(() => undefined)
          })()
        ),
    })
    const c = await connect(server.addr)
    c.writeRaw(get10())
    await c.readUntil('start')
    await server.handle.close({ timeout: 20 })
    await c.waitClosed()
    expect(c.error?.code).toBe('ECONNRESET')
  })

  it('is never sent chunked, even when the handler asks for it', async () => {
    const server = await serve({
      service: () =>
        Response.builder().header('transfer-encoding', 'chunked').body(Body.from(parts())),
    })
    const c = await connect(server.addr)
    const res = await c.request(get10())
    expect(res.headers.has('transfer-encoding')).toBe(false)
    expect(res.body.toString()).toBe('streamed')
  })

  it('reads a content-length request body', async () => {
    const server = await serve()
    const c = await connect(server.addr)
    await c.request('POST / HTTP/1.0\r\ncontent-length: 3\r\n\r\nabc')
    const got = await server.received()
    expect(got.body).toBe('abc')
    expect(got.version).toBe('HTTP/1.0')
  })
})
