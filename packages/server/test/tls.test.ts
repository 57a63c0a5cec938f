import type { TLSSocket } from 'node:tls'
import { ConnectionInfo, Response } from '../src/index.js'
import { testCertificate } from './support/cert.js'
import { connect, connectTls } from './support/raw-client.js'
import { cleanup, req, serve } from './support/serve.js'

afterEach(cleanup)

const tls = testCertificate()

describe('TLS', () => {
  it('serves HTTP/1.1 over TLS with ALPN http/1.1', async () => {
    const server = await serve({
      tls,
      service: (r) => {
        const info = r.extensions.get(ConnectionInfo)
        return Response.builder().body(`${String(info?.encrypted)} ${info?.alpnProtocol}`)
      },
    })
    const c = await connectTls(server.addr.port, { ALPNProtocols: ['http/1.1'], ca: tls.cert })
    expect((c.socket as TLSSocket).alpnProtocol).toBe('http/1.1')
    const res = await c.request(req('GET', '/'))
    expect(res.body.toString()).toBe('true http/1.1')
    const again = await c.request(req('GET', '/'))
    expect(again.status).toBe(200)
  })

  it('pipelines over TLS', async () => {
    const server = await serve({ tls, service: (r) => Response.builder().body(r.uri.path) })
    const c = await connectTls(server.addr.port)
    c.writeRaw(req('GET', '/1') + req('GET', '/2') + req('GET', '/3'))
    for (const p of ['/1', '/2', '/3']) expect((await c.readResponse()).body.toString()).toBe(p)
  })

  it('reports a failed handshake through onError', async () => {
    const server = await serve({ tls, service: () => Response.builder().body('x') })
    const c = await connect(server.addr)
    c.writeRaw('GET / HTTP/1.1\r\nhost: x\r\n\r\n')
    await c.waitClosed()
    expect(server.errors.some((e) => e.code === 'ERR_SERVER_IO')).toBe(true)
  })
})
