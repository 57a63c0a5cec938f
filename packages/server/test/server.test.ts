import { Socket } from 'node:net'
import {
  ConnectionInfo,
  connectionOf,
  Request,
  Response,
  Server,
  StatusCode,
} from '../src/index.js'
import type { ServerHandle } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, req, until } from './support/serve.js'

const handles: ServerHandle[] = []

afterEach(async () => {
  await cleanup()
  await Promise.all(handles.splice(0).map((h) => h.close({ timeout: 0 })))
})

describe('Server', () => {
  it('serves the hello world shape', async () => {
    const handle = await Server.bind('127.0.0.1:0').serve(() =>
      Response.builder().status(StatusCode.OK).body('Hello World')
    )
    handles.push(handle)
    expect(handle.address.host).toBe('127.0.0.1')
    expect(handle.address.family).toBe('IPv4')
    const c = await connect({ port: handle.address.port })
    expect((await c.request(req('GET', '/'))).body.toString()).toBe('Hello World')
  })

  it('makeService makes one service per connection', async () => {
    const handle = await Server.bind('127.0.0.1:0').makeService((conn) => {
      let n = 0
      return () => Response.builder().body(`${conn.id}:${++n}`)
    })
    handles.push(handle)
    const a = await connect({ port: handle.address.port })
    const b = await connect({ port: handle.address.port })
    const a1 = (await a.request(req('GET', '/'))).body.toString()
    const a2 = (await a.request(req('GET', '/'))).body.toString()
    const b1 = (await b.request(req('GET', '/'))).body.toString()
    const [idA] = a1.split(':')
    expect(a1).toBe(`${idA}:1`)
    expect(a2).toBe(`${idA}:2`)
    expect(b1).not.toBe(`${idA}:1`)
    expect(b1.endsWith(':1')).toBe(true)
  })

  it('puts the connection facts in the request extensions', async () => {
    const handle = await Server.bind('127.0.0.1:0').serve((r) => {
      const info = r.extensions.get(ConnectionInfo)
      return Response.builder().body(
        JSON.stringify({
          remote: info?.remoteAddress,
          port: info?.remotePort,
          local: info?.localPort,
          tls: info?.encrypted,
        })
      )
    })
    handles.push(handle)
    const c = await connect({ port: handle.address.port })
    const facts = JSON.parse((await c.request(req('GET', '/'))).body.toString())
    expect(facts).toEqual({
      remote: '127.0.0.1',
      port: (c.socket as Socket).localPort,
      local: handle.address.port,
      tls: false,
    })
  })

  it("keeps the peer's address for code that reads it after the connection closed", async () => {
    let info: ConnectionInfo | undefined
    const handle = await Server.bind('127.0.0.1:0').serve((r) => {
      info = r.extensions.get(ConnectionInfo)
      return Response.builder().body('')
    })
    handles.push(handle)
    const c = await connect({ port: handle.address.port })
    await c.request(req('GET', '/'))
    const port = (c.socket as Socket).localPort
    c.socket.destroy()
    await handle.close()
    expect([info?.remoteAddress, info?.remotePort]).toEqual(['127.0.0.1', port])
    // Loggers that serialise it see every fact, though the addresses are read lazily.
    expect(JSON.parse(JSON.stringify(info))).toMatchObject({
      remoteAddress: '127.0.0.1',
      remotePort: port,
      encrypted: false,
    })
  })

  it("gives a request's connection facts through connectionOf, the same as its extensions'", async () => {
    const seen: boolean[] = []
    const handle = await Server.bind('127.0.0.1:0').serve((r) => {
      const before = connectionOf(r)
      seen.push(before !== undefined && before === r.extensions.get(ConnectionInfo))
      const own = new ConnectionInfo({
        encrypted: false,
        alpnProtocol: undefined,
        remoteAddress: '192.0.2.1',
        remotePort: 1,
        localAddress: undefined,
        localPort: undefined,
      })
      const built = Request.builder().extension(ConnectionInfo, own).body(null)
      seen.push(connectionOf(built) === own)
      return Response.builder().body('')
    })
    handles.push(handle)
    const c = await connect({ port: handle.address.port })
    await c.request(req('GET', '/'))
    expect(seen).toEqual([true, true])
  })

  it('gives the next connection a parser that remembers nothing of a closed one', async () => {
    const handle = await Server.builder()
      .options({ headerReadTimeout: 80 })
      .bind('127.0.0.1:0')
      .serve(() => Response.builder().body('ok'))
    handles.push(handle)
    // A head cut off mid-field leaves its parser waiting for bytes past the 30th; the timeout
    // answers it, and the connection's parser goes back to the pool.
    const first = await connect({ port: handle.address.port })
    first.writeRaw('GET / HTTP/1.1\r\nX-Long: aaaaaaaa')
    expect((await first.readResponse()).status).toBe(408)
    await first.waitClosed()
    await until(() => handle.connections === 0)
    // A whole head that ends before that offset, with a partial one after it: a parser that
    // went on from the old search would look only past the offset and wait for more bytes.
    const second = await connect({ port: handle.address.port })
    second.writeRaw('GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /next-request-not-finished')
    const res = await second.readResponse()
    expect([res.status, res.body.toString()]).toEqual([200, 'ok'])
  })

  it('sets TCP_NODELAY on accepted sockets', async () => {
    const calls: boolean[] = []
    const original = Socket.prototype.setNoDelay
    Socket.prototype.setNoDelay = function (this: Socket, on?: boolean) {
      calls.push(on !== false)
      return original.call(this, on)
    }
    try {
      const handle = await Server.bind('127.0.0.1:0').serve(() => Response.builder().body(''))
      handles.push(handle)
      const c = await connect({ port: handle.address.port })
      await c.request(req('GET', '/'))
      expect(calls).toContain(true)
    } finally {
      Socket.prototype.setNoDelay = original
    }
  })

  it('rejects serve() without an address', async () => {
    await expect(Server.builder().serve(() => Response.builder().body(''))).rejects.toThrow(
      TypeError
    )
  })

  it('rejects when the port is taken', async () => {
    const first = await Server.bind('127.0.0.1:0').serve(() => Response.builder().body(''))
    handles.push(first)
    await expect(
      Server.bind(`127.0.0.1:${first.address.port}`).serve(() => Response.builder().body(''))
    ).rejects.toThrow(/EADDRINUSE/)
  })
})
