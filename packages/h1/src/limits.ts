/**
 * Limits that bound how much a peer can make the codec buffer or scan. Every field has a safe
 * default in {@link DEFAULT_LIMITS}; pass a partial object to {@link resolveLimits} to override.
 *
 * @example
 * ```ts
 * import { resolveLimits } from '@touche/h1'
 * const limits = resolveLimits({ maxHeaders: 50 })
 * ```
 */
export interface Limits {
  /** Bytes in the whole head (request/status line plus fields plus the empty line). Over it: 431. */
  readonly maxHeadBytes: number
  /** Field lines in one head. Over it: 431; fields are never dropped silently. */
  readonly maxHeaders: number
  /** Bytes in the request line (method, target, version and the CRLF). Over it: 414. */
  readonly maxRequestLineBytes: number
  /** Bytes of chunk extensions summed over one message body (RFC 9112 §7.1.1). */
  readonly maxChunkExtensionBytes: number
  /** Bytes in the trailer section of one chunked body (RFC 9112 §7.1.2). */
  readonly maxTrailerBytes: number
  /** Accept a bare LF as a line terminator (RFC 9112 §2.2 permits it; strict by default). */
  readonly allowBareLf: boolean
}

/** 16 KiB: the head limit Node's own server uses; large enough for big cookie jars. */
export const DEFAULT_MAX_HEAD_BYTES = 16 * 1024
/**
 * 2,000 field lines, as node:http's `maxHeadersCount`. Requests that crossed proxy chains and
 * tracing carry a hundred fields or more; the real guard is the byte limit
 * (`DEFAULT_MAX_HEAD_BYTES`), which no count of fields can get past.
 */
export const DEFAULT_MAX_HEADERS = 2000
/** 8 KiB request line: RFC 9112 §3 recommends supporting at least 8000 octets. */
export const DEFAULT_MAX_REQUEST_LINE_BYTES = 8 * 1024
/** 16 KiB of chunk extensions per body, as hyper's `CHUNKED_EXTENSIONS_LIMIT`. */
export const DEFAULT_MAX_CHUNK_EXTENSION_BYTES = 16 * 1024
/** 16 KiB of trailer fields per body. */
export const DEFAULT_MAX_TRAILER_BYTES = 16 * 1024

/**
 * The default limits: strict line endings and conservative sizes.
 *
 * @example
 * ```ts
 * import { DEFAULT_LIMITS } from '@touche/h1'
 * DEFAULT_LIMITS.maxHeaders // 2000
 * ```
 */
export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxHeadBytes: DEFAULT_MAX_HEAD_BYTES,
  maxHeaders: DEFAULT_MAX_HEADERS,
  maxRequestLineBytes: DEFAULT_MAX_REQUEST_LINE_BYTES,
  maxChunkExtensionBytes: DEFAULT_MAX_CHUNK_EXTENSION_BYTES,
  maxTrailerBytes: DEFAULT_MAX_TRAILER_BYTES,
  allowBareLf: false,
})

/**
 * Fills in defaults for the limits not given, and checks that the given ones are sane.
 *
 * @throws RangeError when a size limit is not a positive safe integer.
 * @example
 * ```ts
 * import { resolveLimits } from '@touche/h1'
 * resolveLimits({ maxHeadBytes: 64 * 1024 }).maxHeaders // 2000
 * ```
 */
export function resolveLimits(partial?: Partial<Limits>): Limits {
  // None given: the shared defaults, so that connections served one by one share one object.
  if (partial === undefined) return DEFAULT_LIMITS
  // A server resolves its limits once and hands the result to a parser per connection.
  if (resolved.has(partial)) return partial as Limits
  const limits = { ...DEFAULT_LIMITS, ...partial }
  for (const key of [
    'maxHeadBytes',
    'maxHeaders',
    'maxRequestLineBytes',
    'maxChunkExtensionBytes',
    'maxTrailerBytes',
  ] as const) {
    const v = limits[key]
    if (!Number.isSafeInteger(v) || v <= 0) {
      throw new RangeError(`${key} must be a positive integer, got ${String(v)}`)
    }
  }
  resolved.add(limits)
  return Object.freeze(limits)
}

/** What `resolveLimits` returned: frozen and checked, so passing one again costs nothing. */
const resolved = new WeakSet<object>([DEFAULT_LIMITS])
