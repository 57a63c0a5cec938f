import { BUILD_TIMEOUT_MS, curl, ensureBuilt, startExample, stopAll } from './support/example.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
afterEach(stopAll)

describe('hello-world', () => {
  it('answers 200 Hello World over HTTP/1.1', async () => {
    const server = await startExample('hello-world')
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await curl(['--http1.1', '-i', server.url])
    expect(res.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(res.stdout).toMatch(/\r\ncontent-length: 11\r\n/i)
    expect(res.stdout.endsWith('\r\n\r\nHello World')).toBe(true)
  })

  it('exits 0 after SIGTERM', async () => {
    const server = await startExample('hello-world')
    expect(await server.stop()).toBe(0)
  })
})
