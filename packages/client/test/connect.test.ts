import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect as netConnect } from 'node:net'
import type { Socket } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import { Request, Response } from '@touche/http-types'
import { ConnectionInfo, Server } from '@touche/server'
import type { ServerHandle } from '@touche/server'
import { handshake } from '../src/index.js'
import { cleanup, client, failure, raw, unhandled } from './support/servers.js'

const fixtures = join(__dirname, '..', '..', 'server', 'test', 'fixtures')
const cert = readFileSync(join(fixtures, 'localhost-cert.pem'), 'utf8')
const key = readFileSync(join(fixtures, 'localhost-key.pem'), 'utf8')

const handles: ServerHandle[] = []

afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.close({ timeout: 0 })))
  await cleanup()
  expect(unhandled.splice(0)).toEqual([])
})

/** A TLS touche server that answers with the ALPN protocol and the SNI name it saw. */
async function tlsServer(extra: Record<string, unknown> = {}): Promise<{ port: number }> {
  const names: string[] = []
  const handle = await Server.builder()
    .bindTls('127.0.0.1:0', {
      key,
      cert,
      SNICallback: (name, cb) => {
        names.push(name)
        cb(null, undefined)
      },
      ...extra,
    })
    .serve((req) =>
      Response.builder().body(
        `${req.extensions.get(ConnectionInfo)?.alpnProtocol ?? '-'} ${names.join(',')}`
      )
    )
  handles.push(handle)
  return { port: handle.address.port }
}

describe('TLS', () => {
  it('verifies the server with the given CA, sends SNI and negotiates ALPN http/1.1', async () => {
    const { port } = await tlsServer()
    const c = client({ tls: { ca: cert } })
    const res = await c.get(`https://localhost:${String(port)}/`)
    expect(await res.body.text()).toBe('http/1.1 localhost')
    // The connection is kept and reused.
    expect(await (await c.get(`https://localhost:${String(port)}/`)).body.text()).toBe(
      'http/1.1 localhost'
    )
    expect(handles[0]!.connections).toBe(1)
  })

  it('handshake over a tls.connect socket that fails its TLS handshake is a connect error', async () => {
    const { port } = await tlsServer()
    const send = handshake(tlsConnect({ host: '127.0.0.1', port, servername: 'localhost' }))
    const error = await send
      .send(Request.get(`https://localhost:${String(port)}/`).body(null))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'ERR_CLIENT_CONNECT',
      cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    })
  })

  it('an untrusted certificate is a connect error whose cause says why', async () => {
    const { port } = await tlsServer()
    const error = await failure(client().get(`https://localhost:${String(port)}/`))
    expect(error.code).toBe('ERR_CLIENT_CONNECT')
    expect(error.cause).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
  })

  it('presents a client certificate when the server asks for one', async () => {
    const { port } = await tlsServer({ requestCert: true, rejectUnauthorized: true, ca: cert })
    const url = `https://localhost:${String(port)}/`
    expect(await (await client({ tls: { ca: cert, cert, key } }).get(url)).body.text()).toBe(
      'http/1.1 localhost'
    )
    // Without one, the server ends the handshake.
    const error = await failure(client({ tls: { ca: cert } }).get(url))
    expect(['ERR_CLIENT_CONNECT', 'ERR_CLIENT_INCOMPLETE_MESSAGE', 'ERR_CLIENT_IO']).toContain(
      error.code
    )
  })

  it('a TLS handshake that never completes ends at the connect timeout', async () => {
    const server = await raw(() => {}) // accepts TCP, never answers the ClientHello
    const error = await failure(
      client({ connectTimeout: 100 }).get(`https://127.0.0.1:${String(server.port)}/`)
    )
    expect(error.code).toBe('ERR_CLIENT_CONNECT_TIMEOUT')
    expect(error.isTimeout()).toBe(true)
  })
})

describe('unix sockets', () => {
  it('http+unix:// with the percent-encoded path as the host', async () => {
    const path = join(tmpdir(), `touche-client-${String(process.pid)}.sock`)
    const handle = await Server.builder()
      .bindUnix(path)
      .serve((req) =>
        Response.builder().body(`${req.headers.get('host') ?? ''} ${req.uri.pathAndQuery}`)
      )
    handles.push(handle)
    const c = client()
    const res = await c.get(`http+unix://${encodeURIComponent(path)}/a?b=1`)
    expect(await res.body.text()).toBe('localhost /a?b=1')
  })
})

/**
 * A forward proxy (RFC 9110 §9.3.6): tunnels CONNECT to 127.0.0.1, or refuses it with `refuse`;
 * forwards an absolute-form request to its origin as it is. It records each request line.
 */
async function proxy(refuse?: string): Promise<{ url: string; lines: string[] }> {
  const lines: string[] = []
  const server = await raw((socket) => {
    let buf = Buffer.alloc(0)
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk])
      const end = buf.indexOf('\r\n\r\n')
      if (end < 0) return
      socket.off('data', onData)
      const head = buf.subarray(0, end + 4).toString('latin1')
      const line = head.slice(0, head.indexOf('\r\n'))
      lines.push(line)
      const target = line.split(' ')[1]!
      if (line.startsWith('CONNECT ')) {
        if (refuse !== undefined) {
          socket.end(refuse)
          return
        }
        const upstream = tunnel(socket, Number(target.split(':').pop()))
        upstream.once('connect', () => {
          socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
          if (buf.length > end + 4) upstream.write(buf.subarray(end + 4))
        })
      } else {
        const upstream = tunnel(socket, Number(new URL(target).port))
        upstream.write(buf)
      }
    }
    socket.on('data', onData)
  })
  return { url: server.url, lines }
}

function tunnel(socket: Socket, port: number): Socket {
  const upstream = netConnect(port, '127.0.0.1')
  upstream.on('error', () => socket.destroy())
  socket.on('close', () => upstream.destroy())
  upstream.on('close', () => socket.destroy())
  upstream.pipe(socket)
  socket.pipe(upstream)
  return upstream
}

describe('an HTTP proxy', () => {
  it('tunnels https through CONNECT, and TLS runs end to end inside the tunnel', async () => {
    const { port } = await tlsServer()
    const p = await proxy()
    const c = client({ proxy: p.url, tls: { ca: cert } })
    expect(await (await c.get(`https://localhost:${String(port)}/x`)).body.text()).toBe(
      'http/1.1 localhost'
    )
    expect(await (await c.get(`https://localhost:${String(port)}/y`)).body.text()).toBe(
      'http/1.1 localhost'
    )
    // One tunnel, reused.
    expect(p.lines).toEqual([`CONNECT localhost:${String(port)} HTTP/1.1`])
  })

  it('sends http requests to the proxy in absolute form', async () => {
    const handle = await Server.bind('127.0.0.1:0').serve((req) =>
      Response.builder().body(req.uri.pathAndQuery)
    )
    handles.push(handle)
    const p = await proxy()
    const url = `http://127.0.0.1:${String(handle.address.port)}/a?b=1`
    const res = await client({ proxy: p.url }).request(Request.get(url).body(null))
    expect(await res.body.text()).toBe('/a?b=1')
    expect(p.lines).toEqual([`GET ${url} HTTP/1.1`])
  })

  it('a refused CONNECT is a proxy error that names the status', async () => {
    const p = await proxy('HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n')
    const error = await failure(client({ proxy: p.url }).get('https://localhost:1/'))
    expect(error.code).toBe('ERR_CLIENT_PROXY')
    expect(error.message).toContain('407')
  })
})
