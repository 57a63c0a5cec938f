import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
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

describe('file', () => {
  it('serves its own source with content-length', async () => {
    const source = readFileSync(join(ROOT, 'examples', 'src', 'file.ts'), 'utf8')
    const server = await startExample('file')
    const res = await curl(['--http1.1', '-i', server.url])
    const [head, body] = res.stdout.split('\r\n\r\n', 2)
    expect(head).toMatch(
      new RegExp(`\\r\\ncontent-length: ${Buffer.byteLength(source)}\\r\\n`, 'i')
    )
    expect(body).toBe(source)
  })

  it('serves the file given by --file, binary intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touche-file-'))
    try {
      const path = join(dir, 'data.bin')
      const data = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff))
      writeFileSync(path, data)
      const server = await startExample('file', ['--file', path])
      const res = await fetch(server.url)
      expect(res.headers.get('content-length')).toBe(String(data.length))
      expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
