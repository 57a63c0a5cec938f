import { BUILD_TIMEOUT_MS, ensureBuilt, startExample, stopAll } from './support/example.js'
import type { RunningExample } from './support/example.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
let server: RunningExample
beforeAll(async () => {
  server = await startExample('routes')
})
afterAll(stopAll)

describe('routes', () => {
  it.each([
    ['GET', '/', undefined, 200, /^Usage: curl/],
    ['POST', '/echo', 'hello', 200, /^hello$/],
    ['POST', '/reverse', 'héllo wörld', 200, /^dlröw olléh$/],
    ['POST', '/reverse', Buffer.from([0x61, 0xff, 0x62]), 400, /UTF-8/],
    ['GET', '/echo', undefined, 404, /not found/],
    ['DELETE', '/', undefined, 404, /not found/],
  ] as const)('%s %s with %p answers %i', async (method, path, body, status, text) => {
    const res = await fetch(
      `${server.url}${path}`,
      body === undefined ? { method } : { method, body }
    )
    expect(res.status).toBe(status)
    expect(await res.text()).toMatch(text)
  })
})
