import type { HeaderMap, Method, StatusCode, Version } from '@touche/http-types'
import { FIELD_VALUE_CHAR } from './byte-classes.js'
import { EncodeError } from './errors.js'

/**
 * What {@link writeResponseHead} serialises. The framing, Date and Connection lines come from
 * these fields, decided by the server; a user header of the same name is then left out.
 *
 * @example
 * ```ts
 * const init: ResponseHeadInit = {
 *   status: StatusCode.OK, version: Version.HTTP_11, headers, contentLength: 12, date,
 * }
 * ```
 */
export interface ResponseHeadInit {
  readonly status: StatusCode
  /** HTTP/1.0 or HTTP/1.1; any other version is written as HTTP/1.1. */
  readonly version: Version
  readonly headers: HeaderMap
  /** A reason phrase instead of the canonical one (RFC 9112 §4: HTAB, SP, VCHAR, obs-text). */
  readonly reason?: string | undefined
  /** Writes `content-length`, replacing any user Content-Length and Transfer-Encoding. */
  readonly contentLength?: number | undefined
  /** Writes `transfer-encoding: chunked`, replacing any user Content-Length and Transfer-Encoding. */
  readonly chunked?: boolean | undefined
  /**
   * Leaves out any user Content-Length and Transfer-Encoding and writes neither: for a
   * close-delimited body, an upgrade, or a status that cannot carry them (RFC 9112 §6.1, §6.3).
   */
  readonly omitFraming?: boolean | undefined
  /** Writes `date` (an IMF-fixdate), replacing any user Date. */
  readonly date?: string | undefined
  /** Writes `connection`, replacing any user Connection; null or absent keeps the user's. */
  readonly connection?: 'close' | 'keep-alive' | null | undefined
  /**
   * Writes `keep-alive: timeout=N`, replacing any user Keep-Alive: how many seconds the server
   * keeps an idle connection (the HTTP/1.0 Keep-Alive header, which HTTP/1.1 clients still read
   * to retire idle connections before the server closes them).
   */
  readonly keepAliveTimeout?: number | undefined
  /** Writes field names in Title-Case (`Content-Type`) instead of lower case. */
  readonly titleCase?: boolean | undefined
}

/**
 * What {@link writeRequestHead} serialises; the framing and Connection fields work as in
 * {@link ResponseHeadInit}.
 *
 * @example
 * ```ts
 * const init: RequestHeadInit = {
 *   method: Method.GET, target: '/', version: Version.HTTP_11, headers,
 * }
 * ```
 */
export interface RequestHeadInit {
  readonly method: Method
  /** The request-target as it goes on the wire (RFC 9112 §3.2), visible ASCII only. */
  readonly target: string
  readonly version: Version
  readonly headers: HeaderMap
  /**
   * Writes `host` first (RFC 9110 §7.2: a client sends Host first) when `headers` has none: the
   * authority of the target URI, `host[:port]`.
   */
  readonly host?: string | undefined
  readonly contentLength?: number | undefined
  readonly chunked?: boolean | undefined
  readonly connection?: 'close' | 'keep-alive' | null | undefined
  readonly titleCase?: boolean | undefined
}

// Which user fields to leave out, because the init decides them.
const DROP_CONTENT_LENGTH = 1
const DROP_TRANSFER_ENCODING = 2
const DROP_DATE = 4
const DROP_CONNECTION = 8
const DROP_KEEP_ALIVE = 16

/** Status lines without their CRLF, by code, per version (HTTP/1.0, HTTP/1.1), built on first use. */
const statusLines: [(string | undefined)[], (string | undefined)[]] = [
  new Array<string | undefined>(1000).fill(undefined),
  new Array<string | undefined>(1000).fill(undefined),
]

/**
 * `'\r\n' + name + ': '` per field name, lower-case and Title-Case, kept for reuse: a server sends
 * the same few names over and over, and a cached prefix makes a field line one concatenation with
 * its value instead of four.
 */
const PREFIX_CACHE_MAX = 1024
const lowerPrefixes = new Map<string, string>()
const titlePrefixes = new Map<string, string>()

