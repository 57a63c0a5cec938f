import { BUILD_TIMEOUT_MS, ensureBuilt, startExample, stopAll } from './support/example.js'
import type { RunningExample } from './support/example.js'
import { closeAll, hasResponses, rawConnect } from './support/raw.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
let server: RunningExample
beforeAll(async () => {
  server = await startExample('upgrade')
})
afterEach(closeAll)
afterAll(stopAll)

const UPGRADE = 'GET / HTTP/1.1\r\nHost: x\r\nUpgrade: line-protocol\r\nConnection: upgrade\r\n\r\n'

describe('upgrade', () => {
  it('switches to the line protocol and echoes lines until quit', async () => {
    const conn = await rawConnect(server.port)
    conn.write(UPGRADE)
    const head = await conn.readUntil((r) => r.includes('\r\n\r\n'))
    expect(head).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/)
    expect(head).toMatch(/\r\nupgrade: line-protocol\r\n/i)
    conn.write('hello\n')
    await conn.readUntil((r) => r.endsWith('\r\n\r\nhello\n'))
    conn.write('second line\r\nquit\nnot echoed\n')
    const all = await conn.readUntilClose()
    expect(all.slice(all.indexOf('\r\n\r\n') + 4)).toBe('hello\nsecond line\n')
  })

  it('takes lines sent together with the upgrade request', async () => {
    const conn = await rawConnect(server.port)
    conn.write(`${UPGRADE}early\nquit\n`)
    const all = await conn.readUntilClose()
    expect(all).toMatch(/^HTTP\/1\.1 101 /)
    expect(all.endsWith('\r\n\r\nearly\n')).toBe(true)
  })

  it('answers 426 without the Upgrade header', async () => {
    const conn = await rawConnect(server.port)
    conn.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n')
    expect(await conn.readUntil((r) => hasResponses(r, 1))).toMatch(/^HTTP\/1\.1 426 /)
  })
})
