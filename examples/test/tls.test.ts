import { join } from 'node:path'
import {
  BUILD_TIMEOUT_MS,
  ROOT,
  curl,
  ensureBuilt,
  startExample,
  stopAll,
} from './support/example.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
afterEach(stopAll)

describe('tls', () => {
  it('serves HTTPS with a certificate valid for localhost', async () => {
    const server = await startExample('tls')
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const cert = join(ROOT, 'examples', 'certs', 'localhost-cert.pem')
    const res = await curl([
      ...['--http1.1', '--cacert', cert, '--resolve', `localhost:${server.port}:127.0.0.1`],
      `https://localhost:${server.port}/`,
    ])
    expect(res.stderr).toBe('')
    expect(res.stdout).toBe('Hello over TLS\n')
  })

  it('answers curl -k', async () => {
    const server = await startExample('tls')
    expect((await curl(['-k', '--http1.1', server.url])).stdout).toBe('Hello over TLS\n')
  })
})
