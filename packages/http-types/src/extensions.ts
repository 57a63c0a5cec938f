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
 * never collide on a string name. Creating one costs one small object; the first two values are
 * kept in the object itself, and a `Map` appears only for a third.
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
  // Two inline slots: a server request carries two values (connection info, informational
  // responses), and a Map per request would be most of what building the request allocates.
  #k0: Key | undefined = undefined
  #v0: unknown = undefined
  #k1: Key | undefined = undefined
  #v1: unknown = undefined
  #map: Map<Key, unknown> | null = null

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
    return (
      (this.#k0 === undefined ? 0 : 1) + (this.#k1 === undefined ? 0 : 1) + (this.#map?.size ?? 0)
    )
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
    if (this.#k0 === key) return this.#v0 as T
    if (this.#k1 === key) return this.#v1 as T
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
    return this.#k0 === key || this.#k1 === key || (this.#map?.has(key) ?? false)
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
    return this.#set(key, value) as T | undefined
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
    let previous: unknown
    if (this.#k0 === key) {
      previous = this.#v0
      this.#k0 = undefined
      this.#v0 = undefined
    } else if (this.#k1 === key) {
      previous = this.#v1
      this.#k1 = undefined
      this.#v1 = undefined
    } else {
      const map = this.#map
      if (map === null) return undefined
      previous = map.get(key)
      map.delete(key)
    }
    return previous as T | undefined
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
    if (other.#k0 !== undefined) this.#set(other.#k0, other.#v0)
    if (other.#k1 !== undefined) this.#set(other.#k1, other.#v1)
    const from = other.#map
    if (from !== null) for (const [key, value] of from) this.#set(key, value)
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
    this.#k0 = undefined
    this.#v0 = undefined
    this.#k1 = undefined
    this.#v1 = undefined
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

  /** Stores without the class check; returns the replaced value. */
  #set(key: Key, value: unknown): unknown {
    let previous: unknown
    if (this.#k0 === key) {
      previous = this.#v0
      this.#v0 = value
    } else if (this.#k1 === key) {
      previous = this.#v1
      this.#v1 = value
    } else if (this.#map?.has(key) === true) {
      previous = this.#map.get(key)
      this.#map.set(key, value)
    } else if (this.#k0 === undefined) {
      this.#k0 = key
      this.#v0 = value
    } else if (this.#k1 === undefined) {
      this.#k1 = key
      this.#v1 = value
    } else {
      this.#map ??= new Map()
      this.#map.set(key, value)
    }
    return previous
  }
}

type Key = ExtensionKeyLike<unknown>
