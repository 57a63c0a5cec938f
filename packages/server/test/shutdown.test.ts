import { Body, Response, Server } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, req, serve, until } from './support/serve.js'

afterEach(cleanup)

describe('graceful shutdown', () => {
  it('stops accepting new connections', async () => {
    const server = await serve({ service: () => Response.builder().body('ok') })
    await server.handle.close()
    await expect(connect(server.addr)).rejects.toThrow(/ECONNREFUSED/)
  })

  it('lets an in-flight exchange finish with connection: close', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    let started: () => void = () => undefined
    const running = new Promise<void>((r) => (started = r))
    const server = await serve({
      service: async () => {
        started()
        await gate
        return Response.builder().body('finished')
      },
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/'))
    await running
    const closing = server.handle.close({ timeout: 5000 })
    release()
    const res = await c.readResponse()
    expect(res.body.toString()).toBe('finished')
    expect(res.headers.get('connection')).toBe('close')
    await c.waitClosed()
    await closing
    await server.handle.closed
  })

  it('closes idle keep-alive connections after the grace window', async () => {
    const server = await serve({
      service: () => Response.builder().body('ok'),
      options: { shutdownGrace: 30 },
    })
    const c = await connect(server.addr)
    await c.request(req('GET', '/'))
    await server.handle.close()
    await c.waitClosed()
    expect(server.handle.connections).toBe(0)
  })

  it('still closes every other connection after one in the middle has gone', async () => {
    const server = await serve({
      service: () => Response.builder().body('ok'),
      options: { shutdownGrace: 30 },
    })
    const clients = [await connect(server.addr), await connect(server.addr)]
    clients.push(await connect(server.addr))
    for (const c of clients) await c.request(req('GET', '/'))
    expect(server.handle.connections).toBe(3)
    const middle = clients[1]!
    await middle.request(req('GET', '/', 'connection: close'))
    await middle.waitClosed()
    await until(() => server.handle.connections === 2)
    await server.handle.close()
    await Promise.all([clients[0]!.waitClosed(), clients[2]!.waitClosed()])
    expect(server.handle.connections).toBe(0)
  })

  it('answers a request that arrives during the grace window', async () => {
    const server = await serve({
      service: () => Response.builder().body('late'),
      options: { shutdownGrace: 2000 },
    })
    const c = await connect(server.addr)
    await c.request(req('GET', '/'))
    const closing = server.handle.close()
    const res = await c.request(req('GET', '/'))
    expect(res.body.toString()).toBe('late')
    expect(res.headers.get('connection')).toBe('close')
    await c.waitClosed()
    await closing
  })

  it('destroys connections still busy at the deadline', async () => {
    const server = await serve({
      service: () =>
        Response.builder().body(
          Body.from(
            (async function* () {
              yield new TextEncoder().encode('start')
              await new Promise(() => undefined)
            })()
          )
        ),
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/'))
    await c.readUntil('start')
    await server.handle.close({ timeout: 50 })
    await c.waitClosed()
    expect(server.errors.map((e) => e.code)).toContain('ERR_SERVER_SHUTDOWN')
  })

  it('closes when the AbortSignal aborts', async () => {
    const ac = new AbortController()
    const handle = await Server.bind('127.0.0.1:0').serve(() => Response.builder().body('x'), {
      signal: ac.signal,
    })
    ac.abort()
    await handle.closed
    await expect(connect({ port: handle.address.port })).rejects.toThrow(/ECONNREFUSED/)
  })

  it('supports await using (Symbol.asyncDispose)', async () => {
    const handle = await Server.bind('127.0.0.1:0').serve(() => Response.builder().body('x'))
    await handle[Symbol.asyncDispose]()
    await expect(connect({ port: handle.address.port })).rejects.toThrow(/ECONNREFUSED/)
  })
})
