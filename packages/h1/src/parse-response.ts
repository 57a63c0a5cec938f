import { HeaderMap, StatusCode, Version } from '@touche/http-types'
import { FIELD_VALUE_CHAR } from './byte-classes.js'
import type { Method } from '@touche/http-types'
import { ParseError } from './errors.js'
import { equalsLower, headText } from './fields.js'
import {
  CONN_CLOSE,
  CONN_KEEP_ALIVE,
  TransferCodings,
  connectionOptions,
  contentLength,
  keepAliveTimeout,
  responseBodyLength,
  responseHasBody,
} from './framing.js'
import { HeadReader } from './head-reader.js'
import { DEFAULT_LIMITS } from './limits.js'
import type { Limits } from './limits.js'
import type { BodyLength, ParsedResponse } from './types.js'

const LF = 0x0a
const CR = 0x0d
const SP = 0x20
const NONE: BodyLength = Object.freeze({ kind: 'none' })

/**
 * What a response parser needs to know about the request it answers.
 *
 * @example
 * ```ts
 * const context: ResponseContext = { method: Method.HEAD }
 * ```
 */
export interface ResponseContext {
  /** The request method: responses to HEAD, and 2xx responses to CONNECT, have no body. */
  readonly method: Method
}

/**
 * An incremental, strict HTTP/1.1 response head parser (RFC 9112 §4-§6), for clients and tests.
 * It works like {@link RequestParser}: null while incomplete, the grown input passed again,
 * only new bytes searched. A 1xx response is returned like any other (with no body); parse the
 * final response after it.
 *
 * @example
 * ```ts
 * import { ResponseParser } from '@touche/h1'
 * const bytes = new TextEncoder().encode('HTTP/1.1 204 No Content\r\n\r\n')
 * new ResponseParser().parse(bytes, { method: Method.GET })?.status.code // 204
 * ```
 */
export class ResponseParser {
  readonly #reader: HeadReader

  /** A parser with `limits` (missing ones take their defaults; the request-line limit is unused). */
  constructor(limits: Partial<Limits> = DEFAULT_LIMITS) {
    this.#reader = new HeadReader(limits)
  }

