import { createHash, randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import type { Server as NetServer, Socket } from 'node:net'
import { PassThrough } from 'node:stream'
import { directReadsWork } from '../src/direct-read-check.js'
import { ReadSize } from '../src/direct-read.js'
import { DEFAULT_DIRECT_READS, Response, resolveOptions } from '../src/index.js'
import type { Body, Request } from '../src/index.js'
import { Transport } from '../src/transport.js'
import type { TransportEvents } from '../src/transport.js'
import { testCertificate } from './support/cert.js'
import { connect } from './support/raw-client.js'
import { cleanup, req, serve, until } from './support/serve.js'

afterEach(cleanup)

/** A gate a handler waits on, opened by the test. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}

function events(chunks: [string, boolean][]): TransportEvents {
  return {
    onData: (chunk, transient) => chunks.push([Buffer.from(chunk).toString('latin1'), transient]),
    onEnd: () => {},
    onDrain: () => {},
    onError: () => {},
    onClose: () => {},
    ownReadLimit: () => 0,
  }
}

describe('direct reads', () => {
  it("reads a listener's unread socket directly, with transient chunks", async () => {
    const chunks: [string, boolean][] = []
    let transport: Transport | null = null
    const accepted = new Promise<void>((resolve) => {
      const server: NetServer = createServer({ pauseOnConnect: true }, (socket: Socket) => {
        transport = new Transport(socket, events(chunks), true)
        server.close()
        resolve()
      })
      server.listen(0, '127.0.0.1')
      server.once('listening', () => {
        const { port } = server.address() as { port: number }
        void connect({ port }).then((c) => c.writeRaw('hello'))
      })
    })
    await accepted
    expect(transport!.isDirect).toBe(true)
    await until(() => chunks.length > 0)
    expect(chunks).toEqual([['hello', true]])
    transport!.destroy()
  })

  it('reads any other duplex through data events', () => {
    const chunks: [string, boolean][] = []
    const duplex = new PassThrough()
    const transport = new Transport(duplex, events(chunks), true)
    expect(transport.isDirect).toBe(false)
    duplex.write('x')
    expect(chunks).toEqual([['x', false]])
  })

  it("keeps a body read later intact while other connections' reads reuse the memory", async () => {
    const held = gate()
    let heldCalled!: () => void
    const called = new Promise<void>((resolve) => (heldCalled = resolve))
    const server = await serve({
      service: async (r: Request<Body>) => {
        if (r.uri.path === '/held') {
          heldCalled()
          await held.opened
        }
        return Response.builder().body(await r.body.text())
      },
    })
    const a = await connect(server.addr)
    const b = await connect(server.addr)
    const aBody = 'a'.repeat(3000)
    a.writeRaw(req('POST', '/held', `content-length: ${aBody.length}`) + aBody)
    await called
    for (let i = 0; i < 5; i++) {
      const bBody = String(i).repeat(5000)
      const res = await b.request(req('POST', '/now', `content-length: ${bBody.length}`) + bBody)
      expect(res.body.toString()).toBe(bBody)
    }
    held.open()
    expect((await a.readResponse()).body.toString()).toBe(aBody)
  })

  it('keeps a partial head across reads of other connections', async () => {
    const server = await serve({ service: (r) => Response.builder().body(r.uri.path) })
    const a = await connect(server.addr)
    const b = await connect(server.addr)
    a.writeRaw('GET /first-half-of-a')
    // The server has read the first half once b's answer (sent after it) is back.
    expect((await b.request(req('GET', '/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'))).status).toBe(
      200
    )
    a.writeRaw('-long-target HTTP/1.1\r\nhost: x\r\n\r\n')
    expect((await a.readResponse()).body.toString()).toBe('/first-half-of-a-long-target')
  })

  it('hands large bodies over in reads of their own memory, intact under concurrent uploads', async () => {
    const server = await serve({
      service: async (r: Request<Body>) => {
        // Every chunk is kept until the end, so memory read into again would show.
        const chunks: Uint8Array[] = []
        for await (const chunk of r.body) chunks.push(chunk)
        return Response.builder().body(sha256(Buffer.concat(chunks)))
      },
    })
    const uploads = [randomBytes(1 << 20), randomBytes(1 << 20), randomBytes(300_000)]
    const clients = await Promise.all(uploads.map(() => connect(server.addr)))
    const answers = clients.map(async (c, i) => {
      const body = uploads[i]!
      c.writeRaw(req('POST', '/', `content-length: ${body.length}`))
      for (let at = 0; at < body.length; at += 100_000) c.writeRaw(body.subarray(at, at + 100_000))
      return (await c.readResponse()).body.toString()
    })
    expect(await Promise.all(answers)).toEqual(uploads.map(sha256))
  })

  it('keeps a pipelined request and the other chunks intact when a consumer transfers one', async () => {
    const { server } = await transferringServer(
      (path, chunks) => `${path} ${sha256(Buffer.concat(chunks))}`
    )
    const big = randomBytes(300_000)
    const small = randomBytes(10)
    // A chunked body of many small chunks: one read holds several of them.
    const pieces = Array.from({ length: 400 }, () => randomBytes(1000))
    const chunked = pieces.map((p) => `${p.length.toString(16)}\r\n${p.toString('latin1')}\r\n`)
    const c = await connect(server.addr)
    c.writeRaw(
      Buffer.concat([
        Buffer.from(req('POST', '/one', `content-length: ${big.length}`)),
        big,
        Buffer.from(req('POST', '/two', `content-length: ${small.length}`)),
        small,
        Buffer.from(
          req('POST', '/three', 'transfer-encoding: chunked') + chunked.join('') + '0\r\n\r\n',
          'latin1'
        ),
      ])
    )
    const answers = [await c.readResponse(), await c.readResponse(), await c.readResponse()]
    expect(answers.map((a) => a.body.toString())).toEqual([
      `/one ${sha256(big)}`,
      `/two ${sha256(small)}`,
      `/three ${sha256(Buffer.concat(pieces))}`,
    ])
  })

  it('never reads into memory it handed over, when a consumer transfers it away', async () => {
    // Each chunk's memory goes to a clone that takes it over (a worker message or a byte stream
    // does the same); a read into memory handed over would land in the clone's bytes.
    const { server, kept } = await transferringServer((_, chunks) => String(chunks.length))
    expect(server.handle.directReads).toBe(true)
    const uploads = [randomBytes(3 << 20), randomBytes(3 << 20)]
    const c = await connect(server.addr)
    for (const body of uploads) {
      c.writeRaw(req('POST', '/', `content-length: ${body.length}`))
      for (let at = 0; at < body.length; at += 256 * 1024)
        c.writeRaw(body.subarray(at, at + 262144))
      await c.readResponse()
    }
    // Hashes: Jest compares megabytes of bytes one at a time, for seconds.
    expect(kept.map((chunks) => sha256(Buffer.concat(chunks)))).toEqual(uploads.map(sha256))
  })
})

describe('the size of direct reads', () => {
  it('starts at 64 KiB and doubles while reads fill the buffer, up to the maximum', () => {
    const size = new ReadSize(256 * 1024)
    const seen = [size.next]
    for (let i = 0; i < 3; i++) {
      size.record(size.next)
      seen.push(size.next)
    }
    expect(seen).toEqual([65536, 131072, 262144, 262144])
  })

  it('halves after two short reads in a row, never below 64 KiB', () => {
    const size = new ReadSize(256 * 1024)
    size.record(65536)
    size.record(131072)
    expect(size.next).toBe(262144)
    size.record(1000)
    expect(size.next).toBe(262144) // one short read (a body's last bytes) keeps it
    size.record(1000)
    expect(size.next).toBe(131072)
    size.record(1000)
    size.record(1000)
    expect(size.next).toBe(65536)
    size.record(10)
    size.record(10)
    expect(size.next).toBe(65536)
  })

  it('keeps its size when a read between half and full comes between two short ones', () => {
    const size = new ReadSize(256 * 1024)
    size.record(65536)
    size.record(1000)
    size.record(100_000)
    size.record(1000)
    expect(size.next).toBe(131072)
  })

  it('starts at the maximum when that is less than 64 KiB', () => {
    const size = new ReadSize(16 * 1024)
    size.record(16 * 1024)
    expect(size.next).toBe(16 * 1024)
  })

  it('does not grow on a full read of a buffer cut to the rest of a body', () => {
    const size = new ReadSize(256 * 1024)
    size.record(20_000, 20_000)
    expect(size.next).toBe(65536)
  })

  it.each([Infinity, 16 * 1024 - 1, 16 * 1024 * 1024 + 1, 100_000.5])(
    'rejects maxReadSize %s',
    (maxReadSize) => {
      expect(() => resolveOptions({ maxReadSize })).toThrow(RangeError)
    }
  )

  it('takes no memory of its own for the next read while paused', () => {
    const t = new Transport(new PassThrough(), { ...events([]), ownReadLimit: () => 100_000 })
    expect(t.ownReadLimit()).toBe(100_000)
    t.pause()
    expect(t.ownReadLimit()).toBe(0)
    t.resume()
    expect(t.ownReadLimit()).toBe(100_000)
    t.destroy()
  })

  it('reads a large body in reads of at most maxReadSize', async () => {
    const max = 16 * 1024
    const chunks: Uint8Array[] = []
    const server = await serve({
      options: { directReads: true, maxReadSize: max },
      service: async (r: Request<Body>) => {
        for await (const chunk of r.body) chunks.push(chunk)
        return Response.builder().body(String(chunks.length))
      },
    })
    expect(server.handle.directReads).toBe(true)
    const upload = randomBytes(2 << 20)
    const c = await connect(server.addr)
    c.writeRaw(req('POST', '/', `content-length: ${upload.length}`))
    c.writeRaw(upload)
    expect((await c.readResponse()).status).toBe(200)
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(upload))
    // The first chunk came with the head, in the shared buffer; the rest in reads of their own.
    expect(Math.max(...chunks.slice(1).map((chunk) => chunk.length))).toBeLessThanOrEqual(max)
  })
})

/**
 * A directly read server whose handler moves each chunk's memory away (see `takeOver`), keeps
 * every request's chunks and answers with `answer`.
 */
async function transferringServer(
  answer: (path: string, chunks: Uint8Array[]) => string
): Promise<{ server: Awaited<ReturnType<typeof serve>>; kept: Uint8Array[][] }> {
  const kept: Uint8Array[][] = []
  const server = await serve({
    options: { directReads: true },
    service: async (r: Request<Body>) => {
      const chunks: Uint8Array[] = []
      kept.push(chunks)
      for await (const chunk of r.body) chunks.push(takeOver(chunk))
      return Response.builder().body(answer(r.uri.path, chunks))
    },
  })
  return { server, kept }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The chunk's bytes in a clone that took its memory over, or in a copy where it cannot be. */
function takeOver(chunk: Uint8Array): Uint8Array {
  try {
    const { byteOffset, byteLength } = chunk
    const memory = chunk.buffer as ArrayBuffer
    const buffer = structuredClone(memory, { transfer: [memory] })
    return new Uint8Array(buffer, byteOffset, byteLength)
  } catch {
    return chunk.slice()
  }
}

describe('the direct-read option and check', () => {
  it('verifies on this Node that reads arrive directly', async () => {
    await expect(directReadsWork()).resolves.toBe(true)
  })

  it('reads directly by default, unless TOUCHE_DIRECT_READS=0 turned the default off', async () => {
    const server = await serve()
    expect(server.handle.options.directReads).toBe(DEFAULT_DIRECT_READS)
    expect(server.handle.directReads).toBe(DEFAULT_DIRECT_READS)
    expect(DEFAULT_DIRECT_READS).toBe(process.env['TOUCHE_DIRECT_READS'] !== '0')
  })

  it.each([true, false])('serves pipelined requests and bodies with directReads %s', async (on) => {
    const server = await serve({
      options: { directReads: on },
      service: async (r: Request<Body>) =>
        Response.builder().body(`${r.uri.path} ${await r.body.text()}`),
    })
    expect(server.handle.directReads).toBe(on)
    const c = await connect(server.addr)
    c.writeRaw(req('POST', '/a', 'content-length: 3') + 'abc' + req('GET', '/b'))
    expect((await c.readResponse()).body.toString()).toBe('/a abc')
    expect((await c.readResponse()).body.toString()).toBe('/b ')
  })

  it('never reads TLS connections directly', async () => {
    const server = await serve({ tls: testCertificate(), options: { directReads: true } })
    expect(server.handle.directReads).toBe(false)
  })
})
