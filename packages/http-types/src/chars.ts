/**
 * Byte classes from RFC 9110 §5.6.2 (token) and §5.5 (field values), as 256-entry lookup tables.
 *
 * Shared by the value types (string validation) and by `@touche/h1` (byte-level parsing), so both
 * agree on exactly one grammar.
 *
 * @example
 * ```ts
 * import { TCHAR } from '@touche/http-types'
 * TCHAR[0x61] === 1 // 'a' is a token character
 * ```
 */
export const TCHAR: Uint8Array = table((c) => {
  if (c >= 0x30 && c <= 0x39) return true
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true
  return "!#$%&'*+-.^_`|~".includes(String.fromCharCode(c))
})

/**
 * Bytes allowed inside a field value (RFC 9110 §5.5): HTAB, SP, VCHAR and obs-text.
 * CR, LF, NUL and the other controls (and DEL) are not.
 *
 * @example
 * ```ts
 * import { FIELD_VALUE_CHAR } from '@touche/http-types'
 * FIELD_VALUE_CHAR[0x0d] === 0 // CR never appears inside a value
 * ```
 */
export const FIELD_VALUE_CHAR: Uint8Array = table((c) => c === 0x09 || (c >= 0x20 && c !== 0x7f))

/**
 * Visible ASCII plus SP and HTAB: the bytes `HeaderValue.toStr()` accepts.
 *
 * @example
 * ```ts
 * import { VISIBLE_ASCII } from '@touche/http-types'
 * VISIBLE_ASCII[0xe9] === 0 // obs-text is kept in values but is not visible ASCII
 * ```
 */
export const VISIBLE_ASCII: Uint8Array = table((c) => c === 0x09 || (c >= 0x20 && c < 0x7f))

/**
 * Lower-case form of each byte (ASCII letters only); other bytes map to themselves.
 *
 * @example
 * ```ts
 * import { LOWER } from '@touche/http-types'
 * LOWER[0x41] === 0x61 // 'A' -> 'a'
 * ```
 */
export const LOWER: Uint8Array = (() => {
  const t = new Uint8Array(256)
  for (let c = 0; c < 256; c++) t[c] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c
  return t
})()

/**
 * Whether every character of `s` is a token character (and `s` is not empty).
 *
 * @example
 * ```ts
 * import { isToken } from '@touche/http-types'
 * isToken('content-type') // true
 * isToken('bad name') // false
 * ```
 */
export function isToken(s: string): boolean {
  if (s.length === 0) return false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 0xff || TCHAR[c] !== 1) return false
  }
  return true
}

function table(accept: (c: number) => boolean): Uint8Array {
  const t = new Uint8Array(256)
  for (let c = 0; c < 256; c++) t[c] = accept(c) ? 1 : 0
  return t
}