/**
 * Serialises a response head to a latin1 string, ready for `socket.write(head, 'latin1')`: the
 * status line (cached per version and code), the user's fields in insertion order, then the
 * framing, Date and Connection lines from `init`, and the empty line.
 *
 * HTTP/1.0 has no chunked coding: a user Transfer-Encoding is never written for it.
 *
 * @throws EncodeError `head` for a reason phrase with a forbidden byte, a Content-Length that is
 *   not a non-negative safe integer, both framings at once, or chunked framing for HTTP/1.0.
 * @example
 * ```ts
 * import { writeResponseHead } from '@touche/h1'
 * import { HeaderMap, StatusCode, Version } from '@touche/http-types'
 * const headers = new HeaderMap()
 * headers.append('content-type', 'text/plain')
 * writeResponseHead({ status: StatusCode.OK, version: Version.HTTP_11, headers, contentLength: 2 })
 * // 'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\n'
 * ```
 */
export function writeResponseHead(init: ResponseHeadInit): string {
  const http10 = isHttp10(init.version)
  const reason = init.reason
  const head =
    reason === undefined
      ? statusLine(init.status, http10)
      : (http10 ? 'HTTP/1.0 ' : 'HTTP/1.1 ') + String(init.status.code) + ' ' + checkReason(reason)
  let drop = http10 ? DROP_TRANSFER_ENCODING : 0
  if (init.omitFraming === true) drop |= DROP_CONTENT_LENGTH | DROP_TRANSFER_ENCODING
  if (init.date !== undefined) drop |= DROP_DATE
  const keepAlive = init.keepAliveTimeout
  if (keepAlive !== undefined) {
    if (!Number.isSafeInteger(keepAlive) || keepAlive < 0) {
      throw new EncodeError('head', `keep-alive timeout must be a safe integer, got ${keepAlive}`)
    }
    drop |= DROP_KEEP_ALIVE
  }
  return writeFields(head, init, http10, drop, init.date, keepAlive)
}

/**
 * Serialises a request head to a latin1 string: the request line, the user's fields in insertion
 * order, the framing and Connection lines from `init`, and the empty line. Host is one of the
 * user's fields.
 *
 * @throws EncodeError `head` for a request-target that is empty or has a byte outside visible
 *   ASCII, or framing that cannot be written (see {@link writeResponseHead}).
 * @example
 * ```ts
 * import { writeRequestHead } from '@touche/h1'
 * import { HeaderMap, Method, Version } from '@touche/http-types'
 * const headers = new HeaderMap()
 * headers.append('host', 'example.com')
 * writeRequestHead({ method: Method.GET, target: '/', version: Version.HTTP_11, headers })
 * // 'GET / HTTP/1.1\r\nhost: example.com\r\n\r\n'
 * ```
 */
export function writeRequestHead(init: RequestHeadInit): string {
  const http10 = isHttp10(init.version)
  let head =
    init.method.toString() + ' ' + checkTarget(init.target) + (http10 ? ' HTTP/1.0' : ' HTTP/1.1')
  const host = init.host
  if (host !== undefined && !init.headers.has('host')) {
    head += (init.titleCase === true ? '\r\nHost: ' : '\r\nhost: ') + checkHost(host)
  }
  return writeFields(head, init, http10, http10 ? DROP_TRANSFER_ENCODING : 0, undefined, undefined)
}

interface FieldsInit {
  readonly headers: HeaderMap
  readonly contentLength?: number | undefined
  readonly chunked?: boolean | undefined
  readonly connection?: 'close' | 'keep-alive' | null | undefined
  readonly titleCase?: boolean | undefined
}

