import { Response, Server, StatusCode } from '../src/index.js'
import type { PendingRequest, ServerHandle } from '../src/index.js'
import { connect, destroyClients } from './support/raw-client.js'
import { req } from './support/serve.js'

const handles: ServerHandle[] = []

async function listen(capacity?: number, maxPipelinedRequests = 16): Promise<ServerHandle> {
  const handle = await Server.builder()
    .maxPipelinedRequests(maxPipelinedRequests)
    .bind('127.0.0.1:0')
    .listen(capacity === undefined ? {} : { capacity })
  handles.push(handle)
  return handle
}

afterEach(async () => {
  destroyClients()
  await Promise.all(handles.splice(0).map((h) => h.close({ timeout: 0 })))
})

/** Takes `n` requests from the loop, without answering them. */
async function take(it: AsyncIterator<PendingRequest>, n: number): Promise<PendingRequest[]> {
  const got: PendingRequest[] = []
  for (let i = 0; i < n; i++) {
    const next = await it.next()
    if (next.done === true) throw new Error('the loop ended early')
    got.push(next.value)
  }
  return got
}

describe('pulling requests: server.incoming()', () => {
  it('hands requests to a for-await loop, each answered with respond()', async () => {
    const server = await listen()
    const loop = (async () => {
      for await (const request of server.incoming()) {
        const body = await request.body.text()
        request.respond(Response.builder().body(`${request.method} ${request.uri.path} ${body}`))
      }
    })()
    const c = await connect({ port: server.address.port })
    expect((await c.request(req('GET', '/a'))).body.toString()).toBe('GET /a ')
    const post = await c.request(req('POST', '/b', 'content-length: 2') + 'hi')
    expect(post.body.toString()).toBe('POST /b hi')
    await server.close()
    await loop
  })

  it('writes pipelined responses in request order when they are answered in reverse', async () => {
    const server = await listen()
    const it = server.incoming()
    const c = await connect({ port: server.address.port })
    c.writeRaw(req('GET', '/1') + req('GET', '/2') + req('GET', '/3'))
    const taken = await take(it, 3)
    expect(taken.map((r) => r.uri.path)).toEqual(['/1', '/2', '/3'])
    for (const r of [...taken].reverse()) r.respond(Response.builder().body(r.uri.path))
    const bodies = []
    for (let i = 0; i < 3; i++) bodies.push((await c.readResponse()).body.toString())
    expect(bodies).toEqual(['/1', '/2', '/3'])
  })

  it('reads no new connection while the queue is full, and serves it once one is taken', async () => {
    const server = await listen(2)
    const it = server.incoming()
    const a = await connect({ port: server.address.port })
    const b = await connect({ port: server.address.port })
    a.writeRaw(req('GET', '/a'))
    b.writeRaw(req('GET', '/b'))
    await waitFor(() => server.queued === 2)
    const c = await connect({ port: server.address.port })
    c.writeRaw(req('GET', '/c'))
    // Two requests fill the queue; the third connection is accepted and left unread.
    await waitFor(() => server.waiting === 1)
    expect(server.connections).toBe(2)
    const [first] = await take(it, 1)
    await waitFor(() => server.waiting === 0)
    const rest = await take(it, 2)
    const all = [first!, ...rest]
    expect(all.map((r) => r.uri.path).sort()).toEqual(['/a', '/b', '/c'])
    for (const r of all) r.respond(Response.builder().body(r.uri.path))
    expect((await c.readResponse()).body.toString()).toBe('/c')
  })

  it('stops reading a connection at maxPipelinedRequests unanswered requests', async () => {
    const server = await listen(64, 2)
    const it = server.incoming()
    const c = await connect({ port: server.address.port })
    c.writeRaw(req('GET', '/1') + req('GET', '/2') + req('GET', '/3'))
    const [one, two] = await take(it, 2)
    one!.respond(Response.builder().body('1'))
    expect((await c.readResponse()).body.toString()).toBe('1')
    // Only now was there room in the pipeline for the third head.
    const [three] = await take(it, 1)
    expect(three!.uri.path).toBe('/3')
    two!.respond(Response.builder().body('2'))
    three!.respond(Response.builder().body('3'))
    expect((await c.readResponse()).body.toString()).toBe('2')
    expect((await c.readResponse()).body.toString()).toBe('3')
  })

  it('closes the server gracefully when the loop is left with break', async () => {
    const server = await listen()
    const c = await connect({ port: server.address.port })
    c.writeRaw(req('GET', '/last'))
    for await (const request of server.incoming()) {
      request.respond(Response.builder().body('bye'))
      break
    }
    await server.closed
    expect((await c.readResponse()).body.toString()).toBe('bye')
    await expect(connect({ port: server.address.port })).rejects.toThrow()
  })

  it('answers requests nobody took with 503 when the server closes', async () => {
    const server = await listen()
    const it = server.incoming()
    const c = await connect({ port: server.address.port })
    c.writeRaw(req('GET', '/taken') + req('GET', '/untaken'))
    const [taken] = await take(it, 1)
    await waitFor(() => server.connections === 1)
    const closed = server.close({ timeout: 5_000 })
    taken!.respond(Response.builder().body('taken'))
    expect((await c.readResponse()).body.toString()).toBe('taken')
    expect((await c.readResponse()).status).toBe(StatusCode.SERVICE_UNAVAILABLE.code)
    await closed
    expect(await it.next()).toEqual({ done: true, value: undefined })
  })

  it('refuses a second respond()', async () => {
    const server = await listen()
    const it = server.incoming()
    const c = await connect({ port: server.address.port })
    c.writeRaw(req('GET', '/'))
    const [r] = await take(it, 1)
    r!.respond(Response.builder().body('one'))
    expect(r!.responded).toBe(true)
    expect(() => r!.respond(Response.builder().body('two'))).toThrow(/answered already/)
    expect((await c.readResponse()).body.toString()).toBe('one')
  })

  it('is only for servers started with listen()', async () => {
    const handle = await Server.bind('127.0.0.1:0').serve(() => Response.builder().body(''))
    handles.push(handle)
    expect(() => handle.incoming()).toThrow(TypeError)
  })

  it('rejects a capacity that is not a positive integer', async () => {
    await expect(Server.bind('127.0.0.1:0').listen({ capacity: 0 })).rejects.toThrow(RangeError)
  })
})

/** Resolves once `condition` holds, checking after each turn of the event loop, for 5 s at most. */
function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (condition()) resolve()
      else if (Date.now() > deadline) reject(new Error(`still false after ${timeoutMs} ms`))
      else setImmediate(check)
    }
    check()
  })
}
