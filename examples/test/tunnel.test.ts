import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BUILD_TIMEOUT_MS, curl, ensureBuilt, startExample, stopAll } from './support/example.js'
import type { RunningExample } from './support/example.js'
import { closeAll, hasResponses, rawConnect } from './support/raw.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
let proxy: RunningExample
let target: Server
let targetPort: number
beforeAll(async () => {
  proxy = await startExample('tunnel')
  target = createServer((req, res) => res.end(`target saw ${req.method} ${req.url}`))
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve))
  targetPort = (target.address() as AddressInfo).port
})
afterEach(closeAll)
afterAll(async () => {
  target.closeAllConnections()
  await new Promise((resolve) => target.close(resolve))
  await stopAll()
})

describe('tunnel', () => {
  it('tunnels curl -p to the target', async () => {
    const res = await curl([
      '--http1.1',
      '-p',
      '-x',
      proxy.url,
      `http://127.0.0.1:${targetPort}/x?y`,
    ])
    expect(res.stdout).toBe('target saw GET /x?y')
  })

  it('splices bytes sent right after the CONNECT head', async () => {
    const conn = await rawConnect(proxy.port)
    conn.write(
      `CONNECT 127.0.0.1:${targetPort} HTTP/1.1\r\nHost: 127.0.0.1:${targetPort}\r\n\r\n` +
        'GET /early HTTP/1.1\r\nHost: t\r\n\r\n'
    )
    const reply = await conn.readUntil((r) => hasResponses(r.slice(r.indexOf('\r\n\r\n') + 4), 1))
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(reply.endsWith('target saw GET /early')).toBe(true)
  })

  it('answers 502 when the target refuses', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const conn = await rawConnect(proxy.port)
    conn.write(`CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)
    expect(await conn.readUntil((r) => hasResponses(r, 1))).toMatch(/^HTTP\/1\.1 502 /)
  })

  it('answers 405 to other methods', async () => {
    const res = await fetch(proxy.url)
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('CONNECT')
  })
})
