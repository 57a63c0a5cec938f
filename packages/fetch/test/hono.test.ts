import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { stream, streamSSE, streamText } from 'hono/streaming'
import { fetch as undiciFetch, request } from 'undici'
import { getConnInfo } from '../src/index.js'
import type { FetchEnv } from '../src/index.js'
import { start, stopAll } from './support.js'

afterEach(stopAll)

function app(): Hono<{ Bindings: FetchEnv }> {
  const a = new Hono<{ Bindings: FetchEnv }>()
  a.get('/', (c) => c.text('Hello Hono!'))
  a.get('/json/:id', (c) => c.json({ id: c.req.param('id'), q: c.req.query('q') ?? null }))
  a.post('/json', async (c) => c.json({ got: await c.req.json<unknown>() }))
  a.post('/form', async (c) => {
    const body = await c.req.parseBody()
    return c.json(body)
  })
  a.post('/echo', (c) => new Response(c.req.raw.body))
  a.get('/cookies', (c) => {
    const res = c.text('two cookies')
    res.headers.append('set-cookie', 'a=1; Path=/')
    res.headers.append('set-cookie', 'b=2; Path=/')
    return res
  })
  a.get('/ip', (c) => c.json(getConnInfo(c).remote))
  a.get('/teapot', () => {
    throw new HTTPException(418, { message: 'short and stout' })
  })
  a.get('/boom', () => {
    throw new Error('boom')
  })
  a.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse()
    return c.text(`handled: ${err.message}`, 500)
  })
  return a
}

describe('a Hono app on @touche/fetch', () => {
  it('answers text, with the fetch default content type', async () => {
    const { url } = await start(app().fetch)
    const res = await undiciFetch(url + '/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain;charset=UTF-8')
    expect(await res.text()).toBe('Hello Hono!')
  })

  it('routes with params and queries, and answers JSON', async () => {
    const { url } = await start(app().fetch)
    const res = await undiciFetch(url + '/json/42?q=x')
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await res.json()).toEqual({ id: '42', q: 'x' })
  })

  it('reads JSON and form bodies', async () => {
    const { url } = await start(app().fetch)
    const json = await undiciFetch(url + '/json', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: [1, 2] }),
    })
    expect(await json.json()).toEqual({ got: { a: [1, 2] } })
    const form = await undiciFetch(url + '/form', {
      method: 'POST',
      body: new URLSearchParams({ name: 'touche', kind: 'server' }),
    })
    expect(await form.json()).toEqual({ name: 'touche', kind: 'server' })
  })

  it('streams a 32 MiB body back as it arrives', async () => {
    const { url } = await start(app().fetch)
    const size = 32 * 1024 * 1024
    const body = Buffer.alloc(size)
    for (let i = 0; i < size; i += 4096) body[i] = (i / 4096) & 0xff
    const res = await request(url + '/echo', { method: 'POST', body })
    let got = 0
    let same = true
    for await (const chunk of res.body) {
      const c = chunk as Buffer
      if (!c.equals(body.subarray(got, got + c.length))) same = false
      got += c.length
    }
    expect(got).toBe(size)
    expect(same).toBe(true)
  })

  it('keeps every Set-Cookie header separate', async () => {
    const { url } = await start(app().fetch)
    const res = await undiciFetch(url + '/cookies')
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/'])
  })

  it('gives getConnInfo the remote address', async () => {
    const { url } = await start(app().fetch)
    const res = await undiciFetch(url + '/ip')
    expect(await res.json()).toMatchObject({ address: '127.0.0.1', addressType: 'IPv4' })
  })

  it('answers HTTPException, errors through onError, and 404', async () => {
    const { url } = await start(app().fetch)
    const teapot = await undiciFetch(url + '/teapot')
    expect(teapot.status).toBe(418)
    expect(await teapot.text()).toBe('short and stout')
    const boom = await undiciFetch(url + '/boom')
    expect(boom.status).toBe(500)
    expect(await boom.text()).toBe('handled: boom')
    const missing = await undiciFetch(url + '/nothing')
    expect(missing.status).toBe(404)
    await missing.arrayBuffer()
  })

  it('answers HEAD without a body, and without a length it does not know', async () => {
    const { url } = await start(app().fetch)
    // Hono answers HEAD with the GET route's response, its body dropped.
    const res = await request(url + '/', { method: 'HEAD' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/plain;charset=UTF-8')
    expect(res.headers['content-length']).toBeUndefined()
    expect((await res.body.arrayBuffer()).byteLength).toBe(0)
  })

  it('sends streamText and streamSSE chunks as they are written', async () => {
    const a = new Hono()
    let next!: () => void
    a.get('/text', (c) =>
      streamText(c, async (s) => {
        await s.write('one ')
        await new Promise<void>((resolve) => (next = resolve))
        await s.write('two')
      })
    )
    a.get('/sse', (c) =>
      streamSSE(c, async (s) => {
        await s.writeSSE({ data: 'first', event: 'tick' })
        await s.writeSSE({ data: 'second', event: 'tick' })
      })
    )
    const { url } = await start(a.fetch)
    const res = await request(url + '/text')
    const reader = res.body[Symbol.asyncIterator]()
    const first = await reader.next()
    expect(Buffer.from(first.value as Buffer).toString()).toBe('one ')
    next()
    let rest = ''
    for (;;) {
      const r = await reader.next()
      if (r.done === true) break
      rest += Buffer.from(r.value as Buffer).toString()
    }
    expect(rest).toBe('two')
    const sse = await undiciFetch(url + '/sse')
    expect(sse.headers.get('content-type')).toBe('text/event-stream')
    expect(await sse.text()).toBe('event: tick\ndata: first\n\nevent: tick\ndata: second\n\n')
  })

  it('fires onAbort and request.signal when the client disconnects mid-stream', async () => {
    const a = new Hono()
    let aborted!: () => void
    const abortedSeen = new Promise<void>((resolve) => (aborted = resolve))
    let signalSeen!: () => void
    const signalFired = new Promise<void>((resolve) => (signalSeen = resolve))
    a.get('/forever', (c) => {
      c.req.raw.signal.addEventListener('abort', () => signalSeen())
      return stream(c, async (s) => {
        s.onAbort(() => aborted())
        while (!s.aborted) {
          await s.write(new Uint8Array(1024))
          await s.sleep(5)
        }
      })
    })
    const { url } = await start(a.fetch)
    const ac = new AbortController()
    const res = await undiciFetch(url + '/forever', { signal: ac.signal })
    const reader = res.body!.getReader()
    await reader.read()
    ac.abort()
    await Promise.all([abortedSeen, signalFired])
  })
})