/** Appends the field lines to `head` (a start line without its CRLF) and ends the head. */
function writeFields(
  head: string,
  init: FieldsInit,
  http10: boolean,
  drop: number,
  date: string | undefined,
  keepAlive: number | undefined
): string {
  const { contentLength, chunked, connection } = init
  const titleCase = init.titleCase === true
  if (contentLength !== undefined) {
    if (!Number.isSafeInteger(contentLength) || contentLength < 0) {
      throw new EncodeError(
        'head',
        `content-length must be a safe integer, got ${String(contentLength)}`
      )
    }
    if (chunked === true) throw new EncodeError('head', 'both content-length and chunked given')
  }
  if (chunked === true && http10) throw new EncodeError('head', 'HTTP/1.0 has no chunked coding')
  if (contentLength !== undefined || chunked === true) {
    drop |= DROP_CONTENT_LENGTH | DROP_TRANSFER_ENCODING
  }
  if (connection != null) drop |= DROP_CONNECTION

  const headers = init.headers
  const size = headers.size
  for (let i = 0; i < size; i++) {
    const name = headers.nameAt(i)
    if (drop !== 0 && isDropped(name, drop)) continue
    head += fieldPrefix(name, titleCase) + headers.valueAt(i)
  }

  if (contentLength !== undefined) {
    head += (titleCase ? '\r\nContent-Length: ' : '\r\ncontent-length: ') + String(contentLength)
  } else if (chunked === true) {
    head += titleCase ? '\r\nTransfer-Encoding: chunked' : '\r\ntransfer-encoding: chunked'
  }
  if (date !== undefined) head += (titleCase ? '\r\nDate: ' : '\r\ndate: ') + date
  if (connection != null) {
    head += (titleCase ? '\r\nConnection: ' : '\r\nconnection: ') + connection
  }
  if (keepAlive !== undefined) {
    head +=
      (titleCase ? '\r\nKeep-Alive: timeout=' : '\r\nkeep-alive: timeout=') + String(keepAlive)
  }
  return head + '\r\n\r\n'
}

/** `'\r\n' + name + ': '`, with `name` in Title-Case if asked. */
function fieldPrefix(name: string, titleCase: boolean): string {
  const cache = titleCase ? titlePrefixes : lowerPrefixes
  let prefix = cache.get(name)
  if (prefix !== undefined) return prefix
  prefix = '\r\n' + (titleCase ? titleCaseName(name) : name) + ': '
  if (cache.size < PREFIX_CACHE_MAX) cache.set(name, prefix)
  return prefix
}

function isDropped(name: string, drop: number): boolean {
  switch (name) {
    case 'content-length':
      return (drop & DROP_CONTENT_LENGTH) !== 0
    case 'transfer-encoding':
      return (drop & DROP_TRANSFER_ENCODING) !== 0
    case 'date':
      return (drop & DROP_DATE) !== 0
    case 'connection':
      return (drop & DROP_CONNECTION) !== 0
    case 'keep-alive':
      return (drop & DROP_KEEP_ALIVE) !== 0
    default:
      return false
  }
}

function isHttp10(version: Version): boolean {
  return version.major === 1 && version.minor === 0
}

function statusLine(status: StatusCode, http10: boolean): string {
  const lines = statusLines[http10 ? 0 : 1]
  const code = status.code
  let line = lines[code]
  if (line === undefined) {
    // RFC 9112 §4: the SP before the reason stays even when the reason is empty.
    line =
      (http10 ? 'HTTP/1.0 ' : 'HTTP/1.1 ') + String(code) + ' ' + (status.canonicalReason() ?? '')
    lines[code] = line
  }
  return line
}

/** reason-phrase = 1*( HTAB / SP / VCHAR / obs-text ) (RFC 9112 §4), or empty. */
function checkReason(reason: string): string {
  for (let i = 0; i < reason.length; i++) {
    const c = reason.charCodeAt(i)
    if (c > 0xff || FIELD_VALUE_CHAR[c] !== 1) {
      throw new EncodeError('head', 'a reason phrase has a forbidden character')
    }
  }
  return reason
}

/** The request-target is visible ASCII (RFC 9112 §3.2, RFC 3986): no SP, controls or CR LF. */
function checkTarget(target: string): string {
  if (target.length === 0) throw new EncodeError('head', 'the request-target is empty')
  for (let i = 0; i < target.length; i++) {
    const c = target.charCodeAt(i)
    if (c <= 0x20 || c >= 0x7f) {
      throw new EncodeError('head', 'the request-target has a forbidden character')
    }
  }
  return target
}

/** A Host value is visible ASCII (RFC 9110 §7.2, RFC 3986 authority): no SP, controls or CR LF. */
function checkHost(host: string): string {
  if (host.length === 0) throw new EncodeError('head', 'the host is empty')
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i)
    if (c <= 0x20 || c >= 0x7f) throw new EncodeError('head', 'the host has a forbidden character')
  }
  return host
}

/** Upper-cases the first letter and every letter after `-`, as hyper's `title_case`. */
function titleCaseName(name: string): string {
  let out = ''
  let upper = true
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i)
    out += String.fromCharCode(upper && c >= 0x61 && c <= 0x7a ? c - 0x20 : c)
    upper = c === 0x2d
  }
  return out
}
