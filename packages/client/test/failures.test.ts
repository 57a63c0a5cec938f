import type { Socket } from 'node:net'
import { Request } from '@touche/http-types'
import { cleanup, client, failure, raw, readHeads, scripted, unhandled } from './support/servers.js'

afterEach(async () => {
  await cleanup()
  expect(unhandled.splice(0)).toEqual([])
})

describe('a response that breaks RFC 9112 is refused (no response splitting)', () => {
  const cases: Array<[string, string]> = [
    [
      'Content-Length with Transfer-Encoding',
      'HTTP/1.1 200 OK\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    [
      'two different Content-Lengths',
      'HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\nabc',
    ],
    ['obs-fold', 'HTTP/1.1 200 OK\r\nx-a: 1\r\n  folded\r\ncontent-length: 0\r\n\r\n'],
    ['a space before the colon', 'HTTP/1.1 200 OK\r\nx-a : 1\r\ncontent-length: 0\r\n\r\n'],
    ['not HTTP at all', 'SSH-2.0-OpenSSH_9.6\r\n'],
    ['a bare LF line end', 'HTTP/1.1 200 OK\ncontent-length: 0\n\n'],
  ]
  test.each(cases)('%s', async (_name, bytes) => {
    const server = await scripted(() => bytes)
    const error = await failure(client().get(server.url))
    expect(error.code).toBe('ERR_CLIENT_PARSE')
    expect(error.isParse()).toBe(true)
  })

  it('a bad chunk size fails the body, not the head', async () => {
    const server = await scripted(
      () => 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nok\r\nzz\r\n'
    )
    const res = await client().get(server.url)
    expect(res.status.code).toBe(200)
    const error = await res.body.text().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_CLIENT_PARSE' })
  })
})

