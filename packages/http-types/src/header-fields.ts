import type { Headers } from 'undici-types'
import { isToken } from './chars.js'
import { InvalidHeaderName, InvalidHeaderValue } from './errors.js'
import type { HeaderMap } from './header-map.js'
import type { HeaderName } from './header-name.js'
import { asciiLower, lowerToken } from './header-name.js'
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
 * const init: HeaderMapInit = { accept: 'text/html', 'set-cookie': ['a=1', 'b=2'] }
 * ```
 */
export type HeaderMapInit =
  | HeaderMap
  | Headers
  | Iterable<readonly [HeaderNameLike, HeaderValueLike]>
  | Readonly<Record<string, HeaderValueLike | readonly HeaderValueLike[]>>

/** The lower-case lookup key for `name`; an invalid name simply matches nothing. */
export function lookupKey(name: HeaderNameLike): string {
  return typeof name === 'string' ? asciiLower(name) : name.toString()
}

/** `name` as given, after checking that it is a token. */
export function validName(name: HeaderNameLike): string {
  if (typeof name !== 'string') return name.toString()
  if (!isToken(name)) throw new InvalidHeaderName(`invalid header name: ${JSON.stringify(name)}`)
  return name
}

/** Names remembered by {@link validKey}: a program sets the same few names over and over. */
const KNOWN_NAMES_MAX = 512
/** Longer names are checked every time, so the cache stays small whatever names it is fed. */
const KNOWN_NAME_LENGTH_MAX = 64
const knownNames = new Map<string, string>()

/**
 * The lower-case key of `raw`, after checking that it is a token. A name seen before costs one
 * lookup instead of a scan and a fold.
 */
export function validKey(raw: string): string {
  let k = knownNames.get(raw)
  if (k !== undefined) return k
  if (!isToken(raw)) throw new InvalidHeaderName(`invalid header name: ${JSON.stringify(raw)}`)
  k = asciiLower(raw)
  if (knownNames.size < KNOWN_NAMES_MAX && raw.length <= KNOWN_NAME_LENGTH_MAX) {
    knownNames.set(raw, k)
  }
  return k
}

/** `value` as a byte string, after checking its chars (RFC 9110 §5.5). */
export function validValue(value: HeaderValueLike): string {
  if (typeof value !== 'string') return value.toString()
  if (!isFieldValue(value)) {
    throw new InvalidHeaderValue(`invalid header value: ${JSON.stringify(value)}`)
  }
  return value
}

/**
 * Lower-case name of each field line of a trusted `flat` (`[name, value, ...]`, names already
 * validated as tokens, so lower-casing cannot map a non-ASCII char onto ASCII).
 */
export function lowerNames(flat: readonly string[]): string[] {
  const lower = new Array<string>(flat.length >> 1)
  for (let i = 0; i < flat.length; i += 2) lower[i >> 1] = lowerToken(flat[i]!)
  return lower
}

/** Whether the token `raw` equals the lower-case `k` ignoring ASCII case, without allocating. */
export function sameName(raw: string, k: string): boolean {
  if (raw.length !== k.length) return false
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i)
    if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== k.charCodeAt(i)) return false
  }
  return true
}

/** Field line positions per lower-case name. */
export function buildIndex(lower: readonly string[]): Map<string, number[]> {
  const index = new Map<string, number[]>()
  for (let i = 0; i < lower.length; i++) {
    const at = index.get(lower[i]!)
    if (at === undefined) index.set(lower[i]!, [i])
    else at.push(i)
  }
  return index
}

/**
 * Removes, in place and keeping order, every field line named `k` at or after line `start`.
 * Returns whether any line was removed.
 */
export function removeLines(flat: string[], lower: string[], k: string, start: number): boolean {
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
  if (w === lower.length) return false
  lower.length = w
  flat.length = 2 * w
  return true
}

/** Appends every field of `init` (anything but a `HeaderMap`) to `map`, validating each. */
export function appendInit(map: HeaderMap, init: Exclude<HeaderMapInit, HeaderMap>): void {
  if (isHeaders(init)) return appendHeaders(map, init)
  if (isIterable(init)) {
    for (const [name, value] of init) map.append(name, value)
    return
  }
  for (const name of Object.keys(init)) {
    const value = init[name]!
    if (typeof value === 'string' || value instanceof HeaderValue) map.append(name, value)
    else for (const v of value) map.append(name, v)
  }
}

/**
 * Appends WHATWG `headers` to `map`. `Headers` joins repeated values with `, ` except Set-Cookie
 * (RFC 6265 §3: cookies can hold commas), whose values come one by one from `getSetCookie()`.
 */
export function appendHeaders(map: HeaderMap, headers: Headers): void {
  let cookiesDone = false
  headers.forEach((value, name) => {
    if (name !== 'set-cookie') return map.append(name, value)
    if (cookiesDone) return
    cookiesDone = true
    for (const cookie of headers.getSetCookie()) map.append(name, cookie)
  })
}

/** WHATWG `Headers` holding every field line of `map`. */
export function toHeaders(map: HeaderMap): Headers {
  const headers = new (globalThis as unknown as { Headers: new () => Headers }).Headers()
  map.forEach((value, name) => headers.append(name, value))
  return headers
}

function isHeaders(init: object): init is Headers {
  return typeof (init as { getSetCookie?: unknown }).getSetCookie === 'function'
}

function isIterable(init: object): init is Iterable<readonly [HeaderNameLike, HeaderValueLike]> {
  return typeof (init as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
}
