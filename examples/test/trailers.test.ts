import { createHash } from 'node:crypto'
import { BUILD_TIMEOUT_MS, curl, ensureBuilt, startExample, stopAll } from './support/example.js'
import { closeAll, hasChunkedEnd, rawConnect } from './support/raw.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
afterEach(async () => {
  closeAll()
  await stopAll()
})

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

describe('trailers', () => {
  it('ends the echoed body with an x-body-sha256 trailer', async () => {
    const server = await startExample('trailers')
    const res = await curl(['--http1.1', '-i', '--raw', '--data-binary', 'abc', server.url])
    const [head = '', body] = res.stdout.split('\r\n\r\n', 2)
    expect(head).toMatch(/\r\ntrailer: x-body-sha256/i)
    // curl --raw stops writing after the last trailer field.
    expect(body).toMatch(new RegExp(`^3\r\nabc\r\n0\r\nx-body-sha256: ${sha256('abc')}(\r\n)*$`))
  })

  it('prints the trailers of a chunked request', async () => {
    const server = await startExample('trailers')
    const conn = await rawConnect(server.port)
    conn.write(
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n' +
        '5\r\nhello\r\n0\r\nX-Client-Checksum: 42\r\nX-Other: yes\r\n\r\n'
    )
    const reply = await conn.readUntil(hasChunkedEnd)
    expect(reply).toContain(`\r\nx-body-sha256: ${sha256('hello')}\r\n\r\n`)
    await server.waitForOutput(/request trailer X-Other: yes\n/)
    expect(server.stdout()).toContain('request trailer X-Client-Checksum: 42\n')
  })
})
