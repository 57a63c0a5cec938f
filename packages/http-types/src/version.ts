import { InvalidVersion } from './errors.js'

/**
 * An HTTP protocol version. Only the constants exist, so versions compare with `===`.
 *
 * @example
 * ```ts
 * import { Version } from '@touche/http-types'
 * Version.HTTP_11.toString() // 'HTTP/1.1'
 * Version.HTTP_10.minor // 0
 * ```
 */
export class Version {
  /** HTTP/0.9: the request line only, no headers. */
  static readonly HTTP_09: Version = new Version(0, 9, 'HTTP/0.9')
  /** HTTP/1.0 (RFC 1945). */
  static readonly HTTP_10: Version = new Version(1, 0, 'HTTP/1.0')
  /** HTTP/1.1 (RFC 9112). */
  static readonly HTTP_11: Version = new Version(1, 1, 'HTTP/1.1')
  /** HTTP/2 (RFC 9113). */
  static readonly HTTP_2: Version = new Version(2, 0, 'HTTP/2')
  /** HTTP/3 (RFC 9114). */
  static readonly HTTP_3: Version = new Version(3, 0, 'HTTP/3')

  /**
   * The major version number.
   *
   * @example
   * ```ts
   * Version.HTTP_2.major // 2
   * ```
   */
  readonly major: number
  /**
   * The minor version number.
   *
   * @example
   * ```ts
   * Version.HTTP_11.minor // 1
   * ```
   */
  readonly minor: number
  readonly #text: string

  private constructor(major: number, minor: number, text: string) {
    this.major = major
    this.minor = minor
    this.#text = text
    Object.freeze(this)
  }

  /**
   * The version written as `text` (`'HTTP/1.1'`; `'HTTP/2.0'` and `'HTTP/3.0'` are accepted too).
   * Throws {@link InvalidVersion} for anything else.
   *
   * @example
   * ```ts
   * Version.from('HTTP/1.0') === Version.HTTP_10 // true
   * ```
   */
  static from(text: string): Version {
    switch (text) {
      case 'HTTP/1.1':
        return Version.HTTP_11
      case 'HTTP/1.0':
        return Version.HTTP_10
      case 'HTTP/2':
      case 'HTTP/2.0':
        return Version.HTTP_2
      case 'HTTP/3':
      case 'HTTP/3.0':
        return Version.HTTP_3
      case 'HTTP/0.9':
        return Version.HTTP_09
    }
    throw new InvalidVersion(`invalid version: ${JSON.stringify(text)}`)
  }

  /**
   * The version as written on an HTTP/1 start line, e.g. `'HTTP/1.1'` (`'HTTP/2'` for HTTP/2).
   *
   * @example
   * ```ts
   * String(Version.HTTP_10) // 'HTTP/1.0'
   * ```
   */
  toString(): string {
    return this.#text
  }

  /** Serialises as {@link Version.toString}. */
  toJSON(): string {
    return this.#text
  }
}
