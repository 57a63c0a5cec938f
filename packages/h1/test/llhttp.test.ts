import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Decoder } from '../src/decode.js'
import { ParseError } from '../src/errors.js'
import { RequestParser } from '../src/parse-request.js'
import { hostile, valid } from './corpus.js'
import { llhttpParse } from './llhttp.js'
import type { Outcome } from './llhttp.js'
import { bytes, rawPairs } from './support.js'

/** touche's view of one request message, in the shape of the llhttp outcome. */
function toucheParse(message: Uint8Array): Outcome {
  try {
    const head = new RequestParser().parse(message)
    if (head === null) return { error: 'incomplete' }
    let body = ''
    if (head.body.kind !== 'none' && !head.upgrade) {
      const decoder = Decoder.from(head.body)
      let rest = message.subarray(head.consumed)
      for (;;) {
        const step = decoder.decode(rest)
        if (step.data !== null) body += String.fromCharCode(...step.data)
        if (step.done) break
        if (step.consumed === 0) return { error: 'incomplete' }
        rest = rest.subarray(step.consumed)
      }
    }
    return {
      ok: {
        method: head.method.toString(),
        target: head.target,
        version: head.version.toString(),
        headers: rawPairs(head.headers),
        body,
      },
    }
  } catch (e) {
    if (e instanceof ParseError) return { error: e.kind }
    throw e
  }
}

/** How one parser's outcome reads in the disagreement table. */
function verdict(o: Outcome): string {
  return 'ok' in o ? 'accepts' : `rejects (${o.error})`
}

/**
 * The hostile inputs on which touche and llhttp disagree, each with both verdicts. It is the
 * table in packages/h1/README.md: a new disagreement (or one that went away) fails the test.
 */
const DISAGREEMENTS: Readonly<Record<string, readonly [llhttp: string, touche: string]>> = {
  'Content-Length list': ['rejects (HPE_INVALID_CONTENT_LENGTH)', 'accepts'],
  'TE gzip then chunked': ['accepts', 'rejects (unsupported-transfer-coding)'],
  'TE empty': ['accepts', 'rejects (transfer-encoding)'],
  'TE in HTTP/1.0': ['accepts', 'rejects (transfer-encoding)'],
  'missing Host': ['accepts', 'rejects (host)'],
  'two Hosts': ['accepts', 'rejects (host)'],
  'invalid Host': ['accepts', 'rejects (host)'],
  'HTTP/2.0 version': ['accepts', 'rejects (version)'],
  'HTTP/0.9 request line': ['accepts', 'rejects (version)'],
  'HTTP/1.2': ['rejects (HPE_INVALID_VERSION)', 'accepts'],
  'asterisk for GET': ['accepts', 'rejects (target)'],
  'CONNECT origin-form': ['accepts', 'rejects (target)'],
  'double space': ['accepts', 'rejects (target)'],
  'two leading empty lines': ['accepts', 'rejects (method)'],
  'unregistered method': ['rejects (HPE_INVALID_METHOD)', 'accepts'],
}

/**
 * Disagreements that only the llhttp of some Node versions has: llhttp 9.4 (Node 22.13+, 24, 26)
 * rejects an empty Transfer-Encoding, as touche does; 9.3 (Node 20) accepts it.
 */
const ONLY_BEFORE_LLHTTP_9_4: ReadonlySet<string> = new Set(['TE empty'])

/** Whether the Node running the tests has llhttp 9.4 or later. */
function llhttpAtLeast94(): boolean {
  const [major = 0, minor = 0] = (process.versions.llhttp ?? '0.0').split('.').map(Number)
  return major > 9 || (major === 9 && minor >= 4)
}

/** The disagreements this Node's llhttp has with touche. */
function expectedDisagreements(): Record<string, readonly [string, string]> {
  const newer = llhttpAtLeast94()
  return Object.fromEntries(
    Object.entries(DISAGREEMENTS).filter(([name]) => !(newer && ONLY_BEFORE_LLHTTP_9_4.has(name)))
  )
}

describe('differential: touche against llhttp', () => {
  test.each(valid.map((e) => [e.name, e.raw]))('both parse %s the same way', (_name, raw) => {
    const theirs = llhttpParse(bytes(raw))
    expect('ok' in theirs).toBe(true)
    expect(toucheParse(bytes(raw))).toEqual(theirs)
  })

  test('hostile inputs: the disagreements are exactly the documented ones', () => {
    const found: Record<string, readonly [string, string]> = {}
    for (const { name, raw } of hostile) {
      const theirs = llhttpParse(bytes(raw))
      const mine = toucheParse(bytes(raw))
      const bothAccept = 'ok' in theirs && 'ok' in mine
      if (
        'ok' in theirs !== 'ok' in mine ||
        (bothAccept && JSON.stringify(theirs) !== JSON.stringify(mine))
      ) {
        found[name] = [verdict(theirs), verdict(mine)]
      }
    }
    expect(found).toEqual(expectedDisagreements())
  })

  test('every disagreement is in the README table', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8')
    const rows = readme.split('\n').map((line) => line.split('|').map((cell) => cell.trim()))
    for (const [name, [llhttp, touche]] of Object.entries(DISAGREEMENTS)) {
      const row = rows.find((cells) => cells[1] === name)
      expect([
        name,
        row?.[3]?.startsWith(llhttp.split(' ')[0]!),
        row?.[4]?.startsWith(touche.split(' ')[0]!),
      ]).toEqual([name, true, true])
    }
  })
})
