import { BUILD_TIMEOUT_MS, curl, ensureBuilt, startExample, stopAll } from './support/example.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
afterEach(stopAll)

describe('echo', () => {
  it('answers POST /echo with the request body', async () => {
    const server = await startExample('echo')
    const res = await curl(['--http1.1', '--data-binary', 'hello touche', `${server.url}/echo`])
    expect(res.stdout).toBe('hello touche')
  })

  it('streams a 2 MiB body back unchanged', async () => {
    const server = await startExample('echo')
    const body = Buffer.alloc(2 * 1024 * 1024)
    for (let i = 0; i < body.length; i++) body[i] = (i * 31) & 0xff
    const res = await fetch(`${server.url}/echo`, { method: 'POST', body })
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true)
  })

  it('answers 404 elsewhere', async () => {
    const server = await startExample('echo')
    const res = await fetch(`${server.url}/`)
    expect(res.status).toBe(404)
    await res.arrayBuffer()
  })
})
