import { execFile } from 'node:child_process'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { BUILD_TIMEOUT_MS, ROOT, ensureBuilt } from './support/example.js'

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)

function run(script: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd: ROOT, timeout: 15_000 },
      (error, _out, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
          stderr,
        })
      }
    )
  })
}

describe('example runner (touche-example, and pnpm example after a build)', () => {
  it('lists the examples for an unknown name and exits 2', async () => {
    const { code, stderr } = await run(join(ROOT, 'examples', 'dist', 'cli.js'), [
      'no-such-example',
    ])
    expect(code).toBe(2)
    expect(stderr).toContain('unknown example: no-such-example')
    expect(stderr).toMatch(/\n {2}hello-world\n/)
    expect(stderr).not.toMatch(/\n {2}cli(-args)?\n/)
  })

  it('says in one line that the port is taken, and exits 1', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const port = (taken.address() as AddressInfo).port
    try {
      const { code, stderr } = await run(join(ROOT, 'examples', 'dist', 'hello-world.js'), [
        '--port',
        String(port),
      ])
      expect(code).toBe(1)
      expect(stderr).toBe(
        `error: port ${port} is in use (EADDRINUSE); try --port 0 for a free one\n`
      )
    } finally {
      taken.close()
    }
  })
})
