/**
 * Mutations that know HTTP/1.1's shape: framing fields added, repeated or made contradictory
 * (the request-smuggling shapes of RFC 9112 §6.3 and §11.2), huge Content-Length values and chunk
 * sizes, corrupted chunked bodies, bodies longer or shorter than declared, whitespace where the
 * grammar forbids it, odd versions and methods, and heads past the size limits.
 */
import type { Role } from './corpus.js'
import type { Mutator } from './mutate-bytes.js'

const BOTH: readonly Role[] = ['request', 'response']
const REQUEST: readonly Role[] = ['request']

/** A message cut at its head's end: the start line, the field lines, the bytes after the head. */
interface Parts {
  readonly start: string
  readonly fields: string[]
  readonly body: string
}

function split(m: string): Parts | null {
  const end = m.indexOf('\r\n\r\n')
  if (end < 0) return null
  const lines = m.slice(0, end).split('\r\n')
  return { start: lines[0]!, fields: lines.slice(1), body: m.slice(end + 4) }
}

function join(p: Parts): string {
  return [p.start, ...p.fields].join('\r\n') + '\r\n\r\n' + p.body
}

function fieldIndex(p: Parts, name: string): number {
  return p.fields.findIndex((f) => f.toLowerCase().startsWith(`${name}:`))
}

const HUGE_LENGTHS = [
  '99999999',
  '4294967296',
  '9007199254740991',
  '9007199254740992',
  '18446744073709551616',
  '1'.repeat(40),
  '-1',
  '+5',
  '0x10',
  '1 2',
  '',
  '5, 6',
  '5,5',
]

const HUGE_CHUNKS = [
  'ffffffff',
  '7fffffffffffffff',
  'f'.repeat(20),
  '1'.repeat(17),
  '100000',
  '-1',
  '0x5',
  ' 5',
  '5 ',
]

/** Framing and connection fields, inserted at a random place among the field lines. */
const FIELDS = [
  'Content-Length: 0',
  'Content-Length: 5',
  'Content-Length: 5\r\nContent-Length: 6',
  'Transfer-Encoding: chunked',
  'Transfer-Encoding: gzip',
  'Transfer-Encoding: chunked, chunked',
  'Transfer-Encoding: identity',
  'Transfer-Encoding: gzip, chunked',
  'Transfer-Encoding:\tchunked',
  'Transfer-Encoding : chunked',
  'Host: other.example',
  'Connection: close',
  'Connection: keep-alive',
  'Expect: 100-continue',
  'Upgrade: websocket\r\nConnection: upgrade',
  'TE: trailers',
]

const addField: Mutator = {
  name: 'add-field',
  roles: BOTH,
  weight: 4,
  apply(m, rng) {
    const p = split(m)
    if (p === null) return null
    p.fields.splice(rng.int(p.fields.length + 1), 0, rng.pick(FIELDS))
    return join(p)
  },
}

/** Repeats one field line, sometimes with another case or padding (RFC 9110 §5.3). */
const repeatField: Mutator = {
  name: 'repeat-field',
  roles: BOTH,
  weight: 2,
  apply(m, rng) {
    const p = split(m)
    if (p === null || p.fields.length === 0) return null
    let line = rng.pick(p.fields)
    if (rng.chance(0.3)) line = line.toUpperCase()
    if (rng.chance(0.3)) line = line.replace(':', ':   ')
    p.fields.splice(rng.int(p.fields.length + 1), 0, line)
    return join(p)
  },
}

const hugeLength: Mutator = {
  name: 'huge-content-length',
  roles: BOTH,
  weight: 2,
  apply(m, rng) {
    const p = split(m)
    if (p === null) return null
    const value = `Content-Length: ${rng.pick(HUGE_LENGTHS)}`
    const i = fieldIndex(p, 'content-length')
    if (i >= 0) p.fields[i] = value
    else p.fields.push(value)
    return join(p)
  },
}

