import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BUILD_TIMEOUT_MS, curl, ensureBuilt, startExample, stopAll } from './support/example.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
const dir = mkdtempSync(join(tmpdir(), 'touche-unix-'))
afterEach(stopAll)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('unix-socket', () => {
  it('serves on the path given by --socket', async () => {
    const path = join(dir, 'touche.sock')
    const server = await startExample('unix-socket', ['--socket', path])
    expect(server.url).toBe(`unix:${path}`)
    const res = await curl(['--http1.1', '--unix-socket', path, 'http://localhost/'])
    expect(res.stdout).toBe('Hello over a Unix socket\n')
  })
})
