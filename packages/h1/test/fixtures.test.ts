import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Method } from '@touche/http-types'
import type { Limits } from '../src/limits.js'
import { RequestParser } from '../src/parse-request.js'
import { ResponseParser } from '../src/parse-response.js'
import { bytes, forEachSplit, outcome, summarizeRequest, summarizeResponse } from './support.js'
import type { HeadSummary, Outcome } from './support.js'

/** One `## heading` of a fixture file. */
interface Fixture {
  readonly file: string
  readonly title: string
  readonly kind: 'request' | 'response'
  readonly input: Uint8Array
  readonly expected: Record<string, unknown>
  readonly limits: Partial<Limits>
  readonly method: string
}

const FIXTURES_DIR = join(__dirname, 'fixtures')

/** Decodes the escapes of an input line: \r \n \t \0 \xHH \\. */
function unescape(line: string): string {
  return line.replace(/\\(x[0-9a-fA-F]{2}|[rnt0\\])/g, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16))
    return { r: '\r', n: '\n', t: '\t', '0': '\0', '\\': '\\' }[e]!
  })
}

/** The input bytes of an http block: each line ends in CRLF unless it ends in an escaped \r or \n. */
function inputOf(lines: string[]): Uint8Array {
  let raw = ''
  for (const line of lines) {
    raw += unescape(line)
    if (!/\\[rn]$/.test(line)) raw += '\r\n'
  }
  return bytes(raw)
}

function parseFile(file: string): Fixture[] {
  const text = readFileSync(join(FIXTURES_DIR, file), 'utf8')
  const fixtures: Fixture[] = []
  for (const section of text.split(/^## /m).slice(1)) {
    const title = section.slice(0, section.indexOf('\n')).trim()
    const block = /```(http|http-response)\n([\s\S]*?)```/.exec(section)
    const json = /```json\n([\s\S]*?)```/.exec(section)
    if (block === null || json === null)
      throw new Error(`${file}: "${title}" needs an input and a json block`)
    const lines = block[2]!.split('\n')
    lines.pop() // the newline before the closing fence
    const limits = /<!-- limits: (\{.*\}) -->/.exec(section)
    const method = /<!-- method: ([A-Z]+) -->/.exec(section)
    fixtures.push({
      file,
      title,
      kind: block[1] === 'http' ? 'request' : 'response',
      input: inputOf(lines),
      expected: JSON.parse(json[1]!) as Record<string, unknown>,
      limits: limits === null ? {} : (JSON.parse(limits[1]!) as Partial<Limits>),
      method: method === null ? 'GET' : method[1]!,
    })
  }
  return fixtures
}

/** Parses `first` then, if more bytes are needed, `whole`, as a caller re-passing its buffer. */
function run(f: Fixture, first: Uint8Array, whole: Uint8Array): Outcome<HeadSummary> {
  if (f.kind === 'request') {
    const parser = new RequestParser(f.limits)
    return outcome(() => {
      const head = parser.parse(first) ?? parser.parse(whole)
      return head && summarizeRequest(head)
    })
  }
  const parser = new ResponseParser(f.limits)
  const context = { method: Method.from(f.method) }
  return outcome(() => {
    const head = parser.parse(first, context) ?? parser.parse(whole, context)
    return head && summarizeResponse(head)
  })
}

const files = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.md') && f !== 'README.md')
const fixtures = files.flatMap(parseFile)

test('the fixture files hold cases', () => {
  expect(files.length).toBeGreaterThanOrEqual(6)
  expect(fixtures.length).toBeGreaterThanOrEqual(60)
})

describe.each(files)('%s', (file) => {
  const cases = fixtures.filter((f) => f.file === file).map((f) => [f.title, f] as const)
  test.each(cases)('%s', (_title, f) => {
    const result = run(f, f.input, f.input)
    if ('error' in f.expected) expect(result).toEqual({ error: f.expected['error'] })
    else expect(result).toMatchObject({ ok: f.expected })
    forEachSplit(f.input, (first, whole, at) => {
      expect([at, run(f, first, whole)]).toEqual([at, result])
    })
  })
})
