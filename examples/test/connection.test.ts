import { BUILD_TIMEOUT_MS, ensureBuilt, startExample, stopAll } from './support/example.js'
import type { RunningExample } from './support/example.js'
import { closeAll, hasResponses, rawConnect } from './support/raw.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
let server: RunningExample
beforeAll(async () => {
  server = await startExample('connection')
})
afterEach(closeAll)
afterAll(stopAll)

const GET = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n'

async function bodiesOf(requests: number): Promise<string[]> {
  const conn = await rawConnect(server.port)
  conn.write(GET.repeat(requests))
  const reply = await conn.readUntil((r) => hasResponses(r, requests))
  return reply.split(/HTTP\/1\.1 200 OK\r\n[^]*?\r\n\r\n/).filter((b) => b !== '')
}

describe('connection', () => {
  it('counts requests per connection', async () => {
    const first = await bodiesOf(3)
    expect(first.map((b) => b.replace(/ on connection \d+\n$/, ''))).toEqual([
      'request 1',
      'request 2',
      'request 3',
    ])
    const id = /connection (\d+)/.exec(first[0]!)?.[1]
    expect(first.every((b) => b.endsWith(`on connection ${id}\n`))).toBe(true)
    const second = await bodiesOf(1)
    expect(second[0]).toMatch(/^request 1 on connection \d+\n$/)
    expect(second[0]).not.toContain(`connection ${id}\n`)
  })
})
