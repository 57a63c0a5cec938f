import type { Duplex } from 'node:stream'
import { Method, Response, StatusCode, Upgrade } from '../src/index.js'
import type { Body, Request } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, req, serve } from './support/serve.js'

afterEach(cleanup)

/** Echoes the upgraded stream in upper case, starting with the bytes read past the head. */
function shout(socket: Duplex, head: Uint8Array): void {
  const up = (b: Uint8Array): string => Buffer.from(b).toString('latin1').toUpperCase()
  if (head.length > 0) socket.write(up(head))
  socket.on('data', (d: Buffer) => socket.write(up(d)))
  socket.on('end', () => socket.end())
  socket.resume()
}

const upgradeService = (r: Request<Body>): Response<null> => {
  if (r.headers.get('upgrade') === 'shout') {
    return (
      Response.builder()
        .status(StatusCode.SWITCHING_PROTOCOLS)
        .header('upgrade', 'shout')
        .header('connection', 'upgrade')
        // Framing fields make no sense on a 101 (RFC 9110 §15.2.2): they must not reach the wire.
        .header('content-length', '0')
        .header('transfer-encoding', 'chunked')
        .extension(Upgrade, new Upgrade(shout))
        .body(null)
    )
  }
  return Response.builder().status(200).body(null)
}

describe('upgrades', () => {
  it('hands the socket and the bytes after the head to the upgrade handler', async () => {
    const server = await serve({ service: upgradeService })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/', 'connection: upgrade', 'upgrade: shout') + 'early')
    const res = await c.readResponse({ head: true })
    expect(res.status).toBe(101)
    expect(res.headers.get('upgrade')).toBe('shout')
    expect(res.headers.has('content-length')).toBe(false)
    expect(res.headers.has('transfer-encoding')).toBe(false)
    expect((await c.readBytes(5)).toString()).toBe('EARLY')
    c.writeRaw('more')
    expect((await c.readBytes(4)).toString()).toBe('MORE')
    expect(server.handle.connections).toBe(0)
  })

  it('keeps HTTP when an upgrade request is answered normally', async () => {
    const server = await serve({
      service: (r) => Response.builder().body(`plain ${r.uri.path}`),
    })
    const c = await connect(server.addr)
    c.writeRaw(req('GET', '/a', 'connection: upgrade', 'upgrade: shout') + req('GET', '/b'))
    expect((await c.readResponse()).body.toString()).toBe('plain /a')
    expect((await c.readResponse()).body.toString()).toBe('plain /b')
  })

  it('answers 500 to a 101 without an Upgrade handler', async () => {
    const server = await serve({
      service: () => Response.builder().status(101).header('upgrade', 'x').body(null),
    })
    const c = await connect(server.addr)
    const res = await c.request(req('GET', '/', 'connection: upgrade', 'upgrade: x'))
    expect(res.status).toBe(500)
    expect(server.errors[0]?.isUser()).toBe(true)
  })

  it('answers 500 to a 101 for a request that did not ask to upgrade', async () => {
    const server = await serve({
      service: () =>
        Response.builder().status(101).extension(Upgrade, new Upgrade(shout)).body(null),
    })
    const c = await connect(server.addr)
    expect((await c.request(req('GET', '/'))).status).toBe(500)
  })
})

describe('CONNECT', () => {
  const tunnel = (r: Request<Body>): Response<null> =>
    r.method === Method.CONNECT && r.uri.toString() === 'allowed:443'
      ? Response.builder().extension(Upgrade, new Upgrade(shout)).body(null)
      : Response.builder().status(403).body(null)

  it('a 2xx answer opens a tunnel', async () => {
    const server = await serve({ service: tunnel })
    const c = await connect(server.addr)
    c.writeRaw('CONNECT allowed:443 HTTP/1.1\r\nhost: allowed:443\r\n\r\n')
    const res = await c.readResponse({ head: true })
    expect(res.status).toBe(200)
    expect(res.headers.has('content-length')).toBe(false)
    expect(res.headers.has('transfer-encoding')).toBe(false)
    c.writeRaw('ping')
    expect((await c.readBytes(4)).toString()).toBe('PING')
  })

  it('a refused CONNECT closes the connection', async () => {
    const server = await serve({ service: tunnel })
    const c = await connect(server.addr)
    const res = await c.request('CONNECT denied:443 HTTP/1.1\r\nhost: denied:443\r\n\r\n')
    expect(res.status).toBe(403)
    expect(res.headers.get('connection')).toBe('close')
    await c.waitClosed()
  })
})
