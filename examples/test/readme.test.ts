import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import ts from 'typescript'
import {
  BUILD_TIMEOUT_MS,
  ROOT,
  TEST_BUILD_DIR,
  ensureBuilt,
  startExample,
  stopAll,
} from './support/example.js'

const SCRIPT = join(TEST_BUILD_DIR, 'readme-larger-server.js')

/**
 * The root README's "A slightly larger server", run as it is written (bound to port 0 instead of
 * 8080, and printing its address), so that the snippet users copy is known not to crash.
 */
function buildReadmeServer(): void {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## A slightly larger server'))
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1]
  if (code === undefined) throw new Error('no code block under "A slightly larger server"')
  const source =
    code.replace(`.bind('127.0.0.1:8080')`, `.bind('127.0.0.1:0')`) +
    '\nconsole.log(`listening on http://127.0.0.1:${server.address.port}`)\n'
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText
  mkdirSync(TEST_BUILD_DIR, { recursive: true })
  writeFileSync(SCRIPT, js)
}

beforeAll(async () => {
  await ensureBuilt()
  buildReadmeServer()
}, BUILD_TIMEOUT_MS)
afterEach(stopAll)

/** Sends `raw` and resolves with everything read until the server closes. */
function exchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let got = ''
    socket.on('data', (d: Buffer) => (got += d.toString('latin1')))
    socket.on('end', () => resolve(got))
    socket.on('error', reject)
    socket.write(raw)
  })
}

describe("the README's larger server", () => {
  it('streams its delayed chunk and echoes POST /echo', async () => {
    const server = await startExample('readme-larger-server', [], SCRIPT)
    const later = await exchange(
      server.port,
      'GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n'
    )
    expect(later).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(later).toContain('\r\n\r\n6\r\nlater\n\r\n0\r\n\r\n')
    const echo = await exchange(
      server.port,
      'POST /echo HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: 2\r\n\r\nhi'
    )
    expect(echo.endsWith('hi\r\n0\r\n\r\n') || echo.endsWith('\r\n\r\nhi')).toBe(true)
  })

  it('survives clients that leave before their chunk is sent', async () => {
    const server = await startExample('readme-larger-server', [], SCRIPT)
    for (let i = 0; i < 10; i++) {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1')
        socket.on('error', () => undefined)
        socket.on('data', (d: Buffer) => {
          // The head is out: leave before the handler's timer sends the chunk.
          if (d.toString('latin1').includes('\r\n\r\n')) {
            socket.resetAndDestroy()
            resolve()
          }
        })
        socket.on('close', () => resolve())
        socket.once('error', reject)
        socket.write('GET / HTTP/1.1\r\nhost: x\r\n\r\n')
      })
    }
    // Its timer fires after those of the clients that left: the process is still serving.
    const last = await exchange(
      server.port,
      'GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n'
    )
    expect(last).toContain('later\n')
    expect(server.process.exitCode).toBeNull()
  })
})