/** A chunked body's size line, extension or CRLF made wrong, or its size made huge. */
const chunkMutation: Mutator = {
  name: 'chunk',
  roles: BOTH,
  weight: 3,
  apply(m, rng) {
    const p = split(m)
    if (p === null || fieldIndex(p, 'transfer-encoding') < 0 || p.body.length === 0) return null
    const lines = p.body.split('\r\n')
    const sizes = lines
      .map((l, i) => (/^[0-9a-fA-F]+(;.*)?$/.test(l) ? i : -1))
      .filter((i) => i >= 0)
    if (sizes.length === 0) return null
    const i = rng.pick(sizes)
    const line = lines[i]!
    switch (rng.int(5)) {
      case 0:
        lines[i] = rng.pick(HUGE_CHUNKS)
        break
      case 1:
        lines[i] = `${line};${rng.pick(['', 'a=', 'a="x', 'a b', '=1', 'a=b'.repeat(3000)])}`
        break
      case 2:
        lines[i] = (parseInt(line, 16) + rng.range(-2, 2)).toString(16)
        break
      case 3:
        lines.splice(i + 2, 0, rng.pick(['', 'x', 'zz', 'x-bad trailer', 'a: b']))
        break
      default:
        lines[i] = `${line}${rng.pick([' ', '\t', '\0', 'g'])}`
    }
    return join({ ...p, body: lines.join('\r\n') })
  },
}

/** A body with bytes added or removed: the next message then starts elsewhere (§6.3 rule 6). */
const bodyLength: Mutator = {
  name: 'body-length',
  roles: BOTH,
  weight: 2,
  apply(m, rng) {
    const p = split(m)
    if (p === null) return null
    const body = rng.chance(0.5)
      ? p.body + 'x'.repeat(rng.range(1, 8))
      : p.body.slice(0, -rng.range(1, 4))
    return join({ ...p, body })
  },
}

/** Whitespace where RFC 9112 forbids it: before a colon (§5.1), as obs-fold (§5.2). */
const fieldWhitespace: Mutator = {
  name: 'field-whitespace',
  roles: BOTH,
  weight: 2,
  apply(m, rng) {
    const p = split(m)
    if (p === null || p.fields.length === 0) return null
    const i = rng.int(p.fields.length)
    const f = p.fields[i]!
    p.fields[i] = rng.chance(0.5)
      ? f.replace(':', rng.pick([' :', '\t:']))
      : rng.pick([' ', '\t']) + f
    return join(p)
  },
}

/** A head past the limits: many fields, a long value, a long request-target (414, 431). */
const bigHead: Mutator = {
  name: 'big-head',
  roles: BOTH,
  weight: 1,
  apply(m, rng) {
    const p = split(m)
    if (p === null) return null
    switch (rng.int(3)) {
      case 0:
        for (let n = rng.range(90, 140); n > 0; n--) p.fields.push(`x-f${n}: v`)
        break
      case 1:
        p.fields.push(`x-long: ${'v'.repeat(rng.range(8_000, 17_000))}`)
        break
      default:
        return join({
          ...p,
          start: p.start.replace(' ', ` /${'a'.repeat(rng.range(8_000, 9_000))}`),
        })
    }
    return join(p)
  },
}

const VERSIONS = [
  'HTTP/1.0',
  'HTTP/1.2',
  'HTTP/2.0',
  'HTTP/0.9',
  'http/1.1',
  'HTTP/1.1 ',
  'HTTP/1',
  'HTTP/1.10',
  'HTTP/11',
  '',
]
const METHODS = [
  'get',
  'PURGE',
  'G T',
  'G{T',
  '',
  'CONNECT',
  'HEAD',
  'OPTIONS',
  'QUERY',
  'X'.repeat(300),
]

/** The request line's method, target or version replaced (RFC 9112 §3). */
const requestLine: Mutator = {
  name: 'request-line',
  roles: REQUEST,
  weight: 2,
  apply(m, rng) {
    const p = split(m)
    if (p === null) return null
    const parts = p.start.split(' ')
    if (parts.length < 3) return null
    switch (rng.int(3)) {
      case 0:
        parts[0] = rng.pick(METHODS)
        break
      case 1:
        parts[1] = rng.pick(['*', '', 'a:1', 'http://h/x', '/a b', '/%zz', '//x', '/#f', 'x'])
        break
      default:
        parts[parts.length - 1] = rng.pick(VERSIONS)
    }
    return join({ ...p, start: parts.join(rng.chance(0.1) ? '  ' : ' ') })
  },
}

/** The HTTP-aware mutators. */
export const HTTP_MUTATORS: readonly Mutator[] = [
  addField,
  repeatField,
  hugeLength,
  chunkMutation,
  bodyLength,
  fieldWhitespace,
  bigHead,
  requestLine,
]
