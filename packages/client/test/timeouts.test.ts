import { getEventListeners } from 'node:events'
import type { Socket } from 'node:net'
import { Request } from '@touche/http-types'
import { cleanup, client, failure, raw, readHeads, scripted, unhandled } from './support/servers.js'

afterEach(async () => {
  await cleanup()
  expect(unhandled.splice(0)).toEqual([])
})

/** Resolves when the server side of a connection closes. */
const closed = (socket: Socket): Promise<void> =>
  new Promise((resolve) => {
    if (socket.destroyed) resolve()
    else socket.once('close', () => resolve())
  })

describe('timeouts', () => {
  it('no response head within headersTimeout: the request fails and the connection closes', async () => {
    const sockets: Socket[] = []
    const server = await scripted((_i, socket) => {
      sockets.push(socket)
      return null
    })
    const error = await failure(client({ headersTimeout: 50 }).get(server.url))
    expect(error.code).toBe('ERR_CLIENT_HEADERS_TIMEOUT')
    expect(error.isTimeout()).toBe(true)
    await closed(sockets[0]!)
  })

  it('a body that stalls past bodyTimeout fails the body, after the head resolved', async () => {
    const server = await scripted(() => 'HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nab')
    const res = await client({ bodyTimeout: 50 }).get(server.url)
    expect(res.status.code).toBe(200)
    const error = await res.body.text().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_CLIENT_BODY_TIMEOUT' })
  })

  it('a slow body that keeps coming within bodyTimeout arrives whole', async () => {
    const server = await scripted((_i, socket) => {
      // Ten pieces, each sent once the previous one has been written out.
      let sent = 0
      const next = (): void => {
        if (sent === 10) return
        socket.write(String(sent++), () => setImmediate(next))
      }
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n', next)
      return null
    })
    const res = await client({ bodyTimeout: 1_000 }).get(server.url)
    expect(await res.body.text()).toBe('0123456789')
  })
})

describe('AbortSignal', () => {
  it('already aborted: rejects with its reason and opens no connection', async () => {
    const server = await scripted(() => 'HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n')
    const error = await failure(
      client().get(server.url, { signal: AbortSignal.abort(new Error('nope')) })
    )
    expect(error.code).toBe('ERR_CLIENT_CANCELED')
    expect(error.cause).toMatchObject({ message: 'nope' })
    expect(server.connections()).toBe(0)
  })

  it('while queued behind another request: it leaves the queue, the other completes', async () => {
    const server = await scripted(() => 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok')
    const c = client({ maxConnectionsPerOrigin: 1 })
    const first = c.get(`${server.url}/1`)
    const controller = new AbortController()
    const second = c.get(`${server.url}/2`, { signal: controller.signal })
    // Synchronously: the only connection is still opening, so the second request is queued.
    controller.abort()
    expect((await failure(second)).code).toBe('ERR_CLIENT_CANCELED')
    expect(await (await first).body.text()).toBe('ok')
    expect(server.connections()).toBe(1)
  })

  it('while waiting for the head: the request fails and its connection closes', async () => {
    const controller = new AbortController()
    const sockets: Socket[] = []
    const server = await raw((socket) => {
      sockets.push(socket)
      void readHeads(socket, 1).then(() => controller.abort())
    })
    const error = await failure(client().get(server.url, { signal: controller.signal }))
    expect(error.code).toBe('ERR_CLIENT_CANCELED')
    await closed(sockets[0]!)
  })

  it('while reading the body: the body fails, and the next request still works', async () => {
    const controller = new AbortController()
    let requests = 0
    const server = await scripted(() =>
      requests++ === 0
        ? 'HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npart'
        : 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'
    )
    const c = client()
    const res = await c.get(server.url, { signal: controller.signal })
    const reader = res.body.stream().getReader()
    expect(Buffer.from((await reader.read()).value!).toString()).toBe('part')
    controller.abort()
    await expect(reader.read()).rejects.toMatchObject({ code: 'ERR_CLIENT_CANCELED' })
    expect(await (await c.get(server.url)).body.text()).toBe('ok')
  })

  it('while the request body streams: the connection is closed, never reused half-written', async () => {
    const controller = new AbortController()
    const server = await scripted(() => null)
    let pulls = 0
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        // The first piece goes out; the abort comes instead of the second.
        if (pulls++ === 0) c.enqueue(new Uint8Array(10))
        else controller.abort()
      },
    })
    const error = await failure(
      client().request(Request.post(server.url).body(body), { signal: controller.signal })
    )
    expect(error.code).toBe('ERR_CLIENT_CANCELED')
  })
})

describe('a signal shared by many requests', () => {
  it('aborts them all, with one listener on the signal (EventTarget warns past ten)', async () => {
    const server = await scripted(() => null) // never answers
    const controller = new AbortController()
    const c = client()
    const all = Array.from({ length: 50 }, () =>
      failure(c.get(server.url, { signal: controller.signal }))
    )
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1)
    controller.abort()
    const errors = await Promise.all(all)
    expect(errors.every((e) => e.code === 'ERR_CLIENT_CANCELED')).toBe(true)
  })

  it('lets go of the signal once its requests are done', async () => {
    const server = await scripted(() => 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok')
    const controller = new AbortController()
    const c = client()
    const texts = await Promise.all(
      [1, 2, 3].map(async () =>
        (await c.get(server.url, { signal: controller.signal })).body.text()
      )
    )
    expect(texts).toEqual(['ok', 'ok', 'ok'])
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })
})
