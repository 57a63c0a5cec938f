import type { Headers } from 'undici-types'
import { isToken } from './chars.js'
import { InvalidHeaderName, InvalidHeaderValue, MaxSizeReached } from './errors.js'
import { HeaderEntry } from './header-entry.js'
import type { HeaderName} from './header-name.js';
import { asciiLower } from './header-name.js'
import { HeaderValue, isFieldValue } from './header-value.js'

/**
 * A field name argument: a string in any case, or a {@link HeaderName}.
 *
 * @example
 * ```ts
 * const name: HeaderNameLike = 'Content-Type'
 * ```
 */
export type HeaderNameLike = string | HeaderName

/**
 * A field value argument: a byte string, or a {@link HeaderValue}.
 *
 * @example
 * ```ts
 * const value: HeaderValueLike = 'text/plain'
 * ```
 */
export type HeaderValueLike = string | HeaderValue

/**
 * What a {@link HeaderMap} can be built from: another map, WHATWG `Headers`, `[name, value]`
 * pairs, or a record whose values are one value or a list of values.
 *
 * @example
 * ```ts
 * const init: HeaderMapInit = { accept: '*\/*', 'set-cookie': ['a=1', 'b=2'] }
 * ```
 */
export type HeaderMapInit =
  | HeaderMap
  | Headers
  | Iterable<readonly [HeaderNameLike, HeaderValueLike]>
  | Readonly<Record<string, HeaderValueLike | readonly HeaderValueLike[]>>

/** Past this many field lines a lookup builds a `Map` index; below, a linear scan is faster. */
const INDEX_THRESHOLD = 24

/**
 * A multimap of header fields: case-insensitive names, several values per name, insertion order
 * kept. `insert` replaces every value of a name, `append` adds one. Names are reported lower-case;
 * the case each name was first given in is kept for {@link HeaderMap.rawName}. Any token is a
 * valid name, `__proto__` included. Values are byte strings (chars 0x00-0xFF).
 *
 * @example
 * ```ts
 * import { HeaderMap } from '@touche/http-types'
 * const h = new HeaderMap({ 'Content-Type': 'text/plain' })
 * h.append('Set-Cookie', 'a=1')
 * h.append('set-cookie', 'b=2')
 * h.get('content-type') // 'text/plain'
 * h.getAll('SET-COOKIE') // ['a=1', 'b=2']
 * h.size // 3, h.keysSize // 2
 * ```
 */
export class HeaderMap {
  /** At most this many field lines (`MaxSizeReached` past it), as the http crate's `MAX_SIZE`. */
  static readonly MAX_SIZE = 32768

  /** [rawName, value, rawName, value, ...] in insertion order. */
  #flat: string[]
  /** Lower-case name per field line; null until first needed (see `fromRawUnchecked`). */
  #lower: string[] | null = null
  /** Positions per lower-case name, for large maps only; dropped on removal. */
  #index: Map<string, number[]> | null = null

  /**
   * A map holding `init`'s fields, validated.
   *
   * @example
   * ```ts
   * new HeaderMap([['accept', 'text/html'], ['accept', 'application/json']]).size // 2
   * ```
   */
  constructor(init?: HeaderMapInit) {
    this.#flat = []
    if (init !== undefined) this.extend(init)
  }

  /**
   * A map over `flat` (`[name, value, name, value, ...]`, names in original case) WITHOUT any
   * validation, in O(1): the map takes ownership of the array and builds lower-case names only
   * on first lookup. For parsers whose input is already validated.
   *
   * @example
   * ```ts
   * const h = HeaderMap.fromRawUnchecked(['Host', 'example.com', 'Accept', '*\/*'])
   * h.get('host') // 'example.com'
   * h.rawName('host') // 'Host'
   * ```
   */
  static fromRawUnchecked(flat: string[]): HeaderMap {
    const map = new HeaderMap()
    map.#flat = flat
    return map
  }

  /**
   * A map with every field of WHATWG `headers`; each Set-Cookie value stays a separate line.
   *
   * @example
   * ```ts
   * const h = HeaderMap.fromHeaders(new Headers([['set-cookie', 'a=1'], ['set-cookie', 'b=2']]))
   * h.getAll('set-cookie') // ['a=1', 'b=2']
   * ```
   */
  static fromHeaders(headers: Headers): HeaderMap {
    const map = new HeaderMap()
    map.#appendHeaders(headers)
    return map
  }

