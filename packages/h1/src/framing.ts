import { Method } from '@touche/http-types'
import { TCHAR } from './byte-classes.js'
import { ParseError } from './errors.js'
import { equalsLower } from './fields.js'
import type { BodyLength } from './types.js'

const HT = 0x09
const SP = 0x20
const COMMA = 0x2c
const SEMI = 0x3b

const NONE: BodyLength = Object.freeze({ kind: 'none' })
const CHUNKED: BodyLength = Object.freeze({ kind: 'chunked' })
const CLOSE: BodyLength = Object.freeze({ kind: 'close' })

/**
 * What a message's framing fields said (RFC 9112 §6), already checked for syntax.
 *
 * @example
 * ```ts
 * const facts: FramingFacts = { contentLength: 12, transferCoding: 'none' }
 * ```
 */
export interface FramingFacts {
  /** The Content-Length value, or -1 when there is none. */
  readonly contentLength: number
  /**
   * `'none'` without Transfer-Encoding, `'chunked'` when chunked is the final coding, `'other'`
   * when Transfer-Encoding is present but its final coding is not chunked.
   */
  readonly transferCoding: 'none' | 'chunked' | 'other'
}

/**
 * The body length of a request (RFC 9112 §6.3): chunked, Content-Length, or no body. Requests
 * are never close-delimited.
 *
 * @throws ParseError 'transfer-encoding' when the final transfer coding is not chunked (§6.3
 *   rule 4: the length cannot be determined, answer 400), 'content-length' when both fields are
 *   present (rejected as a smuggling attempt, §6.1).
 * @example
 * ```ts
 * requestBodyLength({ contentLength: 5, transferCoding: 'none' }) // { kind: 'length', length: 5 }
 * requestBodyLength({ contentLength: -1, transferCoding: 'none' }) // { kind: 'none' }
 * ```
 */
export function requestBodyLength(facts: FramingFacts): BodyLength {
  if (facts.transferCoding !== 'none') {
    if (facts.contentLength !== -1) throw bothFraming()
    if (facts.transferCoding === 'other') {
      throw new ParseError('transfer-encoding', 'the final transfer coding is not chunked')
    }
    return CHUNKED
  }
  if (facts.contentLength === -1) return NONE
  return { kind: 'length', length: facts.contentLength }
}

/**
 * The body length of a response to a `method` request (RFC 9112 §6.3): none for HEAD, 1xx, 204
 * and 304, and for 2xx to CONNECT (a tunnel follows); then chunked, Content-Length, or
 * everything until the connection closes.
 *
 * @throws ParseError 'content-length' when both framing fields are present.
 * @example
 * ```ts
 * responseBodyLength({ contentLength: -1, transferCoding: 'none' }, 200, Method.GET) // close
 * responseBodyLength({ contentLength: 9, transferCoding: 'none' }, 304, Method.GET) // none
 * ```
 */
export function responseBodyLength(
  facts: FramingFacts,
  status: number,
  method: Method
): BodyLength {
  if (!responseHasBody(status, method)) return NONE
  if (facts.transferCoding !== 'none') {
    if (facts.contentLength !== -1) throw bothFraming()
    return facts.transferCoding === 'chunked' ? CHUNKED : CLOSE
  }
  if (facts.contentLength === -1) return CLOSE
  return { kind: 'length', length: facts.contentLength }
}

/**
 * Whether a response with `status` to a `method` request can have a body at all (RFC 9112 §6.3
 * rules 1-2): not for HEAD, 1xx, 204, 304, nor for 2xx to CONNECT (the tunnel starts).
 *
 * @example
 * ```ts
 * responseHasBody(200, Method.HEAD) // false
 * ```
 */
export function responseHasBody(status: number, method: Method): boolean {
  if (method === Method.HEAD || status < 200 || status === 204 || status === 304) return false
  return !(method === Method.CONNECT && status < 300)
}

function bothFraming(): ParseError {
  return new ParseError('content-length', 'both Content-Length and Transfer-Encoding are present')
}

/**
 * The value of one Content-Length field line `buf[start, end)` (RFC 9110 §8.6): 1*DIGIT, or a
 * list of identical such values; `previous` is the value of an earlier line (-1 if none), which
 * this one must repeat.
 *
 * @throws ParseError 'content-length' for an empty value, a sign, inner whitespace, a non-digit,
 *   a value over 2^53-1, or values that differ.
 * @example
 * ```ts
 * const v = new TextEncoder().encode('5, 5')
 * contentLength(v, 0, v.length, -1) // 5
 * ```
 */
