/**
 * The seeds mutations start from: every request of the h1 parser fixtures (valid and invalid
 * alike), the messages the parser benchmark measures, and a few shapes the fixtures lack (bodies
 * with trailers, 100-continue with a body, keep-alive HTTP/1.0). Response blocks of the fixtures
 * are loaded too, tagged as responses, for a client-side run.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { BROWSER_GET, CHUNKED_POST, SMALL_GET } from '@touche/benchmarks/parse-corpus'
import { latin1, unescapeBytes } from './bytes.js'

/** Which side of a connection a seed message is written by. */
export type Role = 'request' | 'response'

/** One seed message. */
export interface Seed {
  /** Where it comes from: `fixtures/<file>.md: <heading>` or `builtin: <name>`. */
  readonly name: string
  readonly role: Role
  /** The whole message: head, then any body bytes. */
  readonly bytes: Uint8Array
}

/** Seeds that the fixtures lack; all are valid requests. */
const BUILTIN: readonly (readonly [string, string])[] = [
  ['small GET', SMALL_GET],
  ['browser GET', BROWSER_GET],
  ['chunked POST', CHUNKED_POST],
  [
    'chunked POST with trailers',
    'POST /t HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTrailer: x-sum\r\n\r\n' +
      '4\r\nwiki\r\n5;ext=1\r\npedia\r\n0\r\nx-sum: 9\r\n\r\n',
  ],
  [
    'expect 100-continue',
    'PUT /up HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello',
  ],
  ['HTTP/1.0 keep-alive', 'GET /ka HTTP/1.0\r\nConnection: keep-alive\r\n\r\n'],
  ['HEAD', 'HEAD /h HTTP/1.1\r\nHost: a\r\n\r\n'],
  ['POST form', 'POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 7\r\n\r\na=1&b=2'],
  ['DELETE empty body', 'DELETE /d/7 HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n'],
  ['connection close', 'GET /bye HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'],
]

/**
 * Loads the seeds: the built-in ones, then each `http` (request) and `http-response` block of
 * the fixture files in `fixturesDir`, decoded as those files define (each line ends in CRLF
 * unless it ends in an escaped `\r` or `\n`; escapes `\r \n \t \0 \xHH \\`).
 *
 * @example
 * ```ts
 * const seeds = loadSeeds(join(root, 'packages/h1/test/fixtures'))
 * const requests = seeds.filter((s) => s.role === 'request')
 * ```
 */
export function loadSeeds(fixturesDir: string): Seed[] {
  const seeds: Seed[] = BUILTIN.map(([name, raw]) => ({
    name: `builtin: ${name}`,
    role: 'request',
    bytes: latin1(raw),
  }))
  const files = readdirSync(fixturesDir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
  for (const file of files) {
    const source = readFileSync(join(fixturesDir, file), 'utf8')
    for (const section of source.split(/^## /m).slice(1)) {
      const title = section.slice(0, section.indexOf('\n')).trim()
      const block = /```(http|http-response)\n([\s\S]*?)```/.exec(section)
      if (block === null) continue
      const lines = block[2]!.split('\n')
      lines.pop()
      let raw = ''
      for (const line of lines) raw += line + (/\\[rn]$/.test(line) ? '' : '\\r\\n')
      seeds.push({
        name: `fixtures/${file}: ${title}`,
        role: block[1] === 'http' ? 'request' : 'response',
        bytes: unescapeBytes(raw),
      })
    }
  }
  return seeds
}
