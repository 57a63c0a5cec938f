import { Method } from '@touche/http-types'
import { ParseError } from './errors.js'

const SLASH = 0x2f
const STAR = 0x2a
const COLON = 0x3a
const PERCENT = 0x25
const LBRACKET = 0x5b
const RBRACKET = 0x5d

/**
 * Checks that the request-target `buf[start, end)` (already known to be visible ASCII) has the
 * form `method` allows (RFC 9112 §3.2): authority-form for CONNECT and only for it, `*` only for
 * OPTIONS, otherwise origin-form or absolute-form.
 *
 * @throws ParseError 'target'.
 * @example
 * ```ts
 * const t = new TextEncoder().encode('example.com:443')
 * checkTargetForm(t, 0, t.length, Method.CONNECT) // ok
 * ```
 */
export function checkTargetForm(buf: Uint8Array, start: number, end: number, method: Method): void {
  const first = buf[start]
  if (method === Method.CONNECT) {
    // §3.2.3: authority-form = uri-host ":" port, with the port required here.
    const port = hostEnd(buf, start, end)
    if (port > start && port < end - 1 && buf[port] === COLON && digitsOnly(buf, port + 1, end)) {
      return
    }
    throw new ParseError('target', 'CONNECT needs an authority-form target (host:port)')
  }
  if (first === SLASH) return
  if (first === STAR && end - start === 1) {
    if (method === Method.OPTIONS) return
    throw new ParseError('target', 'the asterisk-form is only for OPTIONS')
  }
  // §3.2.2: absolute-form = absolute-URI, which starts with scheme ":" (RFC 3986 §3.1).
  let p = start
  if (p < end && isAlpha(buf[p]!)) {
    p++
    while (p < end && isSchemeChar(buf[p]!)) p++
    if (p < end && buf[p] === COLON) return
  }
  throw new ParseError('target', 'target is neither origin-form nor absolute-form')
}

/**
 * Whether the Host field value `buf[start, end)` is `uri-host [ ":" port ]` (RFC 9110 §7.2), or
 * empty (RFC 9112 §3.2: sent when the target URI has no authority).
 *
 * @example
 * ```ts
 * const h = new TextEncoder().encode('[::1]:8080')
 * isValidHost(h, 0, h.length) // true
 * ```
 */
export function isValidHost(buf: Uint8Array, start: number, end: number): boolean {
  if (start === end) return true
  const p = hostEnd(buf, start, end)
  if (p === start && buf[start] !== LBRACKET) return false
  if (p === end) return true
  return buf[p] === COLON && digitsOnly(buf, p + 1, end)
}

/**
 * Where the uri-host at `start` ends: after `[...]` for an IP-literal, otherwise after the
 * longest run of reg-name characters (which also covers IPv4). Returns `start` when an
 * IP-literal is malformed.
 */
function hostEnd(buf: Uint8Array, start: number, end: number): number {
  const regName = REG_NAME
  let p = start
  if (buf[p] === LBRACKET) {
    p++
    // IPv6address and IPvFuture (RFC 3986 §3.2.2) use only these characters.
    while (p < end && (regName[buf[p]!] === 1 || buf[p] === COLON)) p++
    return p < end && p > start + 1 && buf[p] === RBRACKET ? p + 1 : start
  }
  for (;;) {
    while (p < end && regName[buf[p]!] === 1) p++
    if (p + 2 >= end || buf[p] !== PERCENT || !isHex(buf[p + 1]!) || !isHex(buf[p + 2]!)) {
      return p
    }
    p += 3
  }
}

function digitsOnly(buf: Uint8Array, start: number, end: number): boolean {
  for (let p = start; p < end; p++) if (buf[p]! < 0x30 || buf[p]! > 0x39) return false
  return true
}

function isAlpha(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
}

/** ALPHA, DIGIT, `+`, `-`, `.` (RFC 3986 §3.1). */
function isSchemeChar(c: number): boolean {
  return isAlpha(c) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e
}

/** unreserved / sub-delims (RFC 3986 §2.2, §2.3): what a reg-name holds besides `%HH`. */
const REG_NAME = (() => {
  const t = new Uint8Array(256)
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;="
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1
  return t
})()