export function contentLength(
  buf: Uint8Array,
  start: number,
  end: number,
  previous: number
): number {
  let value = previous
  let p = start
  for (;;) {
    const digits = p
    let n = 0
    while (p < end) {
      const d = buf[p]! - 0x30
      if (d < 0 || d > 9) break
      n = n * 10 + d
      if (n > Number.MAX_SAFE_INTEGER) throw new ParseError('content-length', 'overflows 2^53-1')
      p++
    }
    if (p === digits) throw new ParseError('content-length', 'not 1*DIGIT')
    if (value !== -1 && value !== n) throw new ParseError('content-length', 'differing values')
    value = n
    while (p < end && (buf[p] === SP || buf[p] === HT)) p++
    if (p === end) return value
    if (buf[p] !== COMMA) throw new ParseError('content-length', 'not 1*DIGIT')
    p++
    while (p < end && (buf[p] === SP || buf[p] === HT)) p++
  }
}

/**
 * The value of a Content-Length field given as text, such as one a handler set on a response:
 * the grammar of {@link contentLength}, or -1 when the value is not valid.
 *
 * @example
 * ```ts
 * contentLengthOf('12') // 12
 * contentLengthOf('1e3') // -1
 * ```
 */
export function contentLengthOf(value: string): number {
  const bytes = latin1(value)
  if (bytes === null) return -1
  try {
    return contentLength(bytes, 0, bytes.length, -1)
  } catch {
    return -1
  }
}

/**
 * The connection options of a Connection field value given as text (see
 * {@link connectionOptions}).
 *
 * @example
 * ```ts
 * connectionOptionsOf('Close') & CONN_CLOSE // CONN_CLOSE
 * ```
 */
export function connectionOptionsOf(value: string): number {
  const bytes = latin1(value)
  return bytes === null ? 0 : connectionOptions(bytes, 0, bytes.length)
}

/** One byte per char, or null when a char is outside latin1 (it cannot be on the wire). */
function latin1(value: string): Uint8Array | null {
  const bytes = new Uint8Array(value.length)
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c > 0xff) return null
    bytes[i] = c
  }
  return bytes
}

/** `Connection` option bits (RFC 9110 §7.6.1). */
export const CONN_CLOSE = 1
/** The `keep-alive` connection option (RFC 9112 §9.3, HTTP/1.0 persistence). */
export const CONN_KEEP_ALIVE = 2
/** The `upgrade` connection option (RFC 9110 §7.8). */
export const CONN_UPGRADE = 4

/**
 * The connection options in the Connection field line `buf[start, end)` that framing cares
 * about, as {@link CONN_CLOSE} | {@link CONN_KEEP_ALIVE} | {@link CONN_UPGRADE} bits.
 *
 * @example
 * ```ts
 * const v = new TextEncoder().encode('Keep-Alive, Upgrade')
 * connectionOptions(v, 0, v.length) // CONN_KEEP_ALIVE | CONN_UPGRADE
 * ```
 */
export function connectionOptions(buf: Uint8Array, start: number, end: number): number {
  let bits = 0
  for (let p = start; p < end;) {
    const s = elementStart(buf, p, end)
    p = elementEnd(buf, s, end)
    const e = trimEnd(buf, s, p)
    p++
    const n = e - s
    if (n === 5) {
      if (equalsLower(buf, s, e, 'close')) bits |= CONN_CLOSE
    } else if (n === 10) {
      if (equalsLower(buf, s, e, 'keep-alive')) bits |= CONN_KEEP_ALIVE
    } else if (n === 7) {
      if (equalsLower(buf, s, e, 'upgrade')) bits |= CONN_UPGRADE
    }
  }
  return bits
}

/**
 * Whether the list field line `buf[start, end)` has an element whose token (before any `;`
 * parameters) is `lower`, ignoring case: `TE: trailers`, `Expect: 100-continue`.
 *
 * @example
 * ```ts
 * const v = new TextEncoder().encode('deflate;q=0.5, Trailers')
 * hasListToken(v, 0, v.length, 'trailers') // true
 * ```
 */