  /**
   * Number of field lines (values), counting each value of a repeated name.
   *
   * @example
   * ```ts
   * new HeaderMap([['a', '1'], ['a', '2']]).size // 2
   * ```
   */
  get size(): number {
    return this.#flat.length >> 1
  }

  /**
   * Number of distinct names.
   *
   * @example
   * ```ts
   * new HeaderMap([['a', '1'], ['A', '2']]).keysSize // 1
   * ```
   */
  get keysSize(): number {
    return this.#index?.size ?? new Set(this.#names()).size
  }

  /**
   * The first value of `name`, or `undefined`.
   *
   * @example
   * ```ts
   * new HeaderMap({ Host: 'a' }).get('HOST') // 'a'
   * ```
   */
  get(name: HeaderNameLike): string | undefined {
    const i = this.#find(key(name))
    return i < 0 ? undefined : this.#flat[2 * i + 1]
  }

  /**
   * Every value of `name`, in insertion order (empty if none).
   *
   * @example
   * ```ts
   * new HeaderMap([['via', 'a'], ['via', 'b']]).getAll('via') // ['a', 'b']
   * ```
   */
  getAll(name: HeaderNameLike): string[] {
    const k = key(name)
    const lower = this.#names()
    const flat = this.#flat
    const out: string[] = []
    if (lower.length > INDEX_THRESHOLD) {
      for (const i of this.#indexed().get(k) ?? []) out.push(flat[2 * i + 1]!)
      return out
    }
    for (let i = 0; i < lower.length; i++) if (lower[i] === k) out.push(flat[2 * i + 1]!)
    return out
  }

  /**
   * Whether `name` has at least one value.
   *
   * @example
   * ```ts
   * new HeaderMap({ te: 'trailers' }).has('TE') // true
   * ```
   */
  has(name: HeaderNameLike): boolean {
    return this.#find(key(name)) >= 0
  }

  /**
   * The case `name` was first given in (as received, for parsed messages), or `undefined`.
   *
   * @example
   * ```ts
   * HeaderMap.fromRawUnchecked(['X-Id', '1']).rawName('x-id') // 'X-Id'
   * ```
   */
  rawName(name: HeaderNameLike): string | undefined {
    const i = this.#find(key(name))
    return i < 0 ? undefined : this.#flat[2 * i]
  }

  /**
   * Sets `name` to the single value `value`, replacing all of its values (the first one keeps
   * its position). Returns the previous first value. Throws on an invalid name or value.
   *
   * @example
   * ```ts
   * const h = new HeaderMap([['a', '1'], ['a', '2']])
   * h.insert('a', '3') // '1'
   * h.getAll('a') // ['3']
   * ```
   */
  insert(name: HeaderNameLike, value: HeaderValueLike): string | undefined {
    const raw = validName(name)
    const v = validValue(value)
    const k = asciiLower(raw)
    const i = this.#find(k)
    if (i < 0) {
      this.#push(raw, k, v)
      return undefined
    }
    const flat = this.#flat
    const previous = flat[2 * i + 1]
    flat[2 * i] = raw
    flat[2 * i + 1] = v
    this.#compact(k, i + 1)
    return previous
  }

  /**
   * Adds `value` as one more value of `name`, after any existing ones. Throws on an invalid
   * name or value, or {@link MaxSizeReached} when the map is full.
   *
   * @example
   * ```ts
   * const h = new HeaderMap()
   * h.append('vary', 'accept')
   * h.append('vary', 'origin')
   * h.getAll('vary') // ['accept', 'origin']
   * ```
   */
  append(name: HeaderNameLike, value: HeaderValueLike): void {
    const raw = validName(name)
    this.#push(raw, asciiLower(raw), validValue(value))
  }

  /**
   * Removes every value of `name`; returns the first one, or `undefined`.
   *
   * @example
   * ```ts
   * const h = new HeaderMap({ a: '1' })
   * h.remove('A') // '1'
   * h.has('a') // false
   * ```
   */
  remove(name: HeaderNameLike): string | undefined {
    const k = key(name)
    const i = this.#find(k)
    if (i < 0) return undefined
    const previous = this.#flat[2 * i + 1]
    this.#compact(k, i)
    return previous
  }

  /**
   * The entry for `name`, to read or change its values in place. Throws on an invalid name.
   *
   * @example
   * ```ts
   * const h = new HeaderMap()
   * h.entry('x-count').orInsert('1') // '1'
   * h.entry('x-count').orInsert('2') // '1'
   * ```
   */
  entry(name: HeaderNameLike): HeaderEntry {
    return new HeaderEntry(this, validName(name))
  }

  /**
   * Appends every field of `init` (see {@link HeaderMapInit}).
   *
   * @example
   * ```ts
   * const h = new HeaderMap({ a: '1' })
   * h.extend({ a: '2', b: '3' })
   * h.getAll('a') // ['1', '2']
   * ```
   */
  extend(init: HeaderMapInit): void {
    if (init instanceof HeaderMap) {
      init.forEachRaw((value, rawName) => this.#push(rawName, asciiLower(rawName), value))
    } else if (isHeaders(init)) {
      this.#appendHeaders(init)
    } else if (isIterable(init)) {
      for (const [name, value] of init) this.append(name, value)
    } else {
      for (const name of Object.keys(init)) {
        const value = init[name]!
        if (typeof value === 'string' || value instanceof HeaderValue) this.append(name, value)
        else for (const v of value) this.append(name, v)
      }
    }
  }

  /**
   * Calls `fn` once per value, in insertion order, with the lower-case name. Allocates nothing.
   *
   * @example
   * ```ts
   * h.forEach((value, name) => out.push(`${name}: ${value}\r\n`))
   * ```
   */
  forEach(fn: (value: string, name: string, map: HeaderMap) => void): void {
    const lower = this.#names()
    const flat = this.#flat
    for (let i = 0; i < lower.length; i++) fn(flat[2 * i + 1]!, lower[i]!, this)
  }

  /**
   * Calls `fn` once per value, in insertion order, with the name in its original case.
   *
   * @example
   * ```ts
   * HeaderMap.fromRawUnchecked(['X-A', '1']).forEachRaw((v, n) => n) // called with ('1', 'X-A')
   * ```
   */
  forEachRaw(fn: (value: string, rawName: string) => void): void {
    const flat = this.#flat
    for (let i = 0; i + 1 < flat.length; i += 2) fn(flat[i + 1]!, flat[i]!)
  }

  /**
   * `[name, value]` per value, in insertion order, names lower-case.
   *
   * @example
   * ```ts
   * for (const [name, value] of headers) console.log(name, value)
   * ```
   */
  *entries(): IterableIterator<[string, string]> {
    const lower = this.#names()
    for (let i = 0; i < lower.length; i++) yield [lower[i]!, this.#flat[2 * i + 1]!]
  }

  /**
   * Same as {@link HeaderMap.entries}.
   *
   * @example
   * ```ts
   * [...new HeaderMap({ a: '1' })] // [['a', '1']]
   * ```
   */
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries()
  }

  /**
   * Each distinct lower-case name once, in order of first appearance.
   *
   * @example
   * ```ts
   * [...new HeaderMap([['a', '1'], ['b', '2'], ['a', '3']]).keys()] // ['a', 'b']
   * ```
   */
  keys(): IterableIterator<string> {
    return new Set(this.#names()).values()
  }

  /**
   * Every value, in insertion order.
   *
   * @example
   * ```ts
   * [...new HeaderMap([['a', '1'], ['b', '2']]).values()] // ['1', '2']
   * ```
   */
  *values(): IterableIterator<string> {
    const flat = this.#flat
    for (let i = 1; i < flat.length; i += 2) yield flat[i]!
  }

  /**
   * Removes every field.
   *
   * @example
   * ```ts
   * h.clear(); h.size // 0
   * ```
   */
  clear(): void {
    this.#flat = []
    this.#lower = []
    this.#index = null
  }

  /**
   * An independent copy of this map (raw names included).
   *
   * @example
   * ```ts
   * const copy = h.clone(); copy.append('x', '1') // h is unchanged
   * ```
   */
  clone(): HeaderMap {
    const map = HeaderMap.fromRawUnchecked(this.#flat.slice())
    map.#lower = this.#lower?.slice() ?? null
    return map
  }

  /**
   * WHATWG `Headers` with every field; each Set-Cookie value stays separate (`getSetCookie()`).
   * Other repeated names are joined with `, ` by `Headers` itself, which RFC 9110 §5.3 allows.
   *
   * @example
   * ```ts
   * new HeaderMap([['set-cookie', 'a=1'], ['set-cookie', 'b=2']]).toHeaders().getSetCookie()
   * // ['a=1', 'b=2']
   * ```
   */
  toHeaders(): Headers {
    const headers = new (globalThis as unknown as { Headers: new () => Headers }).Headers()
    this.forEach((value, name) => headers.append(name, value))
    return headers
  }

  #names(): string[] {
    let lower = this.#lower
    if (lower === null) {
      const flat = this.#flat
      lower = []
      for (let i = 0; i < flat.length; i += 2) lower.push(asciiLower(flat[i]!))
      this.#lower = lower
    }
    return lower
  }

  #indexed(): Map<string, number[]> {
    let index = this.#index
    if (index === null) {
      index = new Map()
      const lower = this.#names()
      for (let i = 0; i < lower.length; i++) {
        const at = index.get(lower[i]!)
        if (at === undefined) index.set(lower[i]!, [i])
        else at.push(i)
      }
      this.#index = index
    }
    return index
  }

  /** Position of the first field line named `k` (lower-case), or -1. */
  #find(k: string): number {
    const lower = this.#names()
    if (lower.length > INDEX_THRESHOLD) return this.#indexed().get(k)?.[0] ?? -1
    for (let i = 0; i < lower.length; i++) if (lower[i] === k) return i
    return -1
  }

  #push(raw: string, k: string, value: string): void {
    const flat = this.#flat
    if (flat.length >= 2 * HeaderMap.MAX_SIZE) throw new MaxSizeReached()
    const lower = this.#names()
    flat.push(raw, value)
    lower.push(k)
    if (this.#index !== null) {
      const at = this.#index.get(k)
      if (at === undefined) this.#index.set(k, [lower.length - 1])
      else at.push(lower.length - 1)
    }
  }

