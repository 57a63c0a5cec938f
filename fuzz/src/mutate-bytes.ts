/**
 * Mutations that know nothing of HTTP: flipped bytes, inserted control bytes and whitespace,
 * deleted, duplicated and truncated ranges, rewritten line endings. They work on either side's
 * messages (requests now; responses when a client is fuzzed). Messages are latin1 strings here,
 * one char per byte.
 */
import type { Role } from './corpus.js'
import type { Rng } from './rng.js'

/**
 * One way to change a message. `apply` returns null when it does not apply (no body to cut,
 * no chunk line to change, ...), and the generator picks another.
 */
export interface Mutator {
  readonly name: string
  readonly roles: readonly Role[]
  /** How often it is picked, relative to the others. */
  readonly weight: number
  apply(message: string, rng: Rng): string | null
}

const BOTH: readonly Role[] = ['request', 'response']

/** Bytes that matter to an HTTP/1.1 parser, inserted more often than random ones. */
const SPECIAL = [
  '\r',
  '\n',
  '\0',
  ' ',
  '\t',
  ':',
  ';',
  ',',
  '"',
  '\x7f',
  '\x80',
  '\xff',
  '\r\n',
  '\n\r',
]

/** An offset, biased toward line boundaries and separators, where parsers make decisions. */
export function interestingOffset(message: string, rng: Rng): number {
  if (message.length === 0) return 0
  if (rng.chance(0.5)) {
    const marks: number[] = []
    for (let i = 0; i < message.length && marks.length < 512; i++) {
      const c = message[i]
      if (c === '\r' || c === '\n' || c === ':' || c === ' ' || c === ';') marks.push(i)
    }
    if (marks.length > 0) return rng.pick(marks) + rng.range(0, 1)
  }
  return rng.int(message.length + 1)
}

const flip: Mutator = {
  name: 'flip',
  roles: BOTH,
  weight: 3,
  apply(m, rng) {
    if (m.length === 0) return null
    const at = interestingOffset(m, rng) % m.length
    const c = m.charCodeAt(at)
    const b = rng.chance(0.5) ? c ^ (1 << rng.int(8)) : rng.int(256)
    return m.slice(0, at) + String.fromCharCode(b) + m.slice(at + 1)
  },
}

const insert: Mutator = {
  name: 'insert',
  roles: BOTH,
  weight: 4,
  apply(m, rng) {
    const at = interestingOffset(m, rng)
    const what = rng.chance(0.85) ? rng.pick(SPECIAL) : String.fromCharCode(rng.int(256))
    return m.slice(0, at) + what.repeat(rng.chance(0.2) ? rng.range(2, 4) : 1) + m.slice(at)
  },
}

const remove: Mutator = {
  name: 'delete',
  roles: BOTH,
  weight: 3,
  apply(m, rng) {
    if (m.length === 0) return null
    const at = interestingOffset(m, rng) % m.length
    return m.slice(0, at) + m.slice(at + rng.range(1, rng.chance(0.8) ? 2 : 16))
  },
}

const duplicate: Mutator = {
  name: 'duplicate',
  roles: BOTH,
  weight: 1,
  apply(m, rng) {
    if (m.length === 0) return null
    const from = rng.int(m.length)
    const piece = m.slice(from, from + rng.range(1, 32))
    const at = interestingOffset(m, rng)
    return m.slice(0, at) + piece + m.slice(at)
  },
}

const truncate: Mutator = {
  name: 'truncate',
  roles: BOTH,
  weight: 2,
  apply(m, rng) {
    if (m.length < 2) return null
    return m.slice(0, rng.range(1, m.length - 1))
  },
}

/** Replaces one CRLF with another line ending: bare LF, bare CR, CR CR LF, LF CR. */
const lineEnding: Mutator = {
  name: 'line-ending',
  roles: BOTH,
  weight: 3,
  apply(m, rng) {
    const ends: number[] = []
    for (let i = m.indexOf('\r\n'); i >= 0; i = m.indexOf('\r\n', i + 2)) ends.push(i)
    if (ends.length === 0) return null
    const at = rng.pick(ends)
    return (
      m.slice(0, at) + rng.pick(['\n', '\r', '\r\r\n', '\n\r', '\r\n\r\n', '']) + m.slice(at + 2)
    )
  },
}

/** The byte-level mutators. */
export const BYTE_MUTATORS: readonly Mutator[] = [
  flip,
  insert,
  remove,
  duplicate,
  truncate,
  lineEnding,
]