export function hasListToken(buf: Uint8Array, start: number, end: number, lower: string): boolean {
  for (let p = start; p < end;) {
    const s = elementStart(buf, p, end)
    p = elementEnd(buf, s, end) + 1
    let e = s
    while (e < end && TCHAR[buf[e]!] === 1) e++
    if (equalsLower(buf, s, e, lower)) return true
  }
  return false
}

/**
 * The `timeout` parameter of a Keep-Alive field line `buf[start, end)` (RFC 2068 §19.7.1.1, which
 * HTTP/1.1 servers still send): how many seconds the server keeps an idle connection, or -1 when
 * the field has no valid `timeout=1*DIGIT` (quoted or not).
 *
 * @example
 * ```ts
 * const v = new TextEncoder().encode('timeout=5, max=100')
 * keepAliveTimeout(v, 0, v.length) // 5
 * ```
 */
export function keepAliveTimeout(buf: Uint8Array, start: number, end: number): number {
  for (let p = start; p < end;) {
    const s = elementStart(buf, p, end)
    const e = trimEnd(buf, s, elementEnd(buf, s, end))
    p = elementEnd(buf, s, end) + 1
    if (e - s < 9 || !equalsLower(buf, s, s + 8, 'timeout=')) continue
    let v = s + 8
    let stop = e
    if (buf[v] === 0x22 && e - v >= 2 && buf[e - 1] === 0x22) {
      v++
      stop--
    }
    if (v === stop) return -1
    let n = 0
    for (let i = v; i < stop; i++) {
      const d = buf[i]! - 0x30
      if (d < 0 || d > 9) return -1
      n = n * 10 + d
      if (n > Number.MAX_SAFE_INTEGER) return -1
    }
    return n
  }
  return -1
}

/**
 * The transfer codings of a message, collected over its Transfer-Encoding field lines
 * (RFC 9112 §6.1, §7).
 *
 * @example
 * ```ts
 * const te = new TransferCodings()
 * te.add(new TextEncoder().encode('chunked'), 0, 7)
 * te.finish() // 'chunked'
 * ```
 */
export class TransferCodings {
  #codings = 0
  #chunked = 0
  #lastChunked = false
  #unknown = false

  /**
   * Adds the codings listed in one field line `buf[start, end)`.
   *
   * @throws ParseError 'transfer-encoding' when an element is not `token *(OWS ";" ...)`.
   */
  add(buf: Uint8Array, start: number, end: number): void {
    for (let p = start; p < end;) {
      const s = elementStart(buf, p, end)
      p = elementEnd(buf, s, end)
      const e = trimEnd(buf, s, p)
      p++
      if (s === e) continue
      this.#codings++
      this.#lastChunked = equalsLower(buf, s, e, 'chunked')
      if (this.#lastChunked) {
        this.#chunked++
        continue
      }
      let q = s
      while (q < e && TCHAR[buf[q]!] === 1) q++
      const token = q
      while (q < e && (buf[q] === SP || buf[q] === HT)) q++
      if (token === s || (q < e && buf[q] !== SEMI)) {
        throw new ParseError('transfer-encoding', 'a transfer coding is not a token')
      }
      this.#unknown = true
    }
  }

  /**
   * The framing these codings give: `'chunked'` when chunked is final, `'other'` when not.
   *
   * @throws ParseError 'transfer-encoding' for an empty list or chunked applied twice (§7:
   *   MUST NOT), 'unsupported-transfer-coding' for a coding besides chunked before a final
   *   chunked (§6.1: 501).
   */
  finish(): 'chunked' | 'other' {
    if (this.#codings === 0) throw new ParseError('transfer-encoding', 'empty Transfer-Encoding')
    if (this.#chunked > 1) throw new ParseError('transfer-encoding', 'chunked applied twice')
    if (!this.#lastChunked) return 'other'
    if (this.#unknown) throw new ParseError('unsupported-transfer-coding')
    return 'chunked'
  }
}

// List elements (RFC 9110 §5.6.1): OWS-trimmed runs between commas; empty ones are skipped.

function elementStart(buf: Uint8Array, p: number, end: number): number {
  while (p < end && (buf[p] === SP || buf[p] === HT)) p++
  return p
}

function elementEnd(buf: Uint8Array, p: number, end: number): number {
  while (p < end && buf[p] !== COMMA) p++
  return p
}

function trimEnd(buf: Uint8Array, start: number, end: number): number {
  while (end > start && (buf[end - 1] === SP || buf[end - 1] === HT)) end--
  return end
}
