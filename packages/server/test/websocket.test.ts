import { createServer } from 'node:net'
import type { AddressInfo, Server as NetServer, Socket } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'
import type { RawData } from 'ws'
import { Response, Server, Upgrade, serveConnection } from '../src/index.js'
import type { NodeRequest, ServerHandle } from '../src/index.js'
import { testCertificate } from './support/cert.js'
import { connect, destroyClients } from './support/raw-client.js'
import { req } from './support/serve.js'

const handles: ServerHandle[] = []
const netServers: NetServer[] = []
const clients: WebSocket[] = []

afterEach(async () => {
  destroyClients()
  for (const c of clients.splice(0)) c.terminate()
  for (const s of netServers.splice(0)) s.close()
  await Promise.all(handles.splice(0).map((h) => h.close({ timeout: 0 })))
})

/** An echo WebSocket server: every message goes back as it came (text stays text). */
function echoServer(
  options: ConstructorParameters<typeof WebSocketServer>[0] = {}
): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, ...options })
  wss.on('connection', (ws) => {
    ws.on('message', (data: RawData, isBinary: boolean) => ws.send(data, { binary: isBinary }))
  })
  return wss
}

/** touche, serving plain requests with 'hello', and handing upgrades to `wss`. */
async function serveWs(
  wss: WebSocketServer,
  tls = false
): Promise<{ handle: ServerHandle; url: string }> {
  const builder = Server.builder()
  const bound = tls
    ? builder.bindTls('127.0.0.1:0', testCertificate())
    : builder.bind('127.0.0.1:0')
  const handle = await bound.serve((r) => Response.builder().body(`hello ${r.uri.path}`))
  handle.on('upgrade', (request, socket, head) =>
    wss.handleUpgrade(request as never, socket, head, (ws) => wss.emit('connection', ws, request))
  )
  handles.push(handle)
  return { handle, url: `${tls ? 'wss' : 'ws'}://127.0.0.1:${handle.address.port}` }
}

function open(
  url: string,
  options: ConstructorParameters<typeof WebSocket>[2] = {}
): Promise<WebSocket> {
  const ws = new WebSocket(url, options)
  clients.push(ws)
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

function nextMessage(ws: WebSocket): Promise<{ data: Buffer; isBinary: boolean }> {
  return new Promise((resolve) =>
    ws.once('message', (data: RawData, isBinary: boolean) =>
      resolve({ data: Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer), isBinary })
    )
  )
}

