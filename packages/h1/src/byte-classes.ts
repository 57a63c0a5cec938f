import { isFieldValueByte, isTokenByte } from '@touche/http-types'

// The parser's own lookup tables, built once from `@touche/http-types`' predicates, so that the
// value types and the parser share one grammar. They are module-private to h1 (the package index
// exports none of them): a table other code could write to would change what every parser in the
// process accepts.

/** 1 for a token character (RFC 9110 §5.6.2), else 0. */
export const TCHAR: Uint8Array = tableOf(isTokenByte)

/** 1 for a byte allowed in a field value (RFC 9110 §5.5): HTAB, SP, VCHAR, obs-text; else 0. */
export const FIELD_VALUE_CHAR: Uint8Array = tableOf(isFieldValueByte)

/** Each byte lower-cased (ASCII letters only). */
export const LOWER: Uint8Array = (() => {
  const t = new Uint8Array(256)
  for (let c = 0; c < 256; c++) t[c] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c
  return t
})()

function tableOf(accept: (b: number) => boolean): Uint8Array {
  const t = new Uint8Array(256)
  for (let b = 0; b < 256; b++) t[b] = accept(b) ? 1 : 0
  return t
}
