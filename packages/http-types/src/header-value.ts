import { FIELD_VALUE_CHAR, VISIBLE_ASCII } from './chars.js'
import { InvalidHeaderValue, ToStrError } from './errors.js'

/**
 * Whether `s` is a valid field value (RFC 9110 §5.5): every char is HTAB, SP, VCHAR or obs-text
 * (0x80-0xFF). CR, LF, NUL, DEL, other controls and chars above 0xFF are rejected.
 *
 * @example
 * ```ts
 * import { isFieldValue } from '@touche/http-types'
 * isFieldValue('text/html; charset=utf-8') // true
 * isFieldValue('a\r\nSet-Cookie: x') // false
 * ```
 */
export function isFieldValue(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 0xff || FIELD_VALUE_CHAR[c] !== 1) return false
  }
  return true
}

/**
 * A field value: a "byte string" whose chars are the bytes 0x00-0xFF (latin1), validated by
 * {@link isFieldValue}. obs-text bytes are kept as they are; {@link HeaderValue.toStr} refuses
 * them. A sensitive value (credentials, cookies) is one that must not be logged or cached.
 *
 * @example
 * ```ts
 * import { HeaderValue } from '@touche/http-types'
 * const v = HeaderValue.from('Bearer abc', { sensitive: true })
 * v.toStr() // 'Bearer abc'
 * v.isSensitive // true
 * ```
 */
export class HeaderValue {
  /**
   * Whether the value holds secrets (RFC 7541 §7.1.3 "never indexed"; also hide it from logs).
   *
   * @example
   * ```ts
   * HeaderValue.from('x').isSensitive // false
   * ```
   */
  readonly isSensitive: boolean
  readonly #value: string

  private constructor(value: string, sensitive: boolean) {
    this.#value = value
    this.isSensitive = sensitive
  }

  /**
   * The value `value`. Throws {@link InvalidHeaderValue} unless {@link isFieldValue} accepts it.
   *
   * @example
   * ```ts
   * HeaderValue.from('gzip, br').toString() // 'gzip, br'
   * ```
   */
  static from(value: string, options?: { readonly sensitive?: boolean }): HeaderValue {
    if (!isFieldValue(value)) {
      throw new InvalidHeaderValue(`invalid header value: ${JSON.stringify(value)}`)
    }
    return new HeaderValue(value, options?.sensitive ?? false)
  }

  /**
   * The value made of `bytes`, one char per byte. Throws {@link InvalidHeaderValue} on a
   * forbidden byte.
   *
   * @example
   * ```ts
   * HeaderValue.fromBytes(new Uint8Array([0x63, 0x61, 0x66, 0xe9])).toString() // 'caf\xe9'
   * ```
   */
  static fromBytes(bytes: Uint8Array, options?: { readonly sensitive?: boolean }): HeaderValue {
    let s = ''
    for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!)
    return HeaderValue.from(s, options)
  }

  /**
   * The value as text, if every char is visible ASCII, SP or HTAB; otherwise throws
   * {@link ToStrError}.
   *
   * @example
   * ```ts
   * HeaderValue.from('text/plain').toStr() // 'text/plain'
   * ```
   */
  toStr(): string {
    const s = this.#value
    for (let i = 0; i < s.length; i++) {
      if (VISIBLE_ASCII[s.charCodeAt(i)] !== 1) {
        throw new ToStrError(`header value has a non-visible-ASCII byte at ${i}`)
      }
    }
    return s
  }

  /**
   * The bytes of the value.
   *
   * @example
   * ```ts
   * HeaderValue.from('ok').toBytes() // Uint8Array [0x6f, 0x6b]
   * ```
   */
  toBytes(): Uint8Array {
    const s = this.#value
    const out = new Uint8Array(s.length)
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
    return out
  }

  /**
   * A copy of this value with `isSensitive` set to `sensitive`.
   *
   * @example
   * ```ts
   * HeaderValue.from('secret').withSensitive(true).isSensitive // true
   * ```
   */
  withSensitive(sensitive: boolean): HeaderValue {
    return new HeaderValue(this.#value, sensitive)
  }

  /**
   * The value as a byte string (latin1), obs-text included.
   *
   * @example
   * ```ts
   * String(HeaderValue.from('caf\xe9')) // 'caf\xe9'
   * ```
   */
  toString(): string {
    return this.#value
  }

  /** Serialises as the byte string, or `'[sensitive]'` for a sensitive value. */
  toJSON(): string {
    return this.isSensitive ? '[sensitive]' : this.#value
  }
}
