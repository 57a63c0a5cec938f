import fc from 'fast-check'
import { RequestParser } from '../src/parse-request.js'
import { LLHTTP_METHODS, llhttpParse } from './llhttp.js'
import { bytes, rawPairs } from './support.js'

const TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
const PATH_CHARS =
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%?"

const token = fc
  .array(fc.constantFrom(...TCHARS), { minLength: 1, maxLength: 12 })
  .map((cs) => cs.join(''))
const target = fc
  .array(fc.constantFrom(...PATH_CHARS), { maxLength: 40 })
  .map((cs) => `/${cs.join('')}`)
const vchar = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c))
const obsText = fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c))
const inner = fc.oneof({ weight: 10, arbitrary: vchar }, fc.constantFrom(' ', '\t'), obsText)
/** A field value with no leading or trailing whitespace (what the parser returns after trimming). */
const value = fc.oneof(
  fc.constant(''),
  fc
    .tuple(vchar, fc.array(inner, { maxLength: 60 }), vchar)
    .map(([a, mid, b]) => a + mid.join('') + b)
)
/** Extension fields only: framing and connection fields have rules of their own. */
const field = fc.tuple(
  token.map((t) => `X-${t}`),
  value
)
const ows = fc.constantFrom('', ' ', '\t', '  \t ')

const request = fc.record({
  method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'), token),
  target,
  version: fc.constantFrom('HTTP/1.0', 'HTTP/1.1'),
  fields: fc.array(fc.tuple(field, ows, ows), { maxLength: 20 }),
})

type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never

function serialise(r: Generated): string {
  const lines = r.fields.map(([[n, v], before, after]) => `${n}:${before}${v}${after}\r\n`)
  return `${r.method} ${r.target} ${r.version}\r\nHost: example.com\r\n${lines.join('')}\r\n`
}

describe('generated requests', () => {
  test('parse to exactly the parts they were built from', () => {
    fc.assert(
      fc.property(request, (r) => {
        const raw = serialise(r)
        const head = new RequestParser().parse(bytes(raw))
        expect(head).not.toBeNull()
        expect(head!.method.toString()).toBe(r.method)
        expect(head!.target).toBe(r.target)
        expect(head!.version.toString()).toBe(r.version)
        expect(head!.consumed).toBe(raw.length)
        expect(rawPairs(head!.headers)).toEqual([
          ['Host', 'example.com'],
          ...r.fields.map(([[n, v]]) => [n, v]),
        ])
      }),
      { numRuns: 1000 }
    )
  })

  test('parse the same way with llhttp (with the methods it knows)', () => {
    const known = LLHTTP_METHODS.filter((m) => m !== 'CONNECT')
    const forLlhttp = fc
      .tuple(request, fc.constantFrom(...known))
      .map(([r, method]) => ({ ...r, method }))
    fc.assert(
      fc.property(forLlhttp, (r) => {
        const raw = bytes(serialise(r))
        const theirs = llhttpParse(raw)
        const head = new RequestParser().parse(raw)!
        expect(theirs).toEqual({
          ok: {
            method: head.method.toString(),
            target: head.target,
            version: head.version.toString(),
            headers: rawPairs(head.headers),
            body: '',
          },
        })
      }),
      { numRuns: 1000 }
    )
  })
})
