declare const valueType: unique symbol

/**
 * A typed key for {@link Extensions}: a unique symbol that remembers the type of its value.
 * Create one with {@link Extensions.key} and share it between the code that writes and the code
 * that reads the value.
 *
 * @example
 * ```ts
 * import { Extensions, type ExtensionKey } from '@touche/http-types'
 * const REQUEST_ID: ExtensionKey<string> = Extensions.key<string>('request-id')
 * ```
 */
export type ExtensionKey<T> = symbol & { readonly [valueType]?: T }

/**
 * A class usable as an {@link Extensions} key; the value stored under it is an instance of it.
 *
 * @example
 * ```ts
 * class RemoteAddr {}
 * const key: ExtensionClass<RemoteAddr> = RemoteAddr
 * ```
 */
export type ExtensionClass<T> = abstract new (...args: never[]) => T

/**
 * Anything {@link Extensions} accepts as a key for a value of type `T`.
 *
 * @example
 * ```ts
 * const key: ExtensionKeyLike<number> = Extensions.key<number>('retries')
 * ```
 */
export type ExtensionKeyLike<T> = ExtensionKey<T> | ExtensionClass<T>

/**
 * A type map for data that travels with a request or response but is not part of HTTP: the peer
 * address, a matched route, a request id, the tracing span. Keys are either classes (one value
 * per class, an instance of it) or typed symbols from {@link Extensions.key}, so two libraries
 * never collide on a string name. Creating one costs one small object; the internal `Map`
 * appears on the first `insert`.
 *
 * @example
 * ```ts
 * import { Extensions } from '@touche/http-types'
 * class RemoteAddr {
 *   ip = ''
 * }
 * const ATTEMPT = Extensions.key<number>('attempt')
 *
 * const ext = new Extensions()
 * ext.insert(RemoteAddr, Object.assign(new RemoteAddr(), { ip: '127.0.0.1' }))
 * ext.insert(ATTEMPT, 1)
 * ext.get(RemoteAddr)?.ip // '127.0.0.1'
 * ext.get(ATTEMPT) // 1 (typed as number | undefined)
 * ```
 */
export class Extensions {
  #map: Map<ExtensionKeyLike<unknown>, unknown> | null = null

  /**
   * A new typed symbol key; `description` only shows up in debugging output.
   *
   * @example
   * ```ts
   * const USER = Extensions.key<{ id: string }>('user')
   * ```
   */
  static key<T>(description: string): ExtensionKey<T> {
    return Symbol(description) as ExtensionKey<T>
  }

  /**
   * Number of stored values.
   *
   * @example
   * ```ts
   * new Extensions().size // 0
   * ```
   */
  get size(): number {
    return this.#map?.size ?? 0
  }

  /**
   * The value stored under `key`, or `undefined`.
   *
   * @example
   * ```ts
   * ext.get(RemoteAddr) // RemoteAddr | undefined
   * ```
   */
  get<T>(key: ExtensionKeyLike<T>): T | undefined {
    return this.#map?.get(key) as T | undefined
  }

  /**
   * Whether a value is stored under `key`.
   *
   * @example
   * ```ts
   * ext.has(ATTEMPT) // false
   * ```
   */
  has(key: ExtensionKeyLike<unknown>): boolean {
    return this.#map?.has(key) ?? false
  }

  /**
   * Stores `value` under `key`; returns the value it replaces, or `undefined`. With a class key,
   * `value` must be an instance of that class (a `TypeError` otherwise).
   *
   * @example
   * ```ts
   * ext.insert(ATTEMPT, 2) // 1, the previous value
   * ```
   */
  insert<T>(key: ExtensionKeyLike<T>, value: T): T | undefined {
    if (typeof key === 'function' && !(value instanceof key)) {
      throw new TypeError(`extension value is not an instance of ${key.name}`)
    }
    const map = (this.#map ??= new Map())
    const previous = map.get(key) as T | undefined
    map.set(key, value)
    return previous
  }

  /**
   * Removes the value stored under `key` and returns it, or `undefined`.
   *
   * @example
   * ```ts
   * ext.remove(RemoteAddr)?.ip // '127.0.0.1'
   * ```
   */
  remove<T>(key: ExtensionKeyLike<T>): T | undefined {
    const map = this.#map
    if (map === null) return undefined
    const previous = map.get(key) as T | undefined
    map.delete(key)
    return previous
  }

  /**
   * Copies every value of `other` into this one, replacing values under the same keys.
   *
   * @example
   * ```ts
   * ext.extend(defaults)
   * ```
   */
  extend(other: Extensions): void {
    const from = other.#map
    if (from === null || from.size === 0) return
    const map = (this.#map ??= new Map())
    for (const [key, value] of from) map.set(key, value)
  }

  /**
   * Removes every value.
   *
   * @example
   * ```ts
   * ext.clear() // ext.size === 0
   * ```
   */
  clear(): void {
    this.#map = null
  }

  /**
   * A shallow copy: a new map of the same values.
   *
   * @example
   * ```ts
   * const copy = ext.clone() // inserting into copy leaves ext unchanged
   * ```
   */
  clone(): Extensions {
    const copy = new Extensions()
    copy.extend(this)
    return copy
  }
}
