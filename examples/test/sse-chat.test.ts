import { BUILD_TIMEOUT_MS, ensureBuilt, startExample, stopAll } from './support/example.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
afterEach(stopAll)

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, marker: string) {
  let text = ''
  while (!text.includes(marker)) {
    const { value, done } = await reader.read()
    if (done) break
    text += Buffer.from(value).toString('utf8')
  }
  return text
}

describe('sse-chat', () => {
  it('broadcasts a posted message to every subscriber, one data field per line', async () => {
    const server = await startExample('sse-chat')
    const controller = new AbortController()
    const subscribe = async () => {
      const res = await fetch(`${server.url}/events`, { signal: controller.signal })
      const reader = res.body!.getReader()
      await readUntil(reader, ': welcome\n\n')
      return reader
    }
    try {
      const [a, b] = await Promise.all([subscribe(), subscribe()])
      const post = await fetch(`${server.url}/messages`, { method: 'POST', body: 'hi\nthere' })
      expect(post.status).toBe(204)
      expect(await readUntil(a, '\n\n')).toBe('data: hi\ndata: there\n\n')
      expect(await readUntil(b, '\n\n')).toBe('data: hi\ndata: there\n\n')
    } finally {
      controller.abort()
    }
  })

  it('serves the chat page', async () => {
    const server = await startExample('sse-chat')
    expect(await (await fetch(server.url)).text()).toContain("fetch('/messages'")
  })
})
