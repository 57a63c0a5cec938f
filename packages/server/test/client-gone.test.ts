import type { Socket } from 'node:net'
import { DEFAULT_HALF_CLOSE_TIMEOUT, Response } from '../src/index.js'
import type { Body, Request, ServerError } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, serve } from './support/serve.js'

afterEach(cleanup)

/** A service whose handler never settles, and which reports each request's abort signal. */
function hung(): {
  service: (r: Request<Body>) => Promise<Response<null>>
  signal: Promise<AbortSignal>
} {
  let found!: (s: AbortSignal) => void
  const signal = new Promise<AbortSignal>((resolve) => (found = resolve))
  return {
    service: (r) => {
      found(r.extensions.get(AbortSignal)!)
      return new Promise(() => {})
    },
    signal,
  }
}

function aborted(signal: AbortSignal): Promise<unknown> {
  if (signal.aborted) return Promise.resolve(signal.reason)
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason)))
}

describe('the request abort signal', () => {
  it('aborts when the client resets the connection', async () => {
    const { service, signal } = hung()
    const server = await serve({ service })
    const c = await connect(server.addr)
    c.writeRaw('GET / HTTP/1.1\r\nhost: x\r\n\r\n')
    const s = await signal
    expect(s.aborted).toBe(false)
    ;(c.socket as Socket).resetAndDestroy()
    await aborted(s)
    expect(s.aborted).toBe(true)
  })

  it('releases a half-closed connection whose handler never settles, and aborts it', async () => {
    const { service, signal } = hung()
    const server = await serve({ service, options: { halfCloseTimeout: 50 } })
    const c = await connect(server.addr)
    c.writeRaw('GET / HTTP/1.1\r\nhost: x\r\n\r\n')
    c.end()
    const s = await signal
    const reason = (await aborted(s)) as ServerError
    expect(reason.code).toBe('ERR_SERVER_HALF_CLOSE_TIMEOUT')
    await c.waitClosed()
    expect(server.errors.map((e) => e.code)).toContain('ERR_SERVER_HALF_CLOSE_TIMEOUT')
    // Settles only once every connection is gone (long before this deadline, unless it leaks).
    await server.handle.close({ timeout: 60_000 })
    expect(server.handle.connections).toBe(0)
  })

  it('releases half-closed connections within a minute by default', () => {
    expect(DEFAULT_HALF_CLOSE_TIMEOUT).toBeLessThanOrEqual(60_000)
  })

  it('aborts when the shutdown deadline destroys the connection', async () => {
    const { service, signal } = hung()
    const server = await serve({ service })
    const c = await connect(server.addr)
    c.writeRaw('GET / HTTP/1.1\r\nhost: x\r\n\r\n')
    const s = await signal
    await server.handle.close({ timeout: 10 })
    const reason = (await aborted(s)) as ServerError
    expect(reason.code).toBe('ERR_SERVER_SHUTDOWN')
    await c.waitClosed()
  })

  it('is listed among the extensions before it is made, and made once', async () => {
    let facts: unknown[] = []
    const server = await serve({
      service: (r) => {
        const e = r.extensions
        const before = [e.has(AbortSignal), e.size]
        const signal = e.get(AbortSignal)
        facts = [...before, signal instanceof AbortSignal, e.get(AbortSignal) === signal, e.size]
        return Response.builder().body('ok')
      },
    })
    const c = await connect(server.addr)
    expect((await c.request('GET / HTTP/1.1\r\nhost: x\r\n\r\n')).status).toBe(200)
    expect(facts).toEqual([true, 3, true, true, 3])
  })

  it('does not abort once the response is written', async () => {
    let seen: AbortSignal | undefined
    const server = await serve({
      service: (r) => {
        seen = r.extensions.get(AbortSignal)
        return Response.builder().body('ok')
      },
    })
    const c = await connect(server.addr)
    const res = await c.request('GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n')
    expect(res.body.toString()).toBe('ok')
    await c.closed
    await server.close()
    expect(seen?.aborted).toBe(false)
  })
})