describe('a server that closes early', () => {
  it('before any response: incomplete message, and a POST is not sent again', async () => {
    const server = await scripted((_i, socket) => {
      socket.destroy()
      return null
    })
    const error = await failure(client().post(server.url, 'x'))
    expect(error.code).toBe('ERR_CLIENT_INCOMPLETE_MESSAGE')
    expect(server.connections()).toBe(1)
  })

  it('in the middle of a Content-Length body: the body fails as incomplete', async () => {
    const server = await scripted((_i, socket) => {
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc')
      return null
    })
    const res = await client().get(server.url)
    const error = await res.body.text().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_CLIENT_INCOMPLETE_MESSAGE' })
  })

  it('a close-delimited body ends at the close, and the connection is not reused', async () => {
    const server = await scripted((_i, socket) => {
      socket.end('HTTP/1.1 200 OK\r\n\r\nuntil the end')
      return null
    })
    const c = client()
    expect(await (await c.get(server.url)).body.text()).toBe('until the end')
    expect(await (await c.get(server.url)).body.text()).toBe('until the end')
    expect(server.connections()).toBe(2)
  })

  it('mid-pipeline: responses before the close are kept, the rest retried or failed', async () => {
    // Three GETs pipelined on one connection; the server answers the first and closes. Later
    // connections answer each request with its path.
    let first = true
    const server = await raw((socket) => {
      if (first) {
        first = false
        void readHeads(socket, 3).then(() =>
          socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n/0')
        )
        return
      }
      let buf = ''
      socket.on('data', (chunk: Buffer) => {
        buf += chunk.toString('latin1')
        for (let end = buf.indexOf('\r\n\r\n'); end >= 0; end = buf.indexOf('\r\n\r\n')) {
          const path = buf.slice(0, end).split(' ')[1]!
          buf = buf.slice(end + 4)
          socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${String(path.length)}\r\n\r\n${path}`)
        }
      })
    })
    const c = client({ pipelining: 3, maxConnectionsPerOrigin: 1 })
    const bodies = await Promise.all(
      ['/0', '/1', '/2'].map(async (p) => (await c.get(`${server.url}${p}`)).body.text())
    )
    // Never a misassigned response: /1 and /2 are sent again on a fresh connection.
    expect(bodies).toEqual(['/0', '/1', '/2'])
    expect(server.connections()).toBe(2)
  })
})

describe('bytes the server should not have sent', () => {
  it('garbage after a complete response closes the connection; the response stands', async () => {
    const server = await scripted(() => 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nokGARBAGE')
    const c = client()
    expect(await (await c.get(server.url)).body.text()).toBe('ok')
    expect(await (await c.get(server.url)).body.text()).toBe('ok')
    expect(server.connections()).toBe(2)
  })

  it('an unsolicited response on an idle connection retires it', async () => {
    const sockets: Socket[] = []
    const server = await scripted((_i, socket) => {
      sockets.push(socket)
      return 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'
    })
    const c = client()
    expect(await (await c.get(server.url)).body.text()).toBe('ok')
    const closed = new Promise((resolve) => sockets[0]!.once('close', resolve))
    sockets[0]!.write('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nstale')
    await closed
    expect(await (await c.get(server.url)).body.text()).toBe('ok')
    expect(server.connections()).toBe(2)
  })
})

describe('interim responses', () => {
  it('103 reaches onInformational, then the final response', async () => {
    const server = await scripted(
      () =>
        'HTTP/1.1 103 Early Hints\r\nlink: </a.css>; rel=preload\r\n\r\n' +
        'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'
    )
    const hints: string[] = []
    const res = await client().get(server.url, {
      onInformational: (r) => hints.push(`${String(r.status.code)} ${r.headers.get('link') ?? ''}`),
    })
    expect(hints).toEqual(['103 </a.css>; rel=preload'])
    expect(await res.body.text()).toBe('ok')
  })
})

describe('Connection: close (RFC 9112 §9.6)', () => {
  it('a request that said close is the last on its connection, whatever the server answered', async () => {
    // The server answers as if the connection persisted.
    const server = await scripted(() => 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok')
    const c = client({ keepAlive: false })
    expect(await (await c.get(server.url)).body.text()).toBe('ok')
    expect(await (await c.get(server.url)).body.text()).toBe('ok')
    expect(server.connections()).toBe(2)
  })
})

describe('a server that answers before the request body is sent', () => {
  it('a 413 and a close while a large body streams: the 413 stands, nothing leaks', async () => {
    const server = await scripted((_i, socket) => {
      socket.end('HTTP/1.1 413 Content Too Large\r\nconnection: close\r\ncontent-length: 0\r\n\r\n')
      return null
    })
    async function* body(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 64; i++) yield new Uint8Array(64 * 1024)
    }
    const c = client()
    const res = await c.post(server.url, body())
    expect(res.status.code).toBe(413)
    expect(await res.body.text()).toBe('')
    // The connection is gone; the next request opens another.
    expect((await c.post(server.url, 'x')).status.code).toBe(413)
    expect(server.connections()).toBe(2)
  })

  it('stops sending the body once the server has answered and closes (RFC 9112 §9.5)', async () => {
    const TOTAL = 64 * 1024 * 1024
    let received = 0
    let onClose = (): void => {}
    const closed = new Promise<void>((resolve) => (onClose = resolve))
    const server = await raw((socket) => {
      let answered = false
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length
        if (answered) return
        answered = true
        // It says close but lingers, reading, until the client closes its side.
        socket.write(
          'HTTP/1.1 413 Content Too Large\r\nconnection: close\r\ncontent-length: 0\r\n\r\n'
        )
      })
      socket.on('end', () => socket.end())
      socket.on('close', onClose)
    })
    async function* body(): AsyncGenerator<Uint8Array> {
      for (let sent = 0; sent < TOTAL; sent += 64 * 1024) yield new Uint8Array(64 * 1024)
    }
    const res = await client().request(
      Request.post(server.url).header('content-length', String(TOTAL)).body(body())
    )
    expect(res.status.code).toBe(413)
    await closed
    // What was in flight when the answer came (socket buffers), not the 64 MiB.
    expect(received).toBeLessThan(TOTAL / 2)
  })
})
