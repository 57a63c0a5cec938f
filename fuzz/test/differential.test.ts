import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { latin1 } from '../src/bytes.js'
import { DEFAULT_BOUNDS } from '../src/check-case.js'
import { DISAGREEMENT_CLASSES } from '../src/classify.js'
import { compare, judge, requestToCompare } from '../src/differential.js'
import { frameRequests } from '../src/request-frames.js'
import { Target } from '../src/target.js'
import { BUILD_TIMEOUT_MS, ROOT, TARGET_SCRIPT, ensureBuilt } from './built.js'

/** One request per documented class, sent as the fuzzer sends it, and the class it must fall in. */
const EXAMPLES: readonly (readonly [string, string])[] = [
  ['status-choice', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n'],
  ['asterisk-form', 'GET * HTTP/1.1\r\nHost: a\r\n\r\n'],
  ['connect-authority-form', 'CONNECT /x HTTP/1.1\r\nHost: a\r\n\r\n'],
  ['request-line-syntax', 'GET /  HTTP/1.1\r\nHost: a\r\n\r\n'],
  ['host', 'GET / HTTP/1.1\r\nHost: :\r\n\r\n'],
  ['transfer-encoding', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n\r\n'],
  [
    'content-length-with-transfer-encoding',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\nContent-Length: 0\r\n\r\n',
  ],
  ['leading-empty-lines', '\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n'],
  // Without a version, llhttp reads an HTTP/0.9 line; node:http then answers it.
  ['http-version', 'GET /a\r\nHost: a\r\nConnection: keep-alive\r\n\r\n'],
  [
    'upgrade-framing',
    'POST / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n',
  ],
  [
    'chunk-extension-syntax',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;=\r\na\r\n0\r\n\r\n',
  ],
  ['header-count-limit', `GET / HTTP/1.1\r\nHost: a\r\n${'x: y\r\n'.repeat(2001)}\r\n`],
  ['head-size-limit', `GET / HTTP/1.1\r\nHost: a\r\nx-long: ${'v'.repeat(16_360)}\r\n\r\n`],
  ['request-line-limit', `GET /${'a'.repeat(8200)} HTTP/1.1\r\nHost: a\r\n\r\n`],
  ['extension-method', 'FOO / HTTP/1.1\r\nHost: a\r\n\r\n'],
  ['absolute-form', 'GET a:1 HTTP/1.1\r\nHost: a\r\n\r\n'],
  ['higher-minor-version', 'GET / HTTP/1.2\r\nHost: a\r\n\r\n'],
  ['content-length-list', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\n\r\nok'],
  [
    'empty-list-elements',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked,\r\n\r\n0\r\n\r\n',
  ],
  [
    'framing-field-in-trailers',
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nContent-Length: 5\r\n\r\n',
  ],
  ['optional-whitespace', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\t\r\n\r\nok'],
  [
    'unknown-expectation',
    'POST / HTTP/1.1\r\nHost: a\r\nExpect: 10-continue\r\nContent-Length: 2\r\n\r\nok',
  ],
  [
    'connect-with-framing',
    'CONNECT a:1 HTTP/1.1\r\nHost: a:1\r\nTransfer-Encoding: chunked\r\n\r\n',
  ],
  ['fin-inside-message', 'GET / HTTP/1.1\r\nHost: a\r\n'],
  ['upgrade-ignored', 'GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: x\r\n\r\n'],
  ['http10-keep-alive-no-content', 'GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n'],
]

/**
 * Classes that only node:http on llhttp before 9.4 (Node 20) falls in: on Node 22, 24 and 26
 * (llhttp 9.4) node:http answers these examples as touche does, so they are no disagreement.
 */
const ONLY_BEFORE_LLHTTP_9_4: ReadonlySet<string> = new Set([
  'transfer-encoding',
  'content-length-with-transfer-encoding',
  'header-count-limit',
  'optional-whitespace',
])

/** What the example of class `id` must come out as on the Node running the tests. */
function expectedVerdict(id: string): string {
  const [major = 0, minor = 0] = (process.versions.llhttp ?? '0.0').split('.').map(Number)
  const newer = major > 9 || (major === 9 && minor >= 4)
  return newer && ONLY_BEFORE_LLHTTP_9_4.has(id) ? 'agree' : id
}

let touche: Target | null = null
let node: Target | null = null

beforeAll(async () => {
  await ensureBuilt()
  ;[touche, node] = await Promise.all([
    Target.start(TARGET_SCRIPT, { server: 'touche', service: 'echo' }),
    Target.start(TARGET_SCRIPT, { server: 'node', service: 'echo' }),
  ])
}, BUILD_TIMEOUT_MS)

afterAll(async () => {
  await Promise.all([touche?.stop(), node?.stop()])
})

test('every class has an example', () => {
  expect(EXAMPLES.map(([id]) => id)).toEqual(DISAGREEMENT_CLASSES.map((c) => c.id))
})

test.each(EXAMPLES)('%s: the example falls in its class', async (id, raw) => {
  const stream = latin1(raw)
  const bytes = requestToCompare(stream, frameRequests(stream)[0]!)
  const j = judge(bytes, await compare(touche!.port, node!.port, bytes, DEFAULT_BOUNDS))
  expect(j.kind === 'known' ? j.cls.id : j.kind === 'new' ? j.detail : 'agree').toBe(
    expectedVerdict(id)
  )
})

test('a request both servers read alike is no disagreement', async () => {
  const bytes = requestToCompare(
    latin1('GET /a HTTP/1.1\r\nHost: a\r\n\r\n'),
    frameRequests(latin1('GET /a HTTP/1.1\r\nHost: a\r\n\r\n'))[0]!
  )
  expect(judge(bytes, await compare(touche!.port, node!.port, bytes, DEFAULT_BOUNDS)).kind).toBe(
    'agree'
  )
})

test('fuzz/README.md lists every class with its side', () => {
  const readme = readFileSync(join(ROOT, 'fuzz', 'README.md'), 'utf8')
  const rows = readme.split('\n').map((line) => line.split('|').map((cell) => cell.trim()))
  for (const c of DISAGREEMENT_CLASSES) {
    const row = rows.find((cells) => cells[1] === `\`${c.id}\``)
    expect([c.id, row?.[2]]).toEqual([c.id, c.side])
  }
})
