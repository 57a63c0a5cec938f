import type { UriForm } from './uri.js'
import {
  PATH,
  QUERY,
  REG_NAME,
  SCHEME,
  URI_CHAR,
  firstInvalid,
  isHex,
  parsePort,
} from './uri-chars.js'

/** The components of a request-target, as the `Uri` getters return them. */
export interface UriParts {
  readonly form: UriForm
  readonly scheme: string | null
  readonly authority: string | null
  readonly host: string | null
  readonly port: number | null
  readonly path: string
  readonly query: string | null
}

/** Index of the `:` of a leading `scheme://`, or -1. */
function schemeEnd(t: string): number {
  const c0 = t.charCodeAt(0) | 0x20
  if (c0 < 0x61 || c0 > 0x7a) return -1
  for (let i = 1; i < t.length; i++) {
    const c = t.charCodeAt(i)
    if (c === 0x3a) return t.startsWith('//', i + 1) ? i : -1
    if (c >= 0x80 || (URI_CHAR[c]! & SCHEME) === 0) return -1
  }
  return -1
}

/**
 * The components of the request-target `t` (valid, or trusted to be).
 *
 * @example
 * ```ts
 * split('http://a:81/x?y').port // 81
 * ```
 */
export function split(t: string): UriParts {
  if (t === '*') return parts('asterisk', null, null, '*', null)
  if (t.charCodeAt(0) === 0x2f) {
    const q = t.indexOf('?')
    return q < 0
      ? parts('origin', null, null, t, null)
      : parts('origin', null, null, t.slice(0, q), t.slice(q + 1))
  }
  const colon = schemeEnd(t)
  if (colon < 0) return parts('authority', null, t, '', null)
  const start = colon + 3
  let end = start
  while (end < t.length && t.charCodeAt(end) !== 0x2f && t.charCodeAt(end) !== 0x3f) end++
  const q = t.indexOf('?', end)
  const path = q < 0 ? t.slice(end) : t.slice(end, q)
  const query = q < 0 ? null : t.slice(q + 1)
  return parts('absolute', t.slice(0, colon).toLowerCase(), t.slice(start, end), path || '/', query)
}

function parts(
  form: UriForm,
  scheme: string | null,
  authority: string | null,
  path: string,
  query: string | null
): UriParts {
  if (authority === null) return { form, scheme, authority, host: null, port: null, path, query }
  const close = authority.charCodeAt(0) === 0x5b ? authority.indexOf(']') : -1
  const colon = authority.indexOf(':', close + 1)
  if (colon < 0) return { form, scheme, authority, host: authority, port: null, path, query }
  const port = parsePort(authority, colon + 1, authority.length)
  const host = authority.slice(0, colon)
  return { form, scheme, authority, host, port: port < 0 ? null : port, path, query }
}

/**
 * Why `t` is not a valid request-target, or null if it is one: RFC 3986 characters only,
 * well-formed `%HH` escapes, no fragment, no userinfo, ports 0-65535.
 *
 * @example
 * ```ts
 * invalidReason('/a#b') // 'fragment'
 * ```
 */
export function invalidReason(t: string): string | null {
  if (t.length === 0) return 'empty'
  if (t === '*') return null
  if (t.charCodeAt(0) === 0x2f) return invalidPathAndQuery(t, 0)
  const colon = schemeEnd(t)
  if (colon < 0) return invalidAuthority(t, 0, t.length, true)
  const start = colon + 3
  let end = start
  while (end < t.length && t.charCodeAt(end) !== 0x2f && t.charCodeAt(end) !== 0x3f) end++
  return invalidAuthority(t, start, end, false) ?? invalidPathAndQuery(t, end)
}

function invalidPathAndQuery(t: string, start: number): string | null {
  const q = t.indexOf('?', start)
  const pathEnd = q < 0 ? t.length : q
  let bad = firstInvalid(t, start, pathEnd, PATH)
  if (bad < 0 && q >= 0) bad = firstInvalid(t, q + 1, t.length, QUERY)
  return bad < 0 ? null : describe(t, bad)
}

/** RFC 3986 §3.2 without userinfo (RFC 9110 §4.2.4 forbids it in http(s) URIs). */
function invalidAuthority(t: string, start: number, end: number, needPort: boolean): string | null {
  if (start === end) return 'empty host'
  let hostEnd: number
  if (t.charCodeAt(start) === 0x5b) {
    const close = t.indexOf(']', start)
    if (close < 0 || close >= end) return 'unclosed IP literal'
    if (!isIpLiteral(t, start + 1, close)) return 'bad IP literal'
    hostEnd = close + 1
    if (hostEnd < end && t.charCodeAt(hostEnd) !== 0x3a) return describe(t, hostEnd)
  } else {
    const colon = t.indexOf(':', start)
    hostEnd = colon < 0 || colon >= end ? end : colon
    if (hostEnd === start) return 'empty host'
    const bad = firstInvalid(t, start, hostEnd, REG_NAME)
    if (bad >= 0) return describe(t, bad)
  }
  if (hostEnd === end) return needPort ? 'authority form needs a port' : null
  return parsePort(t, hostEnd + 1, end) < 0 ? 'bad port' : null
}

/** IPv6address or IPvFuture (RFC 3986 §3.2.2), loosely: the right characters, one `:` at least. */
function isIpLiteral(t: string, start: number, end: number): boolean {
  if (start === end) return false
  if ((t.charCodeAt(start) | 0x20) === 0x76) {
    const dot = t.indexOf('.', start)
    if (dot < 0 || dot >= end - 1 || dot === start + 1) return false
    for (let i = start + 1; i < dot; i++) if (!isHex(t.charCodeAt(i))) return false
    for (let i = dot + 1; i < end; i++) {
      const c = t.charCodeAt(i)
      if (c >= 0x80 || ((URI_CHAR[c]! & REG_NAME) === 0 && c !== 0x3a)) return false
    }
    return true
  }
  let colons = 0
  for (let i = start; i < end; i++) {
    const c = t.charCodeAt(i)
    if (c === 0x3a) colons++
    else if (c !== 0x2e && !isHex(c)) return false
  }
  return colons >= 2
}

function describe(t: string, at: number): string {
  const c = t.charCodeAt(at)
  if (c === 0x23) return 'fragment'
  if (c === 0x25) return 'bad percent-encoding'
  return `unexpected char ${JSON.stringify(t[at])} at ${at}`
}
