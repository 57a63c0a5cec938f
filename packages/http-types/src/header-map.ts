import type { Headers } from 'undici-types'
import { MaxSizeReached } from './errors.js'
import { HeaderEntry } from './header-entry.js'
import type { HeaderMapInit, HeaderNameLike, HeaderValueLike } from './header-fields.js'
import {
  appendHeaders,
  appendInit,
  buildIndex,
  lookupKey,
  lowerNames,
  removeLines,
  sameName,
  toHeaders,
  validKey,
  validName,
  validValue,
} from './header-fields.js'
import { asciiLower } from './header-name.js'

/** Past this many field lines a lookup uses a `Map` index; below, a linear scan is faster. */
const INDEX_THRESHOLD = 24

/**
 * A multimap of header fields: case-insensitive names, several values per name, insertion order
 * kept. `insert` replaces every value of a name, `append` adds one. Names are reported lower-case;
 * the case a name was given in is kept for {@link HeaderMap.rawName}. Any token is a valid name,
 * `__proto__` included. Values are byte strings (chars 0x00-0xFF).
 *
 * @example
 * ```ts
 * import { HeaderMap } from '@touche/http-types'
 * const h = new HeaderMap({ 'Content-Type': 'text/plain' })
 * h.append('Set-Cookie', 'a=1')
 * h.append('set-cookie', 'b=2')
 * h.get('content-type') // 'text/plain'
 * h.getAll('SET-COOKIE') // ['a=1', 'b=2']
 * h.size // 3 values; h.keysSize // 2 names
 * ```
 */
export class HeaderMap {
  /** At most this many field lines (`MaxSizeReached` past it), as the http crate's `MAX_SIZE`. */
  static readonly MAX_SIZE = 32768

  /** [rawName, value, rawName, value, ...] in insertion order. */
  #flat: string[]
  /**
   * Lower-case name per field line, kept from the start for maps built here. For
   * `fromRawUnchecked` maps it stays null until a change or an iteration needs it: lookups compare
   * the raw names case-insensitively instead, so a parsed request allocates nothing to be read.
   */
  #lower: string[] | null
  /** Positions per lower-case name, built only for large maps; dropped when lines are removed. */
  #index: Map<string, number[]> | null = null

  /**
   * A map holding `init`'s fields, validated.
   *
   * @example
   * new HeaderMap([['accept', 'text/html'], ['accept', 'application/json']]).size // 2
   */
  constructor(init?: HeaderMapInit) {
    this.#flat = []
    this.#lower = []
    if (init !== undefined) this.extend(init)
  }

  /**
   * A map over `flat` (`[name, value, name, value, ...]`, names in original case) WITHOUT
   * validation, in O(1): the map takes ownership of the array; lookups compare names ignoring
   * case without allocating. For parsers whose input is already validated.
   *
   * @example
   * ```ts
   * const h = HeaderMap.fromRawUnchecked(['Host', 'example.com', 'Accept', 'text/html'])
   * h.get('host') // 'example.com'
   * ```
   */
  static fromRawUnchecked(flat: string[]): HeaderMap {
    const map = new HeaderMap()
    map.#flat = flat
    map.#lower = null
    return map
  }

  /**
   * A map with every field of WHATWG `headers`; each Set-Cookie value stays a separate line.
   *
   * @example
   * HeaderMap.fromHeaders(new Headers([['set-cookie', 'a=1'], ['set-cookie', 'b=2']])).size // 2
   */
  static fromHeaders(headers: Headers): HeaderMap {
    const map = new HeaderMap()
    appendHeaders(map, headers)
    return map
  }

  /** Number of field lines (values), counting each value of a repeated name. */
  get size(): number {
    return this.#flat.length >> 1
  }

  /** Number of distinct names. */
  get keysSize(): number {
    return this.#index?.size ?? new Set(this.#names()).size
  }

  /**
   * The first value of `name`, or `undefined`.
   *
   * @example
   * new HeaderMap({ Host: 'a' }).get('HOST') // 'a'
   */
  get(name: HeaderNameLike): string | undefined {
    const i = this.#find(lookupKey(name))
    return i < 0 ? undefined : this.#flat[2 * i + 1]
  }