  /** Removes every field line named `k` at or after position `start`, keeping order. */
  #compact(k: string, start: number): void {
    const flat = this.#flat
    const lower = this.#names()
    let w = start
    for (let r = start; r < lower.length; r++) {
      if (lower[r] === k) continue
      if (w !== r) {
        lower[w] = lower[r]!
        flat[2 * w] = flat[2 * r]!
        flat[2 * w + 1] = flat[2 * r + 1]!
      }
      w++
    }
    if (w !== lower.length) {
      lower.length = w
      flat.length = 2 * w
      this.#index = null
    }
  }

  #appendHeaders(headers: Headers): void {
    let cookiesDone = false
    headers.forEach((value, name) => {
      if (name !== 'set-cookie') return this.append(name, value)
      if (cookiesDone) return
      cookiesDone = true
      for (const cookie of headers.getSetCookie()) this.append(name, cookie)
    })
  }
}

/** The lower-case lookup key for `name`; an invalid name simply matches nothing. */
function key(name: HeaderNameLike): string {
  return typeof name === 'string' ? asciiLower(name) : name.toString()
}

function validName(name: HeaderNameLike): string {
  if (typeof name !== 'string') return name.toString()
  if (!isToken(name)) throw new InvalidHeaderName(`invalid header name: ${JSON.stringify(name)}`)
  return name
}

function validValue(value: HeaderValueLike): string {
  if (typeof value !== 'string') return value.toString()
  if (!isFieldValue(value)) {
    throw new InvalidHeaderValue(`invalid header value: ${JSON.stringify(value)}`)
  }
  return value
}

function isHeaders(init: object): init is Headers {
  return typeof (init as { getSetCookie?: unknown }).getSetCookie === 'function'
}

function isIterable(init: object): init is Iterable<readonly [HeaderNameLike, HeaderValueLike]> {
  return typeof (init as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
}