describe("ws on touche's 'upgrade' event", () => {
  it('echoes text, a 5 MiB binary message and a fragmented one', async () => {
    const { url } = await serveWs(echoServer())
    const ws = await open(url)
    ws.send('hello')
    const text = await nextMessage(ws)
    expect([text.data.toString(), text.isBinary]).toEqual(['hello', false])
    const big = Buffer.alloc(5 * 1024 * 1024)
    for (let i = 0; i < big.length; i += 997) big[i] = i & 0xff
    ws.send(big)
    const back = await nextMessage(ws)
    expect(back.isBinary).toBe(true)
    expect(back.data.equals(big)).toBe(true)
    ws.send('frag', { fin: false })
    ws.send('ment', { fin: false })
    ws.send('ed', { fin: true })
    expect((await nextMessage(ws)).data.toString()).toBe('fragmented')
  })

  it('answers pings and carries close codes both ways', async () => {
    const wss = new WebSocketServer({ noServer: true })
    wss.on('connection', (ws) => ws.on('message', () => ws.close(4001, 'bye')))
    const { url } = await serveWs(wss)
    const ws = await open(url)
    const pong = new Promise<Buffer>((resolve) => ws.once('pong', resolve))
    ws.ping('are you there')
    expect((await pong).toString()).toBe('are you there')
    const closed = new Promise<[number, string]>((resolve) =>
      ws.once('close', (code, reason) => resolve([code, reason.toString()]))
    )
    ws.send('close please')
    expect(await closed).toEqual([4001, 'bye'])
  })

  it('negotiates and uses permessage-deflate', async () => {
    const { url } = await serveWs(echoServer({ perMessageDeflate: { threshold: 0 } }))
    const ws = await open(url, { perMessageDeflate: { threshold: 0 } })
    expect(ws.extensions).toContain('permessage-deflate')
    const text = 'squeeze '.repeat(10_000)
    ws.send(text)
    expect((await nextMessage(ws)).data.toString()).toBe(text)
  })

  it('serves 1,000 concurrent connections echoing 10 messages each', async () => {
    const { url } = await serveWs(echoServer())
    const one = async (n: number): Promise<number> => {
      const ws = await open(url)
      let got = 0
      for (let i = 0; i < 10; i++) {
        ws.send(`${n}:${i}`)
        if ((await nextMessage(ws)).data.toString() === `${n}:${i}`) got++
      }
      ws.close()
      return got
    }
    const counts = await Promise.all(Array.from({ length: 1000 }, (_, n) => one(n)))
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10_000)
  }, 60_000)

  it('gives the listener a frame sent in the same write as the upgrade request (head)', async () => {
    const wss = new WebSocketServer({ noServer: true })
    const first = new Promise<string>((resolve) =>
      wss.on('connection', (ws) => ws.once('message', (d: RawData) => resolve(String(d))))
    )
    const { handle } = await serveWs(wss)
    const c = await connect({ port: handle.address.port })
    c.writeRaw(
      Buffer.concat([
        Buffer.from(
          req(
            'GET',
            '/chat',
            'upgrade: websocket',
            'connection: Upgrade',
            'sec-websocket-version: 13',
            'sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ=='
          )
        ),
        maskedTextFrame('early bird'),
      ])
    )
    expect(await first).toBe('early bird')
    const res = await c.readResponse({ head: true })
    expect(res.status).toBe(101)
    expect(res.headers.get('sec-websocket-accept')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=')
  })

  it('answers earlier pipelined requests first and parses nothing after the upgrade request', async () => {
    const seen: string[] = []
    const handle = await Server.bind('127.0.0.1:0').serve((r) => {
      seen.push(r.uri.path)
      return Response.builder().body(`hello ${r.uri.path}`)
    })
    handles.push(handle)
    let head = ''
    handle.on('upgrade', (request: NodeRequest, socket, bytes) => {
      head = bytes.toString('latin1')
      socket.end(
        `HTTP/1.1 101 Switching Protocols\r\nupgrade: x\r\nconnection: upgrade\r\n\r\nurl ${request.url}`
      )
    })
    const c = await connect({ port: handle.address.port })
    c.writeRaw(
      req('GET', '/a') +
        req('GET', '/b') +
        req('GET', '/up', 'connection: upgrade', 'upgrade: x') +
        req('GET', '/after')
    )
    expect((await c.readResponse()).body.toString()).toBe('hello /a')
    expect((await c.readResponse()).body.toString()).toBe('hello /b')
    expect((await c.readResponse({ head: true })).status).toBe(101)
    expect((await c.readUntilClose()).toString()).toBe('url /up')
    expect(seen).toEqual(['/a', '/b'])
    expect(head).toBe(req('GET', '/after'))
  })

  it('carries wss:// over bindTls', async () => {
    const { url } = await serveWs(echoServer(), true)
    const ws = await open(url, { rejectUnauthorized: false })
    ws.send('secret')
    expect((await nextMessage(ws)).data.toString()).toBe('secret')
  })

  it("works on a socket read through 'data' (serveConnection)", async () => {
    const wss = echoServer()
    const server = createServer({ allowHalfOpen: true }, (socket: Socket) => {
      void serveConnection(socket, () => Response.builder().body('plain'), {
        onUpgrade: (request, s, head) =>
          wss.handleUpgrade(request as never, s, head, (ws) => wss.emit('connection', ws, request)),
      })
    })
    netServers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const ws = await open(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`)
    ws.send('over data events')
    expect((await nextMessage(ws)).data.toString()).toBe('over data events')
  })

  it('hands a request over from a service with Upgrade.takeover, and counts the socket', async () => {
    const wss = echoServer()
    const handle = await Server.bind('127.0.0.1:0').serve((r) =>
      r.uri.path === '/ws'
        ? Response.builder()
            .extension(
              Upgrade,
              Upgrade.takeover((request, socket, head) =>
                wss.handleUpgrade(request as never, socket, head, (ws) =>
                  wss.emit('connection', ws, request)
                )
              )
            )
            .body(null)
        : Response.builder().status(404).body(null)
    )
    handles.push(handle)
    const ws = await open(`ws://127.0.0.1:${handle.address.port}/ws`)
    ws.send('taken over')
    expect((await nextMessage(ws)).data.toString()).toBe('taken over')
    expect(handle.upgradedSockets).toBe(1)
    expect(handle.connections).toBe(0)
    // close() does not wait for upgraded sockets, nor close them.
    await handle.close({ timeout: 60_000 })
    ws.send('still here')
    expect((await nextMessage(ws)).data.toString()).toBe('still here')
  })

  it('gives the listener the request as node:http does', async () => {
    const handle = await Server.bind('127.0.0.1:0').serve(() => Response.builder().body('x'))
    handles.push(handle)
    const got = new Promise<NodeRequest>((resolve) =>
      handle.on('upgrade', (request, socket) => {
        resolve(request)
        socket.destroy()
      })
    )
    const c = await connect({ port: handle.address.port })
    c.writeRaw(
      'GET /p?q=1 HTTP/1.1\r\nHost: a\r\nUser-Agent: one\r\nUser-Agent: two\r\nConnection: Upgrade\r\nUpgrade: x\r\n' +
        'X-List: 1\r\nX-List: 2\r\nCookie: a=1\r\nCookie: b=2\r\nSet-Cookie: s=1\r\nSet-Cookie: t=2\r\n' +
        'Constructor: c\r\n__proto__: p\r\n\r\n'
    )
    const r = await got
    expect([r.method, r.url, r.httpVersion]).toEqual(['GET', '/p?q=1', '1.1'])
    expect(r.headers).toMatchObject({
      host: 'a',
      'user-agent': 'one',
      'x-list': '1, 2',
      cookie: 'a=1; b=2',
      'set-cookie': ['s=1', 't=2'],
      upgrade: 'x',
    })
    // Names that are properties of Object.prototype are fields like any other.
    expect(r.headers['constructor']).toBe('c')
    expect(Object.getOwnPropertyDescriptor(r.headers, '__proto__')?.value).toBe('p')
    // A plain object, as node:http's: libraries may call its Object.prototype methods.
    expect(Object.getPrototypeOf(r.headers)).toBe(Object.prototype)
    expect(r.rawHeaders.slice(0, 4)).toEqual(['Host', 'a', 'User-Agent', 'one'])
    expect(r.socket).toBe(r.connection)
  })
})

/** A client-to-server (masked) text frame. */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text)
  const mask = Buffer.from([1, 2, 3, 4])
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!))
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked])
}
