import { get } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { BUILD_TIMEOUT_MS, curl, ensureBuilt, startExample, stopAll } from './support/example.js'
import type { RunningExample } from './support/example.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
let server: RunningExample
beforeAll(async () => {
  server = await startExample('compress')
})
afterAll(stopAll)

/** GETs with the given Accept-Encoding; resolves with the coding used and the raw body. */
function fetchRaw(acceptEncoding: string): Promise<{ coding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = get(`${server.url}/`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ coding: res.headers['content-encoding'], body: Buffer.concat(chunks) })
      )
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

const decode: Record<string, (b: Buffer) => Buffer> = {
  br: brotliDecompressSync,
  gzip: gunzipSync,
  identity: (b) => b,
}

describe('compress', () => {
  it.each([
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['*', 'br'],
    ['deflate', 'identity'],
    ['', 'identity'],
    ['gzip;q=0, br;q=0', 'identity'],
  ])('Accept-Encoding %p gets %s', async (accept, expected) => {
    const { coding, body } = await fetchRaw(accept)
    expect(coding ?? 'identity').toBe(expected)
    const text = decode[expected]!(body).toString('utf8')
    expect(text.startsWith('line 0: touche compresses this text\n')).toBe(true)
    expect(text.split('\n')).toHaveLength(201)
  })

  it('works with curl --compressed', async () => {
    const res = await curl(['--http1.1', '--compressed', server.url])
    expect(res.stdout.split('\n')[199]).toBe('line 199: touche compresses this text')
  })
})