  /**
   * Every value of `name`, in insertion order (empty if none).
   *
   * @example
   * new HeaderMap([['via', 'a'], ['via', 'b']]).getAll('via') // ['a', 'b']
   */
  getAll(name: HeaderNameLike): string[] {
    const k = lookupKey(name)
    const flat = this.#flat
    const out: string[] = []
    if (flat.length > 2 * INDEX_THRESHOLD) {
      for (const i of this.#indexed().get(k) ?? []) out.push(flat[2 * i + 1]!)
      return out
    }
    for (let i = this.#find(k); i >= 0; i = this.#find(k, i + 1)) out.push(flat[2 * i + 1]!)
    return out
  }

  /** Whether `name` has at least one value. */
  has(name: HeaderNameLike): boolean {
    return this.#find(lookupKey(name)) >= 0
  }

  /**
   * The case of `name`'s first field line (as received, for parsed messages), or `undefined`.
   *
   * @example
   * HeaderMap.fromRawUnchecked(['X-Id', '1']).rawName('x-id') // 'X-Id'
   */
  rawName(name: HeaderNameLike): string | undefined {
    const i = this.#find(lookupKey(name))
    return i < 0 ? undefined : this.#flat[2 * i]
  }

  /**
   * Sets `name` to the single value `value`, replacing all of its values (the first line keeps
   * its position). Returns the previous first value. Throws on an invalid name or value.
   *
   * @example
   * new HeaderMap([['a', '1'], ['a', '2']]).insert('a', '3') // '1'; getAll('a') is ['3']
   */
  insert(name: HeaderNameLike, value: HeaderValueLike): string | undefined {
    const raw = typeof name === 'string' ? name : name.toString()
    const k = validKey(raw)
    const v = validValue(value)
    const i = this.#find(k)
    if (i < 0) return this.#push(raw, k, v)
    const flat = this.#flat
    const previous = flat[2 * i + 1]
    flat[2 * i] = raw
    flat[2 * i + 1] = v
    if (removeLines(flat, this.#names(), k, i + 1)) this.#index = null
    return previous
  }

  /**
   * Adds `value` as one more value of `name`, after any existing ones. Throws on an invalid
   * name or value, or {@link MaxSizeReached} when the map is full.
   *
   * @example
   * h.append('vary', 'accept'); h.append('vary', 'origin') // getAll('vary'): both, in order
   */
  append(name: HeaderNameLike, value: HeaderValueLike): void {
    const raw = typeof name === 'string' ? name : name.toString()
    this.#push(raw, validKey(raw), validValue(value))
  }

  /**
   * Removes every value of `name`; returns the first one, or `undefined`.
   *
   * @example
   * new HeaderMap({ a: '1' }).remove('A') // '1'
   */
  remove(name: HeaderNameLike): string | undefined {
    const k = lookupKey(name)
    const i = this.#find(k)
    if (i < 0) return undefined
    const previous = this.#flat[2 * i + 1]
    removeLines(this.#flat, this.#names(), k, i)
    this.#index = null
    return previous
  }

  /**
   * The entry for `name`, to read or change its values in place. Throws on an invalid name.
   *
   * @example
   * h.entry('x-count').orInsert('1') // '1', or the value already there
   */
  entry(name: HeaderNameLike): HeaderEntry {
    return new HeaderEntry(this, validName(name))
  }

  /**
   * Appends every field of `init` (see {@link HeaderMapInit}), validating each.
   *
   * @example
   * new HeaderMap({ a: '1' }).extend({ a: '2', b: '3' }) // a: ['1', '2'], b: ['3']
   */
  extend(init: HeaderMapInit): void {
    if (!(init instanceof HeaderMap)) return appendInit(this, init)
    const flat = init.#flat
    const end = flat.length
    for (let i = 0; i + 1 < end; i += 2) {
      this.#push(flat[i]!, asciiLower(flat[i]!), flat[i + 1]!)
    }
  }

  /**
   * Calls `fn` once per value, in insertion order, with the lower-case name. Allocates nothing
   * (after the first lookup of a parsed map).
   *
   * @example
   * h.forEach((value, name) => { head += `${name}: ${value}\r\n` })
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
   * HeaderMap.fromRawUnchecked(['X-A', '1']).forEachRaw((value, rawName) => {}) // ('1', 'X-A')
   */
  forEachRaw(fn: (value: string, rawName: string) => void): void {
    const flat = this.#flat
    for (let i = 0; i + 1 < flat.length; i += 2) fn(flat[i + 1]!, flat[i]!)
  }

  /**
   * The lower-case name of field line `i` (0 to `size - 1`, insertion order): with
   * {@link HeaderMap.valueAt}, a walk over the lines without a callback, for serialisers.
   *
   * @example
   * for (let i = 0; i < h.size; i++) head += h.nameAt(i) + ': ' + h.valueAt(i) + '\r\n'
   */
  nameAt(i: number): string {
    const name = this.#names()[i]
    if (name === undefined) throw new RangeError(`no field line ${String(i)}`)
    return name
  }

  /**
   * The value of field line `i` (0 to `size - 1`, insertion order); see {@link HeaderMap.nameAt}.
   *
   * @example
   * new HeaderMap({ a: '1' }).valueAt(0) // '1'
   */
  valueAt(i: number): string {
    const value = this.#flat[2 * i + 1]
    if (value === undefined) throw new RangeError(`no field line ${String(i)}`)
    return value
  }

  /** `[name, value]` per value, in insertion order, names lower-case. */
  *entries(): IterableIterator<[string, string]> {
    const lower = this.#names()
    for (let i = 0; i < lower.length; i++) yield [lower[i]!, this.#flat[2 * i + 1]!]
  }

  /** Same as {@link HeaderMap.entries}: `for (const [name, value] of map)`. */
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries()
  }

  /** Each distinct lower-case name once, in order of first appearance. */
  keys(): IterableIterator<string> {
    return new Set(this.#names()).values()
  }

  /** Every value, in insertion order. */
  *values(): IterableIterator<string> {
    const flat = this.#flat
    for (let i = 1; i < flat.length; i += 2) yield flat[i]!
  }

  /** Removes every field line. */
  clear(): void {
    this.#flat = []
    this.#lower = []
    this.#index = null
  }

  /** An independent copy (original-case names included). */
  clone(): HeaderMap {
    const map = HeaderMap.fromRawUnchecked(this.#flat.slice())
    map.#lower = this.#lower?.slice() ?? null
    return map
  }

  /**
   * WHATWG `Headers` with every field; each Set-Cookie value stays separate (`getSetCookie()`).
   * `Headers` joins other repeated names with `, `, as RFC 9110 §5.3 allows.
   *
   * @example
   * new HeaderMap([['set-cookie', 'a=1'], ['set-cookie', 'b=2']]).toHeaders().getSetCookie()
   */
  toHeaders(): Headers {
    return toHeaders(this)
  }

  #names(): string[] {
    return (this.#lower ??= lowerNames(this.#flat))
  }

  #indexed(): Map<string, number[]> {
    return (this.#index ??= buildIndex(this.#names()))
  }

  /** Line of the first field named `k` (lower-case) at or after line `from`, or -1. */
  #find(k: string, from = 0): number {
    const flat = this.#flat
    if (flat.length > 2 * INDEX_THRESHOLD) {
      const at = this.#indexed().get(k)
      if (at === undefined) return -1
      for (const i of at) if (i >= from) return i
      return -1
    }
    const lower = this.#lower
    if (lower !== null) {
      for (let i = from; i < lower.length; i++) if (lower[i] === k) return i
      return -1
    }
    for (let i = 2 * from; i < flat.length; i += 2) if (sameName(flat[i]!, k)) return i >> 1
    return -1
  }

  #push(raw: string, k: string, value: string): undefined {
    const flat = this.#flat
    if (flat.length >= 2 * HeaderMap.MAX_SIZE) throw new MaxSizeReached()
    if (flat.length === 0) {
      // Sized literals: most maps built by hand hold a line or two, and a first push would
      // reserve room for 17 elements in each array.
      this.#flat = [raw, value]
      if (this.#lower !== null) this.#lower = [k]
    } else {
      flat.push(raw, value)
      this.#lower?.push(k)
    }
    const line = (flat.length >> 1) - 1
    const at = this.#index?.get(k)
    if (at !== undefined) at.push(line)
    else this.#index?.set(k, [line])
    return undefined
  }
}
