import { BUILD_TIMEOUT_MS, ensureBuilt, startExample, stopAll } from './support/example.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
afterEach(stopAll)

describe('sse', () => {
  it('serves the page that opens the event stream', async () => {
    const server = await startExample('sse')
    const res = await fetch(server.url)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await res.text()).toContain("new EventSource('/events')")
  })

  it('streams timestamped events', async () => {
    const server = await startExample('sse')
    const controller = new AbortController()
    const res = await fetch(`${server.url}/events`, { signal: controller.signal })
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const reader = res.body!.getReader()
    let text = ''
    while (!text.includes('\n\n')) {
      const { value, done } = await reader.read()
      if (done) break
      text += Buffer.from(value).toString('utf8')
    }
    controller.abort()
    expect(text).toMatch(/^id: 1\ndata: \d{4}-\d\d-\d\dT[\d:.]+Z\n\n/)
    expect(await server.stop()).toBe(0)
  })
})
