import { connect } from 'node:net'
import { ReadableStream as PolyfillStream } from 'web-streams-polyfill'
import { fetch as undiciFetch } from 'undici'
import type { FetchHandler } from '../src/index.js'
import { start, stopAll } from './support.js'

afterEach(stopAll)

/** Sends `raw` on a new connection and resolves with everything until the server closes. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let got = ''
    socket.on('data', (d: Buffer) => (got += d.toString('latin1')))
    socket.on('end', () => resolve(got))
    socket.on('error', reject)
    socket.write(bytes)
  })
}

const handler: FetchHandler = async (req) => {
  const url = new URL(req.url)
  switch (url.pathname) {
    case '/':
      return new Response('plain')
    case '/bytes':
      return new Response(new Uint8Array([104, 105]))
    case '/blob':
      return new Response(new Blob(['blob body'], { type: 'text/x-blob' }))
    case '/params':
      return new Response(new URLSearchParams({ a: '1', b: '2' }))
    case '/form': {
      const form = new FormData()
      form.set('field', 'value')
      return new Response(form)
    }
    case '/stream':
      return new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('a'))
            c.enqueue(new TextEncoder().encode('b'))
            c.close()
          },
        })
      )
    case '/polyfill':
      return new Response(
        new PolyfillStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode('from a polyfill'))
            c.close()
          },
        }) as unknown as ReadableStream<Uint8Array>
      )
    case '/failing':
      return new Response(
        new ReadableStream({
          pull(c) {
            c.error(new Error('the source failed'))
          },
        })
      )
    case '/url':
      return new Response(req.url)
    case '/echo':
      return new Response(req.body, { headers: { 'x-method': req.method } })
    case '/text':
      return new Response(`got ${await req.text()}`)
    case '/throws':
      throw new Error('handler failed')
    case '/not-a-response':
      return 'nope' as unknown as Response
    case '/network-error':
      return Response.error()
    default:
      return new Response('not found', { status: 404 })
  }
}

describe('a plain fetch handler', () => {
  it.each([
    ['/', 'plain', 'text/plain;charset=UTF-8'],
    ['/bytes', 'hi', null],
    ['/blob', 'blob body', 'text/x-blob'],
    ['/params', 'a=1&b=2', 'application/x-www-form-urlencoded;charset=UTF-8'],
    ['/stream', 'ab', null],
    ['/polyfill', 'from a polyfill', null],
  ])('answers %s', async (path, body, type) => {
    const { url } = await start(handler)
    const res = await undiciFetch(url + path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(type)
    expect(await res.text()).toBe(body)
  })

  it('sends FormData as multipart', async () => {
    const { url } = await start(handler)
    const res = await undiciFetch(url + '/form')
    expect(res.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/)
    expect((await res.formData()).get('field')).toBe('value')
  })

  it('frames known lengths with Content-Length and streams with chunked', async () => {
    const { port } = await start(handler)
    const fixed = await raw(port, 'GET /blob HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n')
    expect(fixed).toMatch(/\r\ncontent-length: 9\r\n/)
    expect(fixed.endsWith('\r\n\r\nblob body')).toBe(true)
    const streamed = await raw(port, 'GET /stream HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n')
    expect(streamed).toMatch(/\r\ntransfer-encoding: chunked\r\n/)
    expect(streamed.endsWith('\r\n\r\n1\r\na\r\n1\r\nb\r\n0\r\n\r\n')).toBe(true)
  })

  it('builds the URL from the Host field, or takes an absolute-form target as it is', async () => {
    const { port } = await start(handler)
    const origin = await raw(
      port,
      'GET /url?x=1 HTTP/1.1\r\nhost: example.com:8080\r\nconnection: close\r\n\r\n'
    )
    expect(origin.endsWith('http://example.com:8080/url?x=1')).toBe(true)
    const absolute = await raw(
      port,
      'GET http://other.test/url?y=2 HTTP/1.1\r\nhost: other.test\r\nconnection: close\r\n\r\n'
    )
    expect(absolute.endsWith('http://other.test/url?y=2')).toBe(true)
  })

  it('streams a request body back, and reads one as text', async () => {
    const { url } = await start(handler)
    const echo = await undiciFetch(url + '/echo', { method: 'POST', body: 'echo me' })
    expect(echo.headers.get('x-method')).toBe('POST')
    expect(echo.headers.get('content-length')).toBe('7')
    expect(await echo.text()).toBe('echo me')
    const text = await undiciFetch(url + '/text', { method: 'POST', body: 'this' })
    expect(await text.text()).toBe('got this')
  })

  it('answers 500 and reports to onError when the handler throws or returns no Response', async () => {
    const errors: string[] = []
    const { url } = await start(handler, { onError: (e) => errors.push(e.code) })
    expect((await undiciFetch(url + '/throws')).status).toBe(500)
    expect((await undiciFetch(url + '/not-a-response')).status).toBe(500)
    expect(errors).toEqual(['ERR_SERVER_USER', 'ERR_SERVER_USER'])
  })

  it('answers 500 to Response.error() and says so to onError', async () => {
    const errors: string[] = []
    const { url } = await start(handler, { onError: (e) => errors.push(e.message) })
    expect((await undiciFetch(url + '/network-error')).status).toBe(500)
    expect(errors).toEqual([expect.stringContaining('Response.error()')])
  })

  it('tears the connection down when a response stream errors', async () => {
    const { url } = await start(handler)
    // The reset may overtake the head: either the response or its body fails, never a fake end.
    const read = undiciFetch(url + '/failing').then((res) => res.text())
    await expect(read).rejects.toThrow()
  })

  it('keeps pipelined responses in order on one connection', async () => {
    const { port } = await start(handler)
    const got = await raw(
      port,
      'GET / HTTP/1.1\r\nhost: x\r\n\r\n' +
        'GET /bytes HTTP/1.1\r\nhost: x\r\n\r\n' +
        'POST /echo HTTP/1.1\r\nhost: x\r\ncontent-length: 3\r\nconnection: close\r\n\r\nxyz'
    )
    const bodies = got.split('HTTP/1.1 200 OK').length - 1
    expect(bodies).toBe(3)
    expect(got.indexOf('plain')).toBeLessThan(got.indexOf('\r\n\r\nhi'))
    // The request body, echoed unread, keeps its length.
    expect(got).toMatch(/x-method: POST\r\ncontent-length: 3\r\n[^]*\r\n\r\nxyz$/)
  })

  it('sends 100 Continue when the app reads the body', async () => {
    const { port } = await start(handler)
    const socket = connect(port, '127.0.0.1')
    const seen: string[] = []
    const done = new Promise<void>((resolve) => {
      let got = ''
      socket.on('data', (d: Buffer) => {
        got += d.toString('latin1')
        if (got.includes('100 Continue') && seen.length === 0) {
          seen.push('100')
          socket.write('abc')
        }
        if (got.endsWith('got abc')) resolve()
      })
    })
    socket.write(
      'POST /text HTTP/1.1\r\nhost: x\r\ncontent-length: 3\r\nexpect: 100-continue\r\n\r\n'
    )
    await done
    socket.destroy()
    expect(seen).toEqual(['100'])
  })
})
