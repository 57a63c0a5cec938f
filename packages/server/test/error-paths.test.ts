import { connect as netConnect } from 'node:net'
import type { Socket } from 'node:net'
import { Body, Response, Server, StatusCode, Upgrade, serveConnection } from '../src/index.js'
import type { BodySender, ServerError, ServerHandle, ServiceObject } from '../src/index.js'
import { duplexPair } from './support/duplex-pair.js'
import { connect } from './support/raw-client.js'
import { cleanup, req, serve } from './support/serve.js'

const handles: ServerHandle[] = []

afterEach(async () => {
  await cleanup()
  await Promise.all(handles.splice(0).map((h) => h.close({ timeout: 0 })))
})

describe('error paths', () => {
  it('a client that goes away mid-stream rejects the sender and aborts the request', async () => {
    let sender!: BodySender
    let signal!: AbortSignal
    const server = await serve({
      service: (r) => {
        if (r.uri.path !== '/stream') return Response.builder().body('ok')
        signal = r.extensions.get(AbortSignal)!
        const [s, body] = Body.channel()
        sender = s
        s.send('first').catch(() => undefined)
        return Response.builder().body(body)
      },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/stream'))
    await c.readUntil('first')
    ;(c.socket as Socket).resetAndDestroy()
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()))
    await expect(sender.send('more')).rejects.toMatchObject({
      name: 'BodyError',
      code: 'ERR_BODY_CANCELED',
    })
    const next = await connect(server.addr)
    expect((await next.request(req('GET', '/'))).status).toBe(200)
  })

  it('reports a socket error and resolves serveConnection', async () => {
    const [serverSide, clientSide] = duplexPair()
    const errors: ServerError[] = []
    const done = serveConnection(serverSide, () => Response.builder().body('x'), {
      onError: (e) => errors.push(e),
    })
    const cause = new Error('the link broke')
    serverSide.destroy(cause)
    await done
    clientSide.destroy()
    expect(errors.map((e) => e.code)).toEqual(['ERR_SERVER_IO'])
    expect(errors[0]?.cause).toBe(cause)
  })

  it('destroys a closing connection whose client never closes its side, after drainTimeout', async () => {
    const server = await serve({
      service: () => Response.builder().body('bye'),
      options: { drainTimeout: 30 },
    })
    const socket = netConnect({ port: server.addr.port, host: '127.0.0.1', allowHalfOpen: true })
    const ended = new Promise<void>((resolve) => socket.on('end', () => resolve()))
    socket.on('data', () => undefined)
    socket.on('error', () => undefined)
    socket.write(req('GET', '/', 'connection: close'))
    await ended
    try {
      // Settles once the connection is gone: the linger destroys it long before this deadline.
      await server.handle.close({ timeout: 60_000 })
      expect(server.handle.connections).toBe(0)
    } finally {
      socket.destroy()
    }
  })

  it.each([
    [
      'throws',
      () => {
        throw new Error('upgrade failed')
      },
    ],
    ['rejects', () => Promise.reject(new Error('upgrade failed'))],
  ])('an upgrade handler that %s is reported', async (how, handler) => {
    let reported!: (e: ServerError) => void
    const error = new Promise<ServerError>((resolve) => (reported = resolve))
    const server = await serve({
      options: { onError: (e) => e.isUser() && reported(e) },
      service: () =>
        Response.builder()
          .status(StatusCode.SWITCHING_PROTOCOLS)
          .header('upgrade', 'x')
          .header('connection', 'upgrade')
          .extension(Upgrade, new Upgrade(handler))
          .body(null),
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/', 'connection: upgrade', 'upgrade: x'))
    expect((await c.readResponse({ head: true })).status).toBe(101)
    expect((await error).cause).toMatchObject({ message: 'upgrade failed' })
    // A handler that threw never took the socket, so the server destroyed it.
    if (how === 'throws') await c.waitClosed()
  })

  it.each([
    [
      'throws',
      () => {
        throw new Error('no decision')
      },
    ],
    ['rejects', () => Promise.reject(new Error('no decision'))],
  ])('a shouldContinue that %s answers 500', async (_n, shouldContinue) => {
    const service: ServiceObject = {
      shouldContinue,
      call: () => Response.builder().body('handled'),
    }
    const server = await serve({ service })
    const c = await connect(server.addr)
    const res = await c.request(req('POST', '/', 'content-length: 5', 'expect: 100-continue'))
    expect(res.status).toBe(500)
    expect(server.errors.map((e) => e.code)).toEqual(['ERR_SERVER_USER'])
  })

  it('a makeService factory that throws closes that connection only', async () => {
    let n = 0
    const errors: ServerError[] = []
    const handle = await Server.builder()
      .onError((e) => errors.push(e))
      .bind('127.0.0.1:0')
      .makeService(() => {
        if (n++ === 0) throw new Error('no service for you')
        return () => Response.builder().body('served')
      })
    handles.push(handle)
    const first = await connect({ port: handle.address.port })
    await first.waitClosed()
    expect(errors.map((e) => e.code)).toEqual(['ERR_SERVER_USER'])
    const second = await connect({ port: handle.address.port })
    expect((await second.request(req('GET', '/'))).body.toString()).toBe('served')
  })
})