  /**
   * Parses the response head at the start of `buf`: null while more bytes are needed.
   *
   * @throws ParseError for a malformed head or a crossed limit.
   * @example
   * ```ts
   * const head = parser.parse(bytes, { method: Method.GET })
   * if (head?.body.kind === 'length') readBody(head.body.length)
   * ```
   */
  parse(buf: Uint8Array, context: ResponseContext): ParsedResponse | null {
    const reader = this.#reader
    if (!reader.begin(buf)) return null
    try {
      return this.#parse(buf, context.method)
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

  #parse(buf: Uint8Array, method: Method): ParsedResponse | null {
    const reader = this.#reader
    const limits = reader.limits
    const len = buf.length
    const end = len < limits.maxHeadBytes ? len : limits.maxHeadBytes
    // status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4)
    if (end < 13) {
      // Bytes that can never begin a status line fail now rather than wait for more input.
      checkStatusLinePrefix(buf, end)
      return this.#cut(len, true)
    }
    if (
      buf[0] !== 0x48 ||
      buf[1] !== 0x54 ||
      buf[2] !== 0x54 ||
      buf[3] !== 0x50 ||
      buf[4] !== 0x2f ||
      buf[6] !== 0x2e ||
      buf[5] !== 0x31 ||
      buf[7]! < 0x30 ||
      buf[7]! > 0x39
    ) {
      throw new ParseError('version', 'not HTTP/1.x')
    }
    const version = buf[7] === 0x30 ? Version.HTTP_10 : Version.HTTP_11
    const d0 = buf[9]! - 0x30
    const d1 = buf[10]! - 0x30
    const d2 = buf[11]! - 0x30
    if (buf[8] !== SP || !isDigit(d0) || !isDigit(d1) || !isDigit(d2) || d0 === 0) {
      throw new ParseError('status', 'status code is not 3DIGIT (100-999)')
    }
    const code = d0 * 100 + d1 * 10 + d2
    let p = 12
    let reasonStart = p
    if (buf[p] === SP) {
      reasonStart = ++p
      while (p < end && FIELD_VALUE_CHAR[buf[p]!] === 1) p++
      if (p === end) return this.#cut(len, true)
    }
    const reasonEnd = p
    if (buf[p] === CR) {
      if (p + 1 === end) return this.#cut(len, true)
      if (buf[p + 1] !== LF) throw new ParseError('line-ending', 'bare CR in the status line')
      p += 2
    } else if (buf[p] === LF && limits.allowBareLf) p++
    else if (buf[p] === LF) throw new ParseError('line-ending', 'status line ends in a bare LF')
    else throw new ParseError('status', 'malformed status line')

    const fields = reader.fields
    const consumed = fields.scan(buf, p, end, limits.allowBareLf)
    if (consumed === -1) return this.#cut(len, false)
    reader.search.reset()

    const slots = fields.slots
    let length = -1
    let te: TransferCodings | null = null
    let conn = 0
    let idle = -1
    for (let i = 0, k = 0; i < fields.count; i++, k += 4) {
      const ns = slots[k]!
      const nameLength = slots[k + 1]! - ns
      if (nameLength === 10 && equalsLower(buf, ns, ns + 10, 'connection')) {
        conn |= connectionOptions(buf, slots[k + 2]!, slots[k + 3]!)
      } else if (nameLength === 10 && equalsLower(buf, ns, ns + 10, 'keep-alive')) {
        if (idle === -1) idle = keepAliveTimeout(buf, slots[k + 2]!, slots[k + 3]!)
      } else if (nameLength === 14 && equalsLower(buf, ns, ns + 14, 'content-length')) {
        length = contentLength(buf, slots[k + 2]!, slots[k + 3]!, length)
      } else if (nameLength === 17 && equalsLower(buf, ns, ns + 17, 'transfer-encoding')) {
        te ??= new TransferCodings()
        te.add(buf, slots[k + 2]!, slots[k + 3]!)
      }
    }
    const body = framing(code, method, length, te, version)
    const http11 = version === Version.HTTP_11
    // The reason phrase may hold obs-text, which the byte runs do not see.
    const head = headText(buf, consumed, false)
    return {
      status: StatusCode.from(code),
      reason: head.slice(reasonStart, reasonEnd),
      version,
      headers: HeaderMap.fromRawUnchecked(fields.toFlat(head)),
      consumed,
      body,
      keepAlive:
        body.kind !== 'close' &&
        (http11
          ? (conn & CONN_CLOSE) === 0
          : (conn & (CONN_CLOSE | CONN_KEEP_ALIVE)) === CONN_KEEP_ALIVE),
      keepAliveTimeout: idle,
    }
  }

  #cut(len: number, lineOpen: boolean): null {
    const reader = this.#reader
    if (len > reader.limits.maxHeadBytes) throw new ParseError('head-too-large')
    reader.search.suspend(len, 0, lineOpen, Number.MAX_SAFE_INTEGER)
    return null
  }
}

/** The body length, checking the framing fields only where a body can follow. */
function framing(
  code: number,
  method: Method,
  length: number,
  te: TransferCodings | null,
  version: Version
): BodyLength {
  if (!responseHasBody(code, method)) return NONE
  let coding: 'none' | 'chunked' = 'none'
  if (te !== null) {
    // RFC 9112 §6.1: Transfer-Encoding in HTTP/1.0 means faulty framing.
    if (version === Version.HTTP_10) {
      throw new ParseError('transfer-encoding', 'Transfer-Encoding in HTTP/1.0')
    }
    if (length !== -1) {
      throw new ParseError('content-length', 'both Content-Length and Transfer-Encoding')
    }
    // A final coding other than chunked is one this codec cannot decode.
    if (te.finish() === 'other') throw new ParseError('unsupported-transfer-coding')
    coding = 'chunked'
  }
  return responseBodyLength({ contentLength: length, transferCoding: coding }, code, method)
}

/** `HTTP/1.d SP ddd` with a first status digit of 1-9, up to the start of the reason. */
const STATUS_LINE_PREFIX = 'HTTP/1.d ddd'

/**
 * Throws when `buf[0, end)`, fewer bytes than a status line up to its reason, cannot begin one:
 * garbage, a bare line end, or the head of another protocol is refused as soon as it arrives.
 */
function checkStatusLinePrefix(buf: Uint8Array, end: number): void {
  for (let i = 0; i < end; i++) {
    const c = buf[i]!
    const want = STATUS_LINE_PREFIX.charCodeAt(i)
    if (want === 0x64 /* d */) {
      const lowest = i === 9 ? 0x31 : 0x30
      if (c >= lowest && c <= 0x39) continue
      throw new ParseError(i < 8 ? 'version' : 'status', 'malformed status line')
    }
    if (c !== want) throw new ParseError(i < 8 ? 'version' : 'status', 'malformed status line')
  }
}

function isDigit(d: number): boolean {
  return d >= 0 && d <= 9
}
