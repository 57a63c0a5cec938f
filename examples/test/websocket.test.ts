import { WebSocket } from 'ws'
import type { RawData } from 'ws'
import { BUILD_TIMEOUT_MS, ensureBuilt, startExample, stopAll } from './support/example.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
afterEach(stopAll)

function open(
  url: string
): Promise<{ ws: WebSocket; messages: string[]; next: () => Promise<string> }> {
  const ws = new WebSocket(url)
  const messages: string[] = []
  let wake: (() => void) | null = null
  ws.on('message', (d: RawData) => {
    messages.push(String(d))
    wake?.()
  })
  const next = async (): Promise<string> => {
    while (messages.length === 0) await new Promise<void>((resolve) => (wake = resolve))
    return messages.shift()!
  }
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, messages, next }))
    ws.once('error', reject)
  })
}

describe('websocket', () => {
  it('echoes to the sender and broadcasts to the others', async () => {
    const server = await startExample('websocket')
    const url = server.url.replace(/^http/, 'ws') + '/ws'
    const a = await open(url)
    const b = await open(url)
    try {
      a.ws.send('hello')
      expect(await a.next()).toBe('echo: hello')
      expect(await b.next()).toBe('someone: hello')
    } finally {
      a.ws.terminate()
      b.ws.terminate()
    }
    const page = await fetch(`${server.url}/`)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await page.text()).toContain('new WebSocket')
  })
})
