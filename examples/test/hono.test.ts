import { BUILD_TIMEOUT_MS, ensureBuilt, startExample, stopAll } from './support/example.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
afterEach(stopAll)

describe('hono', () => {
  it('serves a Hono app: text, JSON with params, echo, and HTTPException', async () => {
    const server = await startExample('hono')
    const text = await fetch(`${server.url}/`)
    expect(await text.text()).toBe('Hello Hono!')
    const json = await fetch(`${server.url}/json/7?x=1`)
    expect(await json.json()).toEqual({ id: '7', query: { x: '1' } })
    const echo = await fetch(`${server.url}/echo`, { method: 'POST', body: 'round trip' })
    expect(await echo.text()).toBe('round trip')
    const teapot = await fetch(`${server.url}/teapot`)
    expect(teapot.status).toBe(418)
    await teapot.arrayBuffer()
    expect(await server.stop()).toBe(0)
  })
})
