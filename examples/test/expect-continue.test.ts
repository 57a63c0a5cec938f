import { BUILD_TIMEOUT_MS, curl, ensureBuilt, startExample, stopAll } from './support/example.js'
import { closeAll, hasResponses, rawConnect } from './support/raw.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
afterEach(async () => {
  closeAll()
  await stopAll()
})

describe('expect-continue', () => {
  it('sends 100 Continue and reads an upload within the limit', async () => {
    const server = await startExample('expect-continue')
    const body = 'x'.repeat(10_000)
    const res = await curl([
      '--http1.1',
      '-v',
      '-H',
      'Expect: 100-continue',
      '--data-binary',
      body,
      server.url,
    ])
    expect(res.stderr).toContain('< HTTP/1.1 100 Continue')
    expect(res.stdout).toBe('received 10000 bytes\n')
  })

  it('refuses a declared oversize upload with 417 before the body is sent', async () => {
    const server = await startExample('expect-continue')
    const conn = await rawConnect(server.port)
    conn.write(
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\nExpect: 100-continue\r\n\r\n'
    )
    const reply = await conn.readUntil((r) => hasResponses(r, 1))
    expect(reply).toMatch(/^HTTP\/1\.1 417 Expectation Failed\r\n/)
  })
})
