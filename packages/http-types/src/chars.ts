// Byte classes from RFC 9110 §5.6.2 (token) and §5.5 (field values), as 256-entry tables. The
// tables are this package's own and are never exported: a table anyone could write to would let
// one module turn off header validation for the whole process. `@touche/h1` builds its own copies
// from the predicates below, so both packages agree on exactly one grammar.

/** Token characters (RFC 9110 §5.6.2). */
export const TCHAR: Uint8Array = table((c) => {
  if (c >= 0x30 && c <= 0x39) return true
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true
  return "!#$%&'*+-.^_`|~".includes(String.fromCharCode(c))
})

/** Bytes allowed inside a field value (RFC 9110 §5.5): HTAB, SP, VCHAR and obs-text. */
export const FIELD_VALUE_CHAR: Uint8Array = table((c) => c === 0x09 || (c >= 0x20 && c !== 0x7f))

/** Visible ASCII plus SP and HTAB: the bytes `HeaderValue.toStr()` accepts. */
export const VISIBLE_ASCII: Uint8Array = table((c) => c === 0x09 || (c >= 0x20 && c < 0x7f))

/** Lower-case form of each byte (ASCII letters only); other bytes map to themselves. */
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

/**
 * Whether byte `b` is a token character (RFC 9110 §5.6.2): ALPHA, DIGIT or one of
 * ``!#$%&'*+-.^_`|~``.
 *
 * @example
 * ```ts
 * import { isTokenByte } from '@touche/http-types'
 * isTokenByte(0x61) // true: 'a'
 * isTokenByte(0x20) // false: SP
 * ```
 */
export function isTokenByte(b: number): boolean {
  return b >= 0 && b < 256 && TCHAR[b] === 1
}

/**
 * Whether byte `b` may appear inside a field value (RFC 9110 §5.5): HTAB, SP, VCHAR, obs-text;
 * never CR, LF, NUL, another control, or DEL.
 *
 * @example
 * ```ts
 * import { isFieldValueByte } from '@touche/http-types'
 * isFieldValueByte(0x0d) // false: CR
 * ```
 */
export function isFieldValueByte(b: number): boolean {
  return b >= 0 && b < 256 && FIELD_VALUE_CHAR[b] === 1
}

function table(accept: (c: number) => boolean): Uint8Array {
  const t = new Uint8Array(256)
  for (let c = 0; c < 256; c++) t[c] = accept(c) ? 1 : 0
  return t
}
