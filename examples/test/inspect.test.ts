import { BUILD_TIMEOUT_MS, ensureBuilt, startExample, stopAll } from './support/example.js'
import type { RunningExample } from './support/example.js'
import { closeAll, hasChunkedEnd, hasResponses, rawConnect } from './support/raw.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
let server: RunningExample
beforeAll(async () => {
  server = await startExample('inspect')
})
afterEach(closeAll)
afterAll(stopAll)

/** Sends raw bytes and resolves with the reply once `done` holds. */
async function exchange(raw: string | Buffer, done = (r: string) => hasResponses(r, 1)) {
  const conn = await rawConnect(server.port)
  conn.write(raw)
  return conn.readUntil(done)
}

function jsonOf(reply: string): unknown {
  return JSON.parse(Buffer.from(reply.slice(reply.indexOf('\r\n\r\n') + 4), 'latin1').toString())
}

describe('inspect', () => {
  it('describes method, target, version and every field line in order and case', async () => {
    const reply = await exchange(
      'PUT /a/../b?x=1&y HTTP/1.1\r\nHost: example\r\nX-Dup: one\r\nx-dup: two\r\n' +
        'Content-Length: 5\r\n\r\nhello'
    )
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(reply).toMatch(/\r\ncontent-type: application\/json\r\n/)
    expect(jsonOf(reply)).toEqual({
      method: 'PUT',
      target: '/a/../b?x=1&y',
      version: '1.1',
      headers: [
        ['Host', 'example'],
        ['X-Dup', 'one'],
        ['x-dup', 'two'],
        ['Content-Length', '5'],
      ],
      body: 'hello',
      trailers: [],
    })
  })

  it('reports HTTP/1.0', async () => {
    const reply = await exchange('GET /old HTTP/1.0\r\n\r\n', () => false)
    expect(jsonOf(reply)).toMatchObject({ target: '/old', version: '1.0', headers: [], body: '' })
  })

  it('reads a chunked body as UTF-8 text and lists its trailers', async () => {
    const reply = await exchange(
      'OPTIONS * HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n' +
        '4\r\nh\xc3\xa9!\r\n0\r\nX-Sum: 9\r\nx-more: a b\r\n\r\n'
    )
    expect(jsonOf(reply)).toMatchObject({
      method: 'OPTIONS',
      target: '*',
      body: 'hé!',
      trailers: [
        ['X-Sum', '9'],
        ['x-more', 'a b'],
      ],
    })
  })

  it('gives a body that is not UTF-8 as base64', async () => {
    const head = Buffer.from('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n')
    const reply = await exchange(Buffer.concat([head, Buffer.from([0xff, 0x00, 0x80])]))
    expect(jsonOf(reply)).toMatchObject({ body: { base64: '/wCA' } })
  })

  it.each([204, 304])('X-Inspect-Status: %i answers without content', async (status) => {
    const reply = await exchange(
      `GET / HTTP/1.1\r\nHost: x\r\nX-Inspect-Status: ${status}\r\n\r\n`,
      (r) => r.includes('\r\n\r\n')
    )
    expect(reply.startsWith(`HTTP/1.1 ${status} `)).toBe(true)
    expect(reply.endsWith('\r\n\r\n')).toBe(true)
    expect(reply).not.toMatch(/content-type/i)
  })

  it('X-Inspect-Status: 418 sets the status', async () => {
    const reply = await exchange('GET / HTTP/1.1\r\nHost: x\r\nX-Inspect-Status: 418\r\n\r\n')
    expect(reply).toMatch(/^HTTP\/1\.1 418 /)
    expect(jsonOf(reply)).toMatchObject({ method: 'GET' })
  })

  it('X-Inspect-Stream: 1 sends the JSON chunked in two pieces', async () => {
    const reply = await exchange(
      'GET /s HTTP/1.1\r\nHost: x\r\nX-Inspect-Stream: 1\r\n\r\n',
      hasChunkedEnd
    )
    const [head = '', body = ''] = reply.split('\r\n\r\n', 2)
    expect(head).toMatch(/\r\ntransfer-encoding: chunked/i)
    expect(head).not.toMatch(/content-length/i)
    const chunks = body.split('\r\n').filter((_, i) => i % 2 === 1 && i < 4)
    expect(chunks).toHaveLength(2)
    expect(JSON.parse(chunks.join(''))).toMatchObject({ target: '/s' })
  })

  it('X-Inspect-Delay waits before answering', async () => {
    const started = Date.now()
    const reply = await exchange('GET / HTTP/1.1\r\nHost: x\r\nX-Inspect-Delay: 200\r\n\r\n')
    expect(Date.now() - started).toBeGreaterThanOrEqual(190)
    expect(reply).toMatch(/^HTTP\/1\.1 200 /)
  })

  it.each([
    'X-Inspect-Delay: 5001',
    'X-Inspect-Delay: -1',
    'X-Inspect-Status: 99',
    'X-Inspect-Status: abc',
  ])('%s is a 400', async (field) => {
    const reply = await exchange(`GET / HTTP/1.1\r\nHost: x\r\n${field}\r\n\r\n`)
    expect(reply).toMatch(/^HTTP\/1\.1 400 /)
  })
})
