import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { BUILD_TIMEOUT_MS, ROOT, ensureBuilt, startExample, stopAll } from './support/example.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
afterEach(stopAll)

/** Runs the client example with `args`; resolves with its exit code and output. */
function client(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'examples', 'dist', 'cli.js'), 'client', ...args],
      { cwd: ROOT, timeout: 15_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
        resolve({ code, stdout, stderr })
      }
    )
  })
}

describe('client', () => {
  it('fetches from the hello-world example and prints the response', async () => {
    const server = await startExample('hello-world')
    const { code, stdout } = await client([`${server.url}/`])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^HTTP\/1\.1 200 OK\ncontent-type: text\/plain\ncontent-length: 11\n/)
    expect(stdout.endsWith('\n\nHello World\n')).toBe(true)
  })

  it('pipelines --count requests --pipelining deep and tallies the statuses', async () => {
    const server = await startExample('hello-world')
    const { code, stdout } = await client([server.url, '--count', '50', '--pipelining', '10'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^50 x 200 in [\d.]+ ms \(pipelining 10\)\n$/)
  })

  it('says why it failed, with the error code, and exits 1', async () => {
    // Port 1 on the loopback has no listener: the connection is refused.
    const { code, stderr } = await client(['http://127.0.0.1:1/'])
    expect(code).toBe(1)
    expect(stderr).toMatch(/^ERR_CLIENT_CONNECT: .*ECONNREFUSED/)
  })
})
