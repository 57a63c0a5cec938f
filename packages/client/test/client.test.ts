import { execFile } from 'node:child_process'
import { createServer } from 'node:http'
import type { Server as HttpServer } from 'node:http'
import type { Socket } from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { Request, Response } from '@touche/http-types'
import { Server } from '@touche/server'
import { Client, ClientError } from '../src/index.js'
import { cleanup, client, raw, readHeads, touche, unhandled } from './support/servers.js'

const execFileAsync = promisify(execFile)
const httpServers: HttpServer[] = []

afterEach(async () => {
  const servers = httpServers.splice(0)
  for (const s of servers) s.closeAllConnections()
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
  await cleanup()
  expect(unhandled.splice(0)).toEqual([])
})

/** A node:http server on 127.0.0.1:0 that counts its connections. */
async function nodeServer(
  handler: Parameters<typeof createServer>[1]
): Promise<{ url: string; sockets: Set<Socket>; connections: () => number }> {
  const server = createServer(handler)
  httpServers.push(server)
  const sockets = new Set<Socket>()
  let count = 0
  server.on('connection', (s: Socket) => {
    count++
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  return { url: `http://127.0.0.1:${String(port)}`, sockets, connections: () => count }
}

describe('Client against a touche server', () => {
  it('gets and posts, reusing one kept-alive connection', async () => {
    const server = await touche(async (req) =>
      Response.builder()
        .header('x-method', req.method.toString())
        .body(`${req.uri.pathAndQuery} ${await req.body.text()}`)
    )
    const c = client()
    const a = await c.get(`${server.url}/a?x=1`)
    expect([a.status.code, a.headers.get('x-method'), await a.body.text()]).toEqual([
      200,
      'GET',
      '/a?x=1 ',
    ])
    const b = await c.post(`${server.url}/b`, 'hello')
    expect(await b.body.text()).toBe('/b hello')
    const put = await c.request(Request.put(`${server.url}/c`).body(new Uint8Array([104, 105])))
    expect(await put.body.text()).toBe('/c hi')
    expect(server.handle.connections).toBe(1)
    await c.close()
  })

  it('close() lets requests in flight finish, then leaves no socket open', async () => {
    const server = await touche(() => Response.builder().body('ok'))
    const c = client()
    const pending = [c.get(`${server.url}/1`), c.get(`${server.url}/2`)]
    const closed = c.close()
    const texts = await Promise.all(pending.map(async (p) => (await p).body.text()))
    expect(texts).toEqual(['ok', 'ok'])
    await closed
    await expect(c.get(`${server.url}/3`)).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' })
    expect(server.handle.connections).toBe(0)
  })

  it('await using closes the client at the end of the scope', async () => {
    const server = await touche(() => Response.builder().body('ok'))
    {
      await using c = new Client()
      expect(await (await c.get(server.url)).body.text()).toBe('ok')
    }
    expect(server.handle.connections).toBe(0)
  })
})

describe('Client against node:http', () => {
  it('opens at most maxConnectionsPerOrigin connections and queues the rest in order', async () => {
    const server = await nodeServer((req, res) => res.end(req.url))
    const c = client({ maxConnectionsPerOrigin: 2 })
    const paths = ['/1', '/2', '/3', '/4', '/5', '/6']
    const bodies = await Promise.all(
      paths.map(async (p) => (await c.get(`${server.url}${p}`)).body.text())
    )
    expect(bodies).toEqual(paths)
    expect(server.connections()).toBeLessThanOrEqual(2)
  })

  it('reads chunked responses with trailers, and sends chunked requests with trailers', async () => {
    const server = await nodeServer((req, res) => {
      let body = ''
      req.setEncoding('utf8')
      req.on('data', (d: string) => (body += d))
      req.on('end', () => {
        res.writeHead(200, { trailer: 'x-sum' })
        res.write(body)
        res.write(`|${req.trailers['x-up'] ?? ''}`)
        res.addTrailers({ 'x-sum': String(body.length) })
        res.end()
      })
    })
    async function* parts(): AsyncGenerator<string> {
      yield 'ab'
      yield 'cd'
    }
    const { Body, HeaderMap } = await import('../src/index.js').then(async (m) => ({
      Body: m.Body,
      HeaderMap: (await import('@touche/http-types')).HeaderMap,
    }))
    const body = Body.from(parts(), { trailers: () => new HeaderMap([['x-up', 'yes']]) })
    const res = await client().post(`${server.url}/`, body)
    expect(await res.body.text()).toBe('abcd|yes')
    expect((await res.body.trailers())?.get('x-sum')).toBe('4')
  })

  it('retires an idle connection before the server would, and opens a fresh one', async () => {
    const server = await nodeServer((_req, res) => res.end('ok'))
    const c = client({ idleTimeout: 1 })
    expect(await (await c.get(server.url)).body.text()).toBe('ok')
    // The client closes its side first: the server sees the socket end.
    await new Promise<void>((resolve) => {
      const [socket] = [...server.sockets]
      if (socket === undefined) resolve()
      else socket.once('close', () => resolve())
    })
    expect(await (await c.get(server.url)).body.text()).toBe('ok')
    expect(server.connections()).toBe(2)
  })
})

describe('Keep-Alive: timeout=N', () => {
  it('a server that keeps idle connections for 1 s gets them closed by the client first', async () => {
    const ended: Promise<void>[] = []
    const server = await raw((socket) => {
      ended.push(new Promise((resolve) => socket.on('end', () => resolve())))
      void readHeads(socket, 1).then(() =>
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nkeep-alive: timeout=1\r\n\r\nok')
      )
    })
    const c = client()
    expect(await (await c.get(server.url)).body.text()).toBe('ok')
    await ended[0]
    expect(await (await c.get(server.url)).body.text()).toBe('ok')
    expect(server.connections()).toBe(2)
  })
})

describe('errors', () => {
  it('a refused connection is a connect error', async () => {
    const server = await raw((s) => s.destroy())
    server.server.close()
    await new Promise((r) => server.server.once('close', r))
    const error = await client()
      .get(server.url)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ClientError)
    expect((error as ClientError).isConnect()).toBe(true)
    expect((error as ClientError).code).toBe('ERR_CLIENT_CONNECT')
  })

  it('a relative URI is an invalid request', async () => {
    await expect(client().get('/nowhere')).rejects.toMatchObject({
      code: 'ERR_CLIENT_INVALID_REQUEST',
    })
  })
})

describe('options', () => {
  it.each([
    ['keepAliveMargin', { keepAliveMargin: -5 }],
    ['maxDrainBytes', { maxDrainBytes: -1 }],
    ['bodyHighWaterMark', { bodyHighWaterMark: 0 }],
    ['pipelining', { pipelining: 0 }],
    ['headersTimeout', { headersTimeout: -1 }],
    ['maxConnectionsPerOrigin', { maxConnectionsPerOrigin: 0 }],
  ])('a bad %s is a RangeError at construction', (name, options) => {
    expect(() => new Client(options)).toThrow(RangeError)
    expect(() => new Client(options)).toThrow(name === 'headersTimeout' ? 'timeout' : name)
  })
})

describe('process exit', () => {
  it.each([
    ['without close()', ''],
    ['with await close(), which still waits for the close', 'await c.close();'],
  ])('an idle pooled connection does not keep the process alive, %s', async (_name, end) => {
    // Both sides keep an idle connection for a minute; a child process makes one request with the
    // built client and never closes it. Only an unref'd idle socket lets it exit before then.
    const handle = await Server.builder()
      .keepAliveTimeout(60_000)
      .bind('127.0.0.1:0')
      .serve(() => Response.builder().body('ok'))
    const server = { url: `http://127.0.0.1:${String(handle.address.port)}` }
    const dist = join(__dirname, '..', 'dist', 'index.js')
    const script =
      `const { Client } = await import(${JSON.stringify(pathToFileURL(dist).href)});` +
      `const c = new Client({ idleTimeout: 60000 });` +
      `const res = await c.get(${JSON.stringify(server.url)});` +
      `process.stdout.write(await res.body.text());` +
      end
    try {
      const { stdout } = await execFileAsync(
        process.execPath,
        ['--input-type=module', '-e', script],
        {
          timeout: 15_000,
        }
      )
      expect(stdout).toBe('ok')
    } finally {
      await handle.close({ timeout: 0 })
    }
  })
})
