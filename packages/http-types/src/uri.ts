import { InvalidUri } from './errors.js'
import { invalidReason, split } from './uri-syntax.js'
import type { UriParts } from './uri-syntax.js'

/**
 * The four request-target forms of RFC 9112 §3.2: `origin` (`/p?q`), `absolute`
 * (`http://h:1/p?q`, for proxies), `authority` (`host:port`, CONNECT only) and `asterisk` (`*`,
 * server-wide OPTIONS).
 *
 * @example
 * ```ts
 * const form: UriForm = Uri.from('*').form // 'asterisk'
 * ```
 */
export type UriForm = 'origin' | 'absolute' | 'authority' | 'asterisk'

/**
 * A request-target (RFC 9112 §3.2) in any of its four forms. Fragments (`#`) are never part of a
 * request-target and are rejected. Components are split lazily, on the first accessor call.
 *
 * @example
 * ```ts
 * import { Uri } from '@touche/http-types'
 * const u = Uri.from('http://example.com:8080/a/b?x=1')
 * u.form // 'absolute'
 * u.host // 'example.com'
 * u.port // 8080
 * u.pathAndQuery // '/a/b?x=1'
 * ```
 */
export class Uri {
  readonly #target: string
  #parts: UriParts | null = null

  private constructor(target: string) {
    this.#target = target
  }

  /**
   * The request-target `target`, validated: RFC 3986 characters only (no spaces, controls or
   * non-ASCII), well-formed `%HH` escapes, no fragment, no userinfo, ports 0-65535. Throws
   * {@link InvalidUri} otherwise.
   *
   * @example
   * ```ts
   * Uri.from('/search?q=a%20b').query // 'q=a%20b'
   * Uri.from('example.com:443').form // 'authority'
   * ```
   */
  static from(target: string): Uri {
    const why = invalidReason(target)
    if (why !== null)
      throw new InvalidUri(`invalid request-target (${why}): ${JSON.stringify(target)}`)
    return new Uri(target)
  }

  /**
   * A Uri over `target` WITHOUT validation, in O(1); it is split on first use. For parsers whose
   * input is already validated.
   *
   * @example
   * ```ts
   * Uri.fromRawUnchecked('/index.html').path // '/index.html'
   * ```
   */
  static fromRawUnchecked(target: string): Uri {
    return new Uri(target)
  }

  /**
   * Which of the four request-target forms this is.
   *
   * @example
   * ```ts
   * Uri.from('/').form // 'origin'
   * ```
   */
  get form(): UriForm {
    return this.#split().form
  }

  /**
   * The lower-case scheme of an absolute-form target, else `null`.
   *
   * @example
   * ```ts
   * Uri.from('HTTPS://a/').scheme // 'https'
   * ```
   */
  get scheme(): string | null {
    return this.#split().scheme
  }

  /**
   * `host[:port]` of an absolute- or authority-form target, else `null`.
   *
   * @example
   * ```ts
   * Uri.from('http://a:81/x').authority // 'a:81'
   * ```
   */
  get authority(): string | null {
    return this.#split().authority
  }

  /**
   * The host (IPv6 literals keep their brackets), else `null`.
   *
   * @example
   * ```ts
   * Uri.from('[::1]:443').host // '[::1]'
   * ```
   */
  get host(): string | null {
    return this.#split().host
  }

  /**
   * The explicit port, else `null`.
   *
   * @example
   * ```ts
   * Uri.from('http://a/').port // null
   * ```
   */
  get port(): number | null {
    return this.#split().port
  }

  /**
   * The path: `/` for an absolute-form target without one, `*` for asterisk form, `''` for
   * authority form.
   *
   * @example
   * ```ts
   * Uri.from('/a?b').path // '/a'
   * ```
   */
  get path(): string {
    return this.#split().path
  }

  /**
   * The query without its `?`, or `null` if there is no `?`.
   *
   * @example
   * ```ts
   * Uri.from('/a?').query // ''
   * ```
   */
  get query(): string | null {
    return this.#split().query
  }

  /**
   * Path and query as sent in origin form.
   *
   * @example
   * ```ts
   * Uri.from('http://a/b?c').pathAndQuery // '/b?c'
   * ```
   */
  get pathAndQuery(): string {
    const parts = this.#split()
    if (parts.form === 'origin') return this.#target
    return parts.query === null ? parts.path : `${parts.path}?${parts.query}`
  }

  /**
   * The target exactly as given.
   *
   * @example
   * ```ts
   * String(Uri.from('/x')) // '/x'
   * ```
   */
  toString(): string {
    return this.#target
  }

  /** Serialises as {@link Uri.toString}. */
  toJSON(): string {
    return this.#target
  }

  #split(): UriParts {
    return (this.#parts ??= split(this.#target))
  }
}
