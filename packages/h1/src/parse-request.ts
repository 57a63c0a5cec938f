import { HeaderMap, Method, Version } from '@touche/http-types'
import { TCHAR } from './byte-classes.js'
import { ParseError } from './errors.js'
import { headText } from './fields.js'
import {
  CONN_CLOSE,
  CONN_KEEP_ALIVE,
  CONN_UPGRADE,
  TransferCodings,
  connectionOptions,
  contentLength,
  hasListToken,
  requestBodyLength,
} from './framing.js'
import { HeadReader } from './head-reader.js'
import { DEFAULT_LIMITS } from './limits.js'
import type { Limits } from './limits.js'
import { methodAt } from './request-method.js'
import { checkTargetForm, isValidHost } from './target.js'
import type { ParsedRequest } from './types.js'

let withText: (
  parser: RequestParser,
  buf: Uint8Array,
  text: string | undefined
) => ParsedRequest | null

/**
 * @internal For `@touche/server` only (through `@touche/h1/internal`), not part of the public API.
 * `RequestParser.parse` with `text`: `buf` already decoded one char per byte (latin1, or UTF-8
 * when that gave one char per byte), so that a caller with several pipelined heads in one buffer
 * decodes it once and the parser slices ASCII heads from it. The text is trusted to match the
 * bytes, which is why only the server, which decodes it from the same bytes, may pass it.
 */
export function parseWithText(
  parser: RequestParser,
  buf: Uint8Array,
  text: string | undefined
): ParsedRequest | null {
  return withText(parser, buf, text)
}

const LF = 0x0a
const CR = 0x0d
const SP = 0x20

/**
 * An incremental, strict HTTP/1.1 request head parser (RFC 9112 §2-§6), sans I/O.
 *
 * Pass the bytes received so far, starting at the head's first byte; while the head is
 * incomplete `parse` returns null, and the caller passes the same bytes again, grown. Only the
 * new bytes are searched on each call, so a head arriving one byte at a time costs O(n). The
 * parser resets itself after each head it returns.
 *
 * @example
 * ```ts
 * import { RequestParser } from '@touche/h1'
 * const parser = new RequestParser()
 * const head = parser.parse(new TextEncoder().encode('GET / HTTP/1.1\r\nHost: a\r\n\r\n'))
 * head?.method === Method.GET // true; head.consumed === 27
 * ```
 */
export class RequestParser {
  readonly #reader: HeadReader

  /** A parser with `limits` (missing ones take their defaults). */
  constructor(limits: Partial<Limits> = DEFAULT_LIMITS) {
    this.#reader = new HeadReader(limits)
  }

  /**
   * Parses the request head at the start of `buf`: null while more bytes are needed.
   * Bytes after `consumed` (a body, the next request) are not parsed.
   *
   * @throws ParseError for a malformed head or a crossed limit; `error.status` is the answer.
   * @example
   * ```ts
   * const head = parser.parse(bytes)
   * if (head === null) return // wait for more bytes, then call again with all of them
   * ```
   */
  parse(buf: Uint8Array): ParsedRequest | null {
    return this.#run(buf, undefined)
  }

  static {
    withText = (parser, buf, text) => parser.#run(buf, text)
  }

