import { BUILD_TIMEOUT_MS, curl, ensureBuilt, startExample, stopAll } from './support/example.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
afterEach(stopAll)

describe('chunked', () => {
  it('streams three chunks with chunked encoding', async () => {
    const server = await startExample('chunked')
    const res = await curl(['--http1.1', '-i', '--raw', server.url])
    const [head = '', body] = res.stdout.split('\r\n\r\n', 2)
    expect(head).toMatch(/\r\ntransfer-encoding: chunked/i)
    // curl --raw stops writing after the last-chunk line.
    expect(body).toMatch(/^4\r\none\n\r\n4\r\ntwo\n\r\n6\r\nthree\n\r\n0(\r\n)*$/)
  })

  it('sends close-delimited to an HTTP/1.0 client', async () => {
    const server = await startExample('chunked')
    const res = await curl(['--http1.0', server.url])
    expect(res.stdout).toBe('one\ntwo\nthree\n')
  })
})
