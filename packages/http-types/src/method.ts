import { isToken } from './chars.js'
import { InvalidMethod } from './errors.js'

/** Extension methods interned so that `===` works; past this many, new ones are not cached. */
const MAX_INTERNED_EXTENSIONS = 64

const extensions = new Map<string, Method>()

/**
 * A request method (RFC 9110 §9). Standard methods are constants, and {@link Method.from} returns
 * the same instance for the same name, so methods compare with `===`. Names are case-sensitive:
 * `'get'` is an extension method, not `GET`.
 *
 * @example
 * ```ts
 * import { Method } from '@touche/http-types'
 * Method.from('GET') === Method.GET // true
 * Method.POST.isIdempotent() // false
 * ```
 */
export class Method {
  /** GET: transfer a current representation (RFC 9110 §9.3.1). */
  static readonly GET: Method = new Method('GET', true, true)
  /** HEAD: like GET without content (RFC 9110 §9.3.2). */
  static readonly HEAD: Method = new Method('HEAD', true, true)
  /** POST: process the enclosed content (RFC 9110 §9.3.3). */
  static readonly POST: Method = new Method('POST', false, false)
  /** PUT: replace the target's state (RFC 9110 §9.3.4). */
  static readonly PUT: Method = new Method('PUT', false, true)
  /** DELETE: remove the target's state (RFC 9110 §9.3.5). */
  static readonly DELETE: Method = new Method('DELETE', false, true)
  /** CONNECT: open a tunnel (RFC 9110 §9.3.6). */
  static readonly CONNECT: Method = new Method('CONNECT', false, false)
  /** OPTIONS: describe communication options (RFC 9110 §9.3.7). */
  static readonly OPTIONS: Method = new Method('OPTIONS', true, true)
  /** TRACE: loop the request back (RFC 9110 §9.3.8). */
  static readonly TRACE: Method = new Method('TRACE', true, true)
  /** PATCH: apply a partial modification (RFC 5789). */
  static readonly PATCH: Method = new Method('PATCH', false, false)

  readonly #name: string
  readonly #safe: boolean
  readonly #idempotent: boolean

  private constructor(name: string, safe: boolean, idempotent: boolean) {
    this.#name = name
    this.#safe = safe
    this.#idempotent = idempotent
  }

  /**
   * The method called `name`. Throws {@link InvalidMethod} unless `name` is a token.
   * Standard and (up to a bound) extension methods are interned.
   *
   * @example
   * ```ts
   * Method.from('PURGE') === Method.from('PURGE') // true
   * ```
   */
  static from(name: string): Method {
    switch (name) {
      case 'GET':
        return Method.GET
      case 'POST':
        return Method.POST
      case 'HEAD':
        return Method.HEAD
      case 'PUT':
        return Method.PUT
      case 'DELETE':
        return Method.DELETE
      case 'OPTIONS':
        return Method.OPTIONS
      case 'PATCH':
        return Method.PATCH
      case 'CONNECT':
        return Method.CONNECT
      case 'TRACE':
        return Method.TRACE
    }
    const known = extensions.get(name)
    if (known !== undefined) return known
    if (!isToken(name)) throw new InvalidMethod(`invalid method: ${JSON.stringify(name)}`)
    const method = new Method(name, false, false)
    if (extensions.size < MAX_INTERNED_EXTENSIONS) extensions.set(name, method)
    return method
  }

  /**
   * The method name, e.g. `'GET'`.
   *
   * @example
   * ```ts
   * Method.DELETE.name // 'DELETE'
   * ```
   */
  get name(): string {
    return this.#name
  }

  /**
   * Whether the method is safe: read-only by definition (RFC 9110 §9.2.1).
   *
   * @example
   * ```ts
   * Method.GET.isSafe() // true
   * ```
   */
  isSafe(): boolean {
    return this.#safe
  }

  /**
   * Whether repeating the request has the same effect as sending it once (RFC 9110 §9.2.2).
   *
   * @example
   * ```ts
   * Method.PUT.isIdempotent() // true
   * ```
   */
  isIdempotent(): boolean {
    return this.#idempotent
  }

  /**
   * Whether this is the method `other` (a `Method` or its exact name).
   *
   * @example
   * ```ts
   * Method.GET.equals('GET') // true
   * ```
   */
  equals(other: Method | string): boolean {
    return typeof other === 'string' ? other === this.#name : other.#name === this.#name
  }

  /**
   * The method name.
   *
   * @example
   * ```ts
   * `${Method.GET}` // 'GET'
   * ```
   */
  toString(): string {
    return this.#name
  }

  /** Serialises as the method name. */
  toJSON(): string {
    return this.#name
  }
}
