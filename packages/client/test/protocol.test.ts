import { createHash } from 'node:crypto'
import type { Duplex } from 'node:stream'
import { Method, Request, Response } from '@touche/http-types'
import { ConnectionInfo, Server } from '@touche/server'
import type { ServerHandle } from '@touche/server'
import { WebSocketServer } from 'ws'
import type { RawData } from 'ws'
import { Upgraded } from '../src/index.js'
import { cleanup, client, failure, raw, scripted, touche, unhandled } from './support/servers.js'

const handles: ServerHandle[] = []

afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.close({ timeout: 0 })))
  await cleanup()
  expect(unhandled.splice(0)).toEqual([])
})

/** Reads `socket` until `n` bytes have arrived (the framing of the test's own protocol). */
function readBytes(
  socket: Duplex,
  n: number,
  first: Uint8Array = new Uint8Array(0)
): Promise<Buffer> {
  return new Promise((resolve) => {
    let buf = Buffer.from(first)
    const check = (): boolean => {
      if (buf.length < n) return false
      socket.off('data', onData)
      resolve(buf)
      return true
    }
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk])
      check()
    }
    if (!check()) socket.on('data', onData)
  })
}

describe('Expect: 100-continue (RFC 9110 §10.1.1)', () => {
  const post = (url: string, timeout?: number) =>
    client(timeout === undefined ? {} : { expectContinueTimeout: timeout }).request(
      Request.post(url).header('expect', '100-continue').body('the body')
    )

  it('holds the body until 100 Continue, which reaches onInformational', async () => {
    const early: string[] = []
    const server = await raw((socket) => {
      let buf = ''
      let stage = 0
      socket.on('data', (chunk: Buffer) => {
        buf += chunk.toString('latin1')
        const end = buf.indexOf('\r\n\r\n')
        if (stage === 0 && end >= 0) {
          stage = 1
          // Whatever follows the head in the same read was sent before the go-ahead.
          early.push(buf.slice(end + 4))
          buf = buf.slice(end + 4)
          socket.write('HTTP/1.1 100 Continue\r\n\r\n')
        }
        if (stage === 1 && buf.length >= 8) {
          stage = 2
          socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 8\r\n\r\n${buf.slice(0, 8)}`)
        }
      })
    })
    const interim: number[] = []
    const res = await client().request(
      Request.post(server.url).header('expect', '100-continue').body('the body'),
      { onInformational: (r) => interim.push(r.status.code) }
    )
    expect(await res.body.text()).toBe('the body')
    expect(early).toEqual([''])
    expect(interim).toEqual([100])
  })

  it('a final status instead of 100: the body is never sent and the connection not reused', async () => {
    const seen: string[] = []
    const server = await raw((socket) => {
      let answered = false
      socket.on('data', (chunk: Buffer) => {
        seen.push(chunk.toString('latin1'))
        if (answered) return
        answered = true
        socket.write('HTTP/1.1 417 Expectation Failed\r\ncontent-length: 0\r\n\r\n')
      })
    })
    const c = client()
    const res = await c.request(
      Request.post(server.url).header('expect', '100-continue').body('the body')
    )
    expect(res.status.code).toBe(417)
    await res.body.bytes()
    // The next request needs a new connection: the declared body can never be completed.
    const next = c.get(server.url)
    await expect(next).resolves.toMatchObject({ status: { code: 417 } })
    expect(server.connections()).toBe(2)
    expect(seen.join('')).not.toContain('the body')
  })

  it('a server that never answers the expectation gets the body after the timeout', async () => {
    const silent = await raw((socket) => {
      let buf = ''
      socket.on('data', (chunk: Buffer) => {
        buf += chunk.toString('latin1')
        const end = buf.indexOf('\r\n\r\n')
        if (end >= 0 && buf.length >= end + 4 + 8) {
          socket.write(
            `HTTP/1.1 200 OK\r\ncontent-length: 8\r\n\r\n${buf.slice(end + 4, end + 12)}`
          )
        }
      })
    })
    const res = await post(silent.url, 50)
    expect(await res.body.text()).toBe('the body')
  })

  it('works against a touche server, which sends 100 when the handler reads', async () => {
    const server = await touche(async (req) => Response.builder().body(await req.body.text()))
    const res = await post(server.url)
    expect(await res.body.text()).toBe('the body')
  })
})

describe('upgrades', () => {
  it('a WebSocket handshake with a ws server, then frames over the handed-over socket', async () => {
    const wss = new WebSocketServer({ noServer: true })
    wss.on('connection', (ws) => {
      ws.on('message', (data: RawData) => ws.send(`echo ${String(data)}`))
    })
    const handle = await Server.bind('127.0.0.1:0').serve(() =>
      Response.builder().status(404).body(null)
    )
    handles.push(handle)
    handle.on('upgrade', (req, socket, head) => {
      wss.handleUpgrade(req as never, socket, head, (ws) => wss.emit('connection', ws, req))
    })
    const key = 'dGhlIHNhbXBsZSBub25jZQ=='
    const res = await client().request(
      Request.get(`http://127.0.0.1:${String(handle.address.port)}/chat`)
        .header('connection', 'Upgrade')
        .header('upgrade', 'websocket')
        .header('sec-websocket-version', '13')
        .header('sec-websocket-key', key)
        .body(null)
    )
    expect(res.status.code).toBe(101)
    const accept = createHash('sha1')
      .update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64')
    expect(res.headers.get('sec-websocket-accept')).toBe(accept)
    const { socket, head } = res.extensions.get(Upgraded)!
    // A masked text frame (RFC 6455 §5.2), as a client must send.
    const payload = Buffer.from('hi')
    const mask = Buffer.from([1, 2, 3, 4])
    const masked = payload.map((b, i) => b ^ mask[i % 4]!)
    socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]))
    const frame = await readBytes(socket, 2 + 'echo hi'.length, head)
    expect(frame[0]).toBe(0x81)
    expect(frame.subarray(2).toString()).toBe('echo hi')
    socket.destroy()
    wss.close()
  })

  it('a 2xx to CONNECT hands over the tunnel with the bytes read past the head', async () => {
    const server = await scripted((_i, socket) => {
      socket.on('data', (d: Buffer) => socket.write(d)) // echo inside the tunnel
      return 'HTTP/1.1 200 Connection Established\r\n\r\nhello'
    })
    const res = await client().request(
      Request.builder().method(Method.CONNECT).uri(server.url).body(null)
    )
    expect(res.status.code).toBe(200)
    const { socket, head } = res.extensions.get(Upgraded)!
    expect(Buffer.from(head).toString()).toBe('hello')
    socket.write('ping')
    expect((await readBytes(socket, 4)).toString()).toBe('ping')
    socket.destroy()
  })

  it('a 101 to a request that did not ask for an upgrade is a parse error', async () => {
    const server = await scripted(() => 'HTTP/1.1 101 Switching Protocols\r\nupgrade: x\r\n\r\n')
    const error = await failure(client().get(server.url))
    expect(error.code).toBe('ERR_CLIENT_PARSE')
  })
})

describe('responses without a body (RFC 9112 §6.3)', () => {
  it('HEAD, 204 and 304 end at the head whatever Content-Length says; the connection is reused', async () => {
    const server = await scripted(
      (i) =>
        [
          'HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n',
          'HTTP/1.1 204 No Content\r\n\r\n',
          'HTTP/1.1 304 Not Modified\r\ncontent-length: 50\r\n\r\n',
          'HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\nlast',
        ][i]!
    )
    const c = client()
    const head = await c.request(Request.head(server.url).body(null))
    expect([head.status.code, await head.body.text()]).toEqual([200, ''])
    expect(await (await c.get(server.url)).body.text()).toBe('')
    expect(await (await c.get(server.url)).body.text()).toBe('')
    expect(await (await c.get(server.url)).body.text()).toBe('last')
    expect(server.connections()).toBe(1)
  })
})

describe('an abandoned response body', () => {
  /** A touche server with a `size`-byte body that counts the connections requests came on. */
  const sized = async (size: number) => {
    const ids = new Set<number>()
    const server = await touche((req) => {
      ids.add(req.extensions.get(ConnectionInfo)!.id)
      return Response.builder().body(new Uint8Array(size))
    })
    return { ...server, connections: () => ids.size }
  }

  it('is drained within the budget, and the connection is reused', async () => {
    const server = await sized(1024)
    const c = client()
    const res = await c.get(server.url)
    await res.body.stream().cancel()
    expect((await (await c.get(server.url)).body.bytes()).length).toBe(1024)
    expect(server.connections()).toBe(1)
  })

  it('past the budget the connection is closed instead', async () => {
    const server = await sized(4 * 1024 * 1024)
    const c = client({ maxDrainBytes: 64 * 1024 })
    const first = await c.get(server.url)
    const reader = first.body.stream().getReader()
    await reader.read()
    await reader.cancel()
    expect((await (await c.get(server.url)).body.bytes()).length).toBe(4 * 1024 * 1024)
    expect(server.connections()).toBe(2)
  })
})

describe('limits and backpressure', () => {
  it('a response head over limits.maxHeadBytes is refused, not buffered without end', async () => {
    const big = `HTTP/1.1 200 OK\r\nx-big: ${'a'.repeat(4096)}\r\ncontent-length: 0\r\n\r\n`
    const server = await scripted(() => big)
    const error = await failure(client({ limits: { maxHeadBytes: 1024 } }).get(server.url))
    expect(error.code).toBe('ERR_CLIENT_PARSE')
    // The same head within the default limit (16 KiB) is fine.
    expect((await client().get(server.url)).headers.get('x-big')).toHaveLength(4096)
  })

  it('a response body is read from the socket no faster than the caller consumes it', async () => {
    const TOTAL = 128 * 1024 * 1024
    const chunk = Buffer.alloc(64 * 1024)
    let written = 0
    const server = await scripted((_i, socket) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${String(TOTAL)}\r\n\r\n`)
      const more = (): void => {
        while (written < TOTAL) {
          written += chunk.length
          if (!socket.write(chunk)) {
            socket.once('drain', more)
            return
          }
        }
      }
      more()
      return null
    })
    const res = await client().get(server.url)
    let consumed = 0
    let lead = 0
    for await (const piece of res.body) {
      consumed += piece.length
      lead = Math.max(lead, written - consumed)
      // A slow consumer: each piece waits for the next turn of the event loop.
      await new Promise((r) => setImmediate(r))
    }
    expect(consumed).toBe(TOTAL)
    // Bounded by socket buffers and the body's 64 KiB high-water mark, not by the body's size.
    expect(lead).toBeLessThan(48 * 1024 * 1024)
  }, 30_000)

  it('a streamed request body is pulled no faster than the server reads it', async () => {
    const CHUNK = 64 * 1024
    const TOTAL = 128 * 1024 * 1024
    let pulled = 0
    let received = 0
    let lead = 0
    const server = await raw((socket) => {
      let head = true
      socket.on('data', (chunk: Buffer) => {
        if (head) {
          head = false
          received -= chunk.indexOf('\r\n\r\n') + 4
        }
        received += chunk.length
        // A slow reader: each read waits for the next turn of the event loop.
        socket.pause()
        setImmediate(() => socket.resume())
        if (received >= TOTAL) socket.end('HTTP/1.1 204 No Content\r\n\r\n')
      })
    })
    const body = new ReadableStream<Uint8Array>(
      {
        pull(c) {
          lead = Math.max(lead, pulled - received)
          if (pulled >= TOTAL) c.close()
          else {
            pulled += CHUNK
            c.enqueue(new Uint8Array(CHUNK))
          }
        },
      },
      { highWaterMark: 0 }
    )
    const res = await client().request(
      Request.post(server.url).header('content-length', String(TOTAL)).body(body)
    )
    expect(res.status.code).toBe(204)
    // The lead is what socket buffers hold (a few MiB here; at most tcp_wmem's 4 MiB plus
    // tcp_rmem's 32 MiB by default on Linux); without backpressure it would near the whole body.
    expect(lead).toBeLessThan(48 * 1024 * 1024)
  }, 30_000)
})
