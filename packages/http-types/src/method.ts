import { isToken } from './chars.js'
import { InvalidMethod } from './errors.js'

/**
 * Extension methods `Method.from` interns so that `===` works: far more than an application
 * names, and a bound on what a careless `Method.from(untrusted)` can make the process keep.
 * Names from the network never enter the table (`Method.lookup`).
 */
const MAX_INTERNED_EXTENSIONS = 1024

const extensions = new Map<string, Method>()

/**
 * A request method (RFC 9110 §9). Standard methods are constants, and {@link Method.from} returns
 * the same instance for the same name, so methods compare with `===`; a parsed request's method
 * is the interned one when the application named it (or it is standard). Names are
 * case-sensitive: `'get'` is an extension method, not `GET`.
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
   * The method called `name`, as the application names it: standard methods and (up to 1,024)
   * extension methods are interned, so `Method.from('PURGE') === Method.from('PURGE')`, also
   * when compared with a request's method, whatever methods clients send. Throws
   * {@link InvalidMethod} unless `name` is a token.
   *
   * @example
   * ```ts
   * const PURGE = Method.from('PURGE')
   * if (req.method === PURGE) purge(req.uri.path)
   * ```
   */
  static from(name: string): Method {
    const known = Method.#known(name)
    if (known !== undefined) return known
    if (!isToken(name)) throw new InvalidMethod(`invalid method: ${JSON.stringify(name)}`)
    const method = new Method(name, false, false)
    if (extensions.size < MAX_INTERNED_EXTENSIONS) extensions.set(name, method)
    return method
  }

  /**
   * The method called `name` without interning it: the interned instance when the name is a
   * standard method or one the application made with {@link Method.from}, else a new instance
   * (compare it with `equals()`). For names that come from the network, which must never fill a
   * table of the process. Throws {@link InvalidMethod} unless `name` is a token.
   *
   * @example
   * ```ts
   * Method.lookup('GET') === Method.GET // true
   * Method.lookup('X-NEW').equals('X-NEW') // true, and 'X-NEW' is not interned
   * ```
   */
  static lookup(name: string): Method {
    const known = Method.#known(name)
    if (known !== undefined) return known
    if (!isToken(name)) throw new InvalidMethod(`invalid method: ${JSON.stringify(name)}`)
    return new Method(name, false, false)
  }

  static #known(name: string): Method | undefined {
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
    return extensions.get(name)
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
