import { BUILD_TIMEOUT_MS, curl, ensureBuilt, startExample, stopAll } from './support/example.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
afterEach(stopAll)

describe('incoming', () => {
  it('answers each request taken by its loop, and prints it', async () => {
    const server = await startExample('incoming')
    const res = await curl(['--http1.1', '-i', `${server.url}/a`, `${server.url}/b?q=1`])
    expect(res.code).toBe(0)
    expect(res.stdout.match(/HTTP\/1\.1 200 OK\r\n/g)).toHaveLength(2)
    expect(res.stdout.endsWith('\r\n\r\nhello world')).toBe(true)
    await server.waitForOutput(/url: \/b\?q=1, headers: \[/)
    expect(server.stdout()).toMatch(/method: GET, url: \/a, /)
  })

  it('exits 0 after SIGTERM', async () => {
    const server = await startExample('incoming')
    expect(await server.stop()).toBe(0)
  })
})