  #run(buf: Uint8Array, text: string | undefined): ParsedRequest | null {
    const reader = this.#reader
    if (!reader.begin(buf)) return null
    try {
      return this.#parse(buf, text)
    } finally {
      reader.end()
    }
  }

  /**
   * Forgets a partly received head, to parse a new message from its first byte.
   *
   * @example
   * ```ts
   * parser.reset()
   * ```
   */
  reset(): void {
    this.#reader.search.reset()
  }

  #parse(buf: Uint8Array, text: string | undefined): ParsedRequest | null {
    const reader = this.#reader
    const limits = reader.limits
    const bareLf = limits.allowBareLf
    const len = buf.length
    const end = len < limits.maxHeadBytes ? len : limits.maxHeadBytes
    let p = 0
    // RFC 9112 §2.2: one empty line before the request-line is ignored.
    if (buf[0] === CR) {
      if (end === 1) return this.#cut(len, 2, 2 + limits.maxRequestLineBytes, true)
      if (buf[1] === LF) p = 2
    } else if (buf[0] === LF) {
      if (!bareLf) throw new ParseError('line-ending', 'bare LF before the request line')
      p = 1
    }
    const lineStart = p
    const lineLimit = p + limits.maxRequestLineBytes
    const stop = end < lineLimit ? end : lineLimit

    while (p < stop && TCHAR[buf[p]!] === 1) p++
    if (p === stop) return this.#cut(len, lineStart, lineLimit, true)
    if (buf[p] !== SP || p === lineStart) throw new ParseError('method')
    const method = methodAt(buf, lineStart, p)

    const targetStart = ++p
    // Visible ASCII only (RFC 9112 §3.2, RFC 3986): no controls, spaces or high bytes.
    p = reader.fields.runs.visibleEnd(buf, p, stop)
    if (p === stop) return this.#cut(len, lineStart, lineLimit, true)
    let c = buf[p]!
    if (c !== SP) {
      if (c === CR || c === LF) throw new ParseError('version', 'no HTTP version (HTTP/0.9)')
      throw new ParseError('target', `byte 0x${c.toString(16)} in request-target`)
    }
    if (p === targetStart) throw new ParseError('target', 'empty request-target')
    const targetEnd = p++

    if (stop - p < 9) {
      // Bytes that can never become an HTTP-version fail now rather than wait for more input.
      if (!couldBeVersion(buf, p, stop)) throw new ParseError('version', 'not HTTP-version')
      return this.#cut(len, lineStart, lineLimit, true)
    }
    if (
      buf[p] !== 0x48 ||
      buf[p + 1] !== 0x54 ||
      buf[p + 2] !== 0x54 ||
      buf[p + 3] !== 0x50 ||
      buf[p + 4] !== 0x2f ||
      buf[p + 6] !== 0x2e
    ) {
      throw new ParseError('version', 'not HTTP-version')
    }
    const major = buf[p + 5]! - 0x30
    const minor = buf[p + 7]! - 0x30
    if (major < 0 || major > 9 || minor < 0 || minor > 9) throw new ParseError('version')
    p += 8
    c = buf[p]!
    if (c === CR) {
      if (p + 1 === stop) return this.#cut(len, lineStart, lineLimit, true)
      if (buf[p + 1] !== LF) throw new ParseError('line-ending', 'bare CR in the request line')
      p += 2
    } else if (c === LF && bareLf) p += 1
    else if (c === LF) throw new ParseError('line-ending', 'request line ends in a bare LF')
    else throw new ParseError('version', 'bytes after HTTP-version')
    // RFC 9112 §2.3: a 1.x recipient treats a higher 1.x minor version as 1.1.
    if (major !== 1) throw new ParseError('version', `unsupported HTTP version ${major}.${minor}`)
    const version = minor === 0 ? Version.HTTP_10 : Version.HTTP_11
    checkTargetForm(buf, targetStart, targetEnd, method)

    const fields = reader.fields
    const consumed = fields.scan(buf, p, end, bareLf)
    if (consumed === -1) return this.#cut(len, lineStart, lineLimit, false)
    reader.search.reset()
    return this.#finish(buf, method, targetStart, targetEnd, version, consumed, text)
  }

  /** Runs out of bytes at `end`: a crossed limit, or a suspended search. */
  #cut(len: number, lineStart: number, lineLimit: number, lineOpen: boolean): null {
    // Whichever limit the input crosses first wins, however it was split into calls.
    const reader = this.#reader
    const maxHead = reader.limits.maxHeadBytes
    if (lineOpen && len > lineLimit && lineLimit <= maxHead) {
      throw new ParseError('target-too-long')
    }
    if (len > maxHead) throw new ParseError('head-too-large')
    reader.search.suspend(len, lineStart, lineOpen, lineLimit)
    return null
  }

  #finish(
    buf: Uint8Array,
    method: Method,
    targetStart: number,
    targetEnd: number,
    version: Version,
    consumed: number,
    text: string | undefined
  ): ParsedRequest {
    const fields = this.#reader.fields
    const slots = fields.slots
    let length = -1
    let te: TransferCodings | null = null
    let hosts = 0
    let conn = 0
    let upgradeField = false
    let expectContinue = false
    let acceptsTrailers = false
    const ascii = fields.runs.ascii
    const head =
      ascii && text !== undefined && text.length >= consumed ? text : headText(buf, consumed, ascii)
    const flat = fields.toFlat(head)
    for (let i = 0, k = 0; i < flat.length; i += 2, k += 4) {
      const n = slots[k + 1]! - slots[k]!
      if (n < 2 || n > 17) continue
      // A field can only be one of these if its first letter is c, e, h, t or u.
      const c0 = buf[slots[k]!]! | 0x20
      if (c0 !== 0x63 && c0 !== 0x65 && c0 !== 0x68 && c0 !== 0x74 && c0 !== 0x75) continue
      const name = flat[i]!
      switch (n) {
        case 2:
          if (isName(name, 'TE', 'te')) {
            acceptsTrailers ||= hasListToken(buf, slots[k + 2]!, slots[k + 3]!, 'trailers')
          }
          break
        case 4:
          if (isName(name, 'Host', 'host')) {
            // RFC 9112 §3.2: more than one Host, or an invalid one, is a 400.
            if (++hosts > 1) throw new ParseError('host', 'more than one Host field')
            if (!isValidHost(buf, slots[k + 2]!, slots[k + 3]!)) {
              throw new ParseError('host', 'invalid Host value')
            }
          }
          break
        case 6:
          if (isName(name, 'Expect', 'expect')) {
            expectContinue ||= hasListToken(buf, slots[k + 2]!, slots[k + 3]!, '100-continue')
          }
          break
        case 7:
          if (isName(name, 'Upgrade', 'upgrade')) upgradeField = true
          break
        case 10:
          if (isName(name, 'Connection', 'connection')) {
            const value = flat[i + 1]!
            if (value === 'keep-alive') conn |= CONN_KEEP_ALIVE
            else if (value === 'close') conn |= CONN_CLOSE
            else conn |= connectionOptions(buf, slots[k + 2]!, slots[k + 3]!)
          }
          break
        case 14:
          if (isName(name, 'Content-Length', 'content-length')) {
            length = contentLength(buf, slots[k + 2]!, slots[k + 3]!, length)
          }
          break
        case 17:
          if (isName(name, 'Transfer-Encoding', 'transfer-encoding')) {
            te ??= new TransferCodings()
            te.add(buf, slots[k + 2]!, slots[k + 3]!)
          }
          break
      }
    }
    const http11 = version === Version.HTTP_11
    if (hosts === 0 && http11) throw new ParseError('host', 'HTTP/1.1 request without Host')
    let coding: 'none' | 'chunked' | 'other' = 'none'
    if (te !== null) {
      // RFC 9112 §6.1: Transfer-Encoding in HTTP/1.0 means faulty framing.
      if (!http11) throw new ParseError('transfer-encoding', 'Transfer-Encoding in HTTP/1.0')
      if (length !== -1) {
        throw new ParseError('content-length', 'both Content-Length and Transfer-Encoding')
      }
      coding = te.finish()
    }
    const body = requestBodyLength({ contentLength: length, transferCoding: coding })

    return {
      method,
      target: head.slice(targetStart, targetEnd),
      version,
      headers: HeaderMap.fromRawUnchecked(flat),
      consumed,
      body,
      keepAlive: http11
        ? (conn & CONN_CLOSE) === 0
        : (conn & (CONN_CLOSE | CONN_KEEP_ALIVE)) === CONN_KEEP_ALIVE,
      // RFC 9110 §10.1.1: a 100-continue expectation in HTTP/1.0 is ignored.
      expectContinue: expectContinue && http11,
      // RFC 9110 §7.8: Upgrade is ignored in HTTP/1.0.
      upgrade: method === Method.CONNECT || (http11 && upgradeField && (conn & CONN_UPGRADE) !== 0),
      acceptsTrailers,
      mustClose: (conn & CONN_CLOSE) !== 0,
    }
  }
}

/**
 * Whether the field name `name` is `lower` ignoring case; the usual spellings compare natively.
 */
function isName(name: string, title: string, lower: string): boolean {
  if (name === title || name === lower) return true
  return (name.charCodeAt(0) | 0x20) === lower.charCodeAt(0) && name.toLowerCase() === lower
}

/** Whether `buf[p..stop)`, fewer than 9 bytes, can still begin `HTTP/d.d` (RFC 9112 §2.3). */
function couldBeVersion(buf: Uint8Array, p: number, stop: number): boolean {
  for (let i = 0; p + i < stop; i++) {
    const c = buf[p + i]!
    const ok = i < 5 ? c === HTTP_SLASH[i] : i === 6 ? c === 0x2e : c >= 0x30 && c <= 0x39
    if (!ok) return false
  }
  return true
}

const HTTP_SLASH = [0x48, 0x54, 0x54, 0x50, 0x2f]
