import fc from 'fast-check'
import type { Socket } from 'node:net'
import { cleanup, client, failure, raw, scripted, unhandled } from './support/servers.js'

afterEach(async () => {
  await cleanup()
  expect(unhandled.splice(0)).toEqual([])
})

interface Script {
  /** A delay (ms) before each response, indexed by request number on the connection. */
  readonly delays: number[]
  /** Each response is written in pieces this many bytes long. */
  readonly piece: number
  /** The first connection closes after this many responses (none when undefined). */
  readonly closeAfter: number | undefined
}

/**
 * A server that answers each request with its path, strictly in order, after a scripted delay
 * and in scripted pieces; its first connection may close mid-pipeline.
 */
async function pipeliningServer(
  script: Script
): Promise<{ url: string; connections: () => number }> {
  return raw((socket: Socket, index: number) => {
    let buf = ''
    let answered = 0
    let chain = Promise.resolve()
    const limit = index === 0 ? script.closeAfter : undefined
    socket.on('data', (chunk: Buffer) => {
      buf += chunk.toString('latin1')
      for (let end = buf.indexOf('\r\n\r\n'); end >= 0; end = buf.indexOf('\r\n\r\n')) {
        const path = buf.slice(0, end).split(' ')[1]!
        buf = buf.slice(end + 4)
        const n = answered++
        chain = chain.then(async () => {
          if (socket.destroyed) return
          if (limit !== undefined && n >= limit) {
            socket.end()
            return
          }
          await new Promise((r) => setTimeout(r, script.delays[n % script.delays.length]))
          const res = `HTTP/1.1 200 OK\r\ncontent-length: ${String(path.length)}\r\n\r\n${path}`
          for (let i = 0; i < res.length; i += script.piece)
            socket.write(res.slice(i, i + script.piece))
          if (limit !== undefined && n + 1 === limit) socket.end()
        })
      }
    })
  })
}

describe('pipelining', () => {
  it('responses always reach their own request, whatever the delays, splits and closes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        async (count, depth, delays, piece, closeAfter) => {
          const server = await pipeliningServer({ delays, piece, closeAfter })
          const c = client({ pipelining: depth, maxConnectionsPerOrigin: 1 })
          try {
            const paths = Array.from({ length: count }, (_, i) => `/r${String(i)}`)
            const bodies = await Promise.all(
              paths.map(async (p) => {
                const res = await c.get(`${server.url}${p}`).catch((e: unknown) => e as Error)
                return res instanceof Error ? (res as { code?: string }).code : res.body.text()
              })
            )
            // A request whose connection closes before any response is sent again only when it
            // went out behind another one (the reuse race): the first on a fresh connection fails.
            const expected = paths.slice()
            if (closeAfter === 0) expected[0] = 'ERR_CLIENT_INCOMPLETE_MESSAGE'
            expect(bodies).toEqual(expected)
            // A close mid-pipeline costs one more connection; otherwise one carries them all.
            const reconnects = closeAfter !== undefined && closeAfter < count && count > 1
            expect(server.connections()).toBe(reconnects ? 2 : 1)
          } finally {
            await c.close()
            await cleanup()
          }
        }
      ),
      { numRuns: 40, timeout: 3_000 }
    )
  }, 60_000)

  /** Request lines per read of a server that answers every request with `ok`. */
  const linesPerRead = async (pipelineNonIdempotent: boolean): Promise<string[][]> => {
    const reads: string[][] = []
    const server = await raw((socket) => {
      socket.on('data', (chunk: Buffer) => {
        const lines = chunk
          .toString('latin1')
          .split('\r\n')
          .filter((l) => / HTTP\/1\.1$/.test(l))
        reads.push(lines)
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'.repeat(lines.length))
      })
    })
    const c = client({ pipelining: 4, maxConnectionsPerOrigin: 1, pipelineNonIdempotent })
    const [a, b] = await Promise.all([c.get(`${server.url}/a`), c.post(`${server.url}/b`, '')])
    expect([await a.body.text(), await b.body.text()]).toEqual(['ok', 'ok'])
    return reads
  }

  it('a POST waits for the response before it instead of being pipelined, unless asked', async () => {
    // Requests pipelined in one turn go out in one write, so the server reads them together.
    expect(await linesPerRead(false)).toEqual([['GET /a HTTP/1.1'], ['POST /b HTTP/1.1']])
    expect(await linesPerRead(true)).toEqual([['GET /a HTTP/1.1', 'POST /b HTTP/1.1']])
  })
})

describe('the reuse race (RFC 9112 §9.3.1)', () => {
  /** A server that answers the first request on a connection, then closes on the second. */
  const closesOnReuse = () =>
    scripted((i, socket) => {
      if (i === 0) return 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'
      socket.destroy()
      return null
    })

  it('an idempotent request is sent once more on a fresh connection', async () => {
    const server = await closesOnReuse()
    const c = client()
    expect(await (await c.get(server.url)).body.text()).toBe('ok')
    expect(await (await c.get(server.url)).body.text()).toBe('ok')
    expect(server.connections()).toBe(2)
  })

  it('a POST is not sent again: it fails as an incomplete message', async () => {
    const server = await closesOnReuse()
    const c = client()
    expect(await (await c.get(server.url)).body.text()).toBe('ok')
    const error = await failure(c.post(server.url, 'charge the card'))
    expect(error.code).toBe('ERR_CLIENT_INCOMPLETE_MESSAGE')
    expect(server.connections()).toBe(1)
  })
})
