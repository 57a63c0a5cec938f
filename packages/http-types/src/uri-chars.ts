/** RFC 3986 §2.3 unreserved plus §2.2 sub-delims: what a reg-name may hold besides `%HH`. */
export const REG_NAME = 1
/** pchar (RFC 3986 §3.3) plus `/`: what a path may hold besides `%HH`. */
export const PATH = 2
/** PATH plus `?` (RFC 3986 §3.4). */
export const QUERY = 4
/** ALPHA, DIGIT, `+`, `-`, `.` (RFC 3986 §3.1). */
export const SCHEME = 8

/** Character classes of ASCII bytes, as bit flags; everything above 0x7F is in no class. */
export const URI_CHAR: Uint8Array = (() => {
  const t = new Uint8Array(128)
  const add = (chars: string, flags: number): void => {
    for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)]! |= flags
  }
  const alpha = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
  const digit = '0123456789'
  add(alpha + digit + '-._~', REG_NAME | PATH | QUERY)
  add("!$&'()*+,;=", REG_NAME | PATH | QUERY)
  add(':@/', PATH | QUERY)
  add('?', QUERY)
  add(alpha + digit + '+-.', SCHEME)
  return t
})()

/**
 * Index of the first char in `s[start, end)` that is neither in `cls` nor part of a valid
 * `%HH` escape, or -1 if there is none.
 */
export function firstInvalid(s: string, start: number, end: number, cls: number): number {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80 && (URI_CHAR[c]! & cls) !== 0) continue
    if (c === 0x25 && i + 2 < end && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) {
      i += 2
      continue
    }
    return i
  }
  return -1
}

/** Whether `c` is the char code of a hex digit. */
export function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
}

/** `s[start, end)` as a port number (1 to 5 digits, at most 65535), or -1. */
export function parsePort(s: string, start: number, end: number): number {
  if (end <= start || end - start > 5) return -1
  let n = 0
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x30 || c > 0x39) return -1
    n = n * 10 + (c - 0x30)
  }
  return n <= 65535 ? n : -1
}
