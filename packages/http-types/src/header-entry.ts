import type { HeaderValueLike } from './header-fields.js'
import type { HeaderMap } from './header-map.js'

/**
 * A view of one name in a {@link HeaderMap}, from `map.entry(name)`: read its values, or insert
 * one only when it is absent, without repeating the name. The name was validated by `entry()`.
 *
 * @example
 * ```ts
 * import { HeaderMap } from '@touche/http-types'
 * const h = new HeaderMap()
 * h.entry('Cache-Control').orInsert('no-store') // 'no-store'
 * h.entry('cache-control').orInsert('max-age=60') // 'no-store' (already present)
 * h.entry('vary').append('origin')
 * ```
 */
export class HeaderEntry {
  readonly #map: HeaderMap
  readonly #name: string

  /** Use `HeaderMap.entry(name)`; `name` must already be a valid token. */
  constructor(map: HeaderMap, name: string) {
    this.#map = map
    this.#name = name
  }

  /**
   * The name as given to `entry()`.
   *
   * @example
   * ```ts
   * new HeaderMap().entry('X-A').name // 'X-A'
   * ```
   */
  get name(): string {
    return this.#name
  }

  /**
   * Whether the name has at least one value.
   *
   * @example
   * ```ts
   * new HeaderMap().entry('a').isOccupied // false
   * ```
   */
  get isOccupied(): boolean {
    return this.#map.has(this.#name)
  }

  /**
   * The first value, or `undefined`.
   *
   * @example
   * ```ts
   * new HeaderMap({ a: '1' }).entry('a').get() // '1'
   * ```
   */
  get(): string | undefined {
    return this.#map.get(this.#name)
  }

  /**
   * Every value, in insertion order.
   *
   * @example
   * ```ts
   * new HeaderMap([['a', '1'], ['a', '2']]).entry('a').getAll() // ['1', '2']
   * ```
   */
  getAll(): string[] {
    return this.#map.getAll(this.#name)
  }

  /**
   * The first value; if there is none, inserts `value` first and returns it.
   *
   * @example
   * ```ts
   * new HeaderMap().entry('accept').orInsert('*\/*') // '*\/*'
   * ```
   */
  orInsert(value: HeaderValueLike): string {
    const present = this.#map.get(this.#name)
    if (present !== undefined) return present
    this.#map.append(this.#name, value)
    return value.toString()
  }

  /**
   * Like {@link HeaderEntry.orInsert}, but computes the value only when it is needed.
   *
   * @example
   * ```ts
   * h.entry('date').orInsertWith(() => new Date().toUTCString())
   * ```
   */
  orInsertWith(make: () => HeaderValueLike): string {
    const present = this.#map.get(this.#name)
    return present !== undefined ? present : this.orInsert(make())
  }

  /**
   * Replaces every value with `value`; returns the previous first value.
   *
   * @example
   * ```ts
   * new HeaderMap({ a: '1' }).entry('a').insert('2') // '1'
   * ```
   */
  insert(value: HeaderValueLike): string | undefined {
    return this.#map.insert(this.#name, value)
  }

  /**
   * Adds one more value.
   *
   * @example
   * ```ts
   * h.entry('via').append('1.1 proxy')
   * ```
   */
  append(value: HeaderValueLike): void {
    this.#map.append(this.#name, value)
  }

  /**
   * Removes every value; returns the first one, or `undefined`.
   *
   * @example
   * ```ts
   * new HeaderMap({ a: '1' }).entry('a').remove() // '1'
   * ```
   */
  remove(): string | undefined {
    return this.#map.remove(this.#name)
  }
}
