import { debuglog } from 'node:util'
import { resolveLimits } from '@touche/h1'
import type { Limits } from '@touche/h1'
import type { ServerError } from './errors.js'

/** 30 s to receive a whole request head (hyper's `header_read_timeout`); also stops slow-loris. */
export const DEFAULT_HEADER_READ_TIMEOUT = 30_000
/** 5 s an idle keep-alive connection may wait for its next request (node:http's default). */
export const DEFAULT_KEEP_ALIVE_TIMEOUT = 5_000
/** 30 s without a single request-body byte while the body is being read. */
export const DEFAULT_BODY_READ_TIMEOUT = 30_000
/**
 * 500 bytes/s: the least average rate of a request body once `DEFAULT_BODY_RATE_GRACE` has passed
 * (Apache mod_reqtimeout's `MinRate`). A body trickling a byte every 2 s is cut after the grace;
 * a real upload, at thousands of bytes per second or more, never comes near it.
 */
export const DEFAULT_BODY_MIN_RATE = 500
/** 20 s of receiving a request body before `bodyMinRate` is enforced (mod_reqtimeout's `body=20`). */
export const DEFAULT_BODY_RATE_GRACE = 20_000
/** No cap on the time to receive a whole request (node:http's `requestTimeout`, off here). */
export const DEFAULT_REQUEST_TIMEOUT = 0
/**
 * 30 s for the responses owed to a client that half-closed (sent FIN): a handler that never
 * settles cannot hold the socket and its descriptor forever.
 */
export const DEFAULT_HALF_CLOSE_TIMEOUT = 30_000
/** 511 connections waiting in the kernel's accept queue (Node's own default backlog). */
export const DEFAULT_BACKLOG = 511
/** 2 s to drain an unread request body before the connection is closed instead. */
export const DEFAULT_DRAIN_TIMEOUT = 2_000
/** 256 KiB of unread request body the server will read and discard to keep a connection. */
export const DEFAULT_MAX_DRAIN_BYTES = 256 * 1024
/** 16 requests parsed ahead of their responses (hyper's pipelining benchmark depth). */
export const DEFAULT_MAX_PIPELINED_REQUESTS = 16
/** No limit on requests per connection. */
export const DEFAULT_MAX_REQUESTS_PER_CONNECTION = Infinity
/** No limit on concurrent connections. */
export const DEFAULT_MAX_CONNECTIONS = Infinity
/** 64 KiB of request body queued for a slow handler before the socket is paused. */
export const DEFAULT_BODY_HIGH_WATER_MARK = 64 * 1024
/**
 * 256 KiB: the largest read of a large request body on a directly read connection. Reads start
 * at 64 KiB and double while the kernel fills them.
 */
export const DEFAULT_MAX_READ_SIZE = 256 * 1024
/** `maxReadSize` may not be less: a shorter read is copied rather than handed over. */
const MIN_READ_SIZE = 16 * 1024
/** `maxReadSize` may not be more: one buffer of this size per connection reading a body. */
const MAX_READ_SIZE = 16 * 1024 * 1024
/** 250 ms an idle connection is kept after shutdown starts, so a request already sent is answered. */
export const DEFAULT_SHUTDOWN_GRACE = 250
/** 10 s for in-flight exchanges to finish in `close()` before connections are destroyed. */
export const DEFAULT_SHUTDOWN_TIMEOUT = 10_000
/**
 * Direct reads are on unless the environment says `TOUCHE_DIRECT_READS=0`, which runs a whole
 * process (an app, or the test suite's second pass) on the `'data'` path without code changes.
 */
export const DEFAULT_DIRECT_READS = process.env['TOUCHE_DIRECT_READS'] !== '0'

const trace = debuglog('touche:server')

/**
 * Every server option, resolved. Durations are milliseconds; a timeout of `0` (or `Infinity`)
 * disables that timer.
 *
 * @example
 * ```ts
 * import { resolveOptions } from '@touche/server'
 * resolveOptions({ keepAliveTimeout: 1000 }).maxPipelinedRequests // 16
 * ```
 */
export interface ServerOptions {
  /** Time allowed for a whole request head, from its first byte (or the accept). Then 408. */
  readonly headerReadTimeout: number
  /** Time an idle keep-alive connection waits for the next request before it is closed. */
  readonly keepAliveTimeout: number
  /** Time without request-body bytes while the body is awaited. Then the body errors. */
  readonly bodyReadTimeout: number
  /**
   * Least average request-body rate in bytes per second, counted over the time the server waits
   * for body bytes (not while the handler lets its queue fill), once `bodyRateGrace` has passed.
   * Then the body errors (408). `0` disables it.
   */
  readonly bodyMinRate: number
  /** Time a request body may take before `bodyMinRate` applies. */
  readonly bodyRateGrace: number
  /** Time to receive a whole request, head and body, from its first byte. Then 408. */
  readonly requestTimeout: number
  /**
   * Time the responses owed to a half-closed client (one that sent FIN) may take; then the
   * connection is released and the requests' abort signals fire.
   */
  readonly halfCloseTimeout: number
  /** Time allowed to drain an unread request body. */
  readonly drainTimeout: number
  /** Bytes of unread request body to drain; a bigger remainder closes the connection. */
  readonly maxDrainBytes: number
  /** Requests parsed and dispatched ahead of their responses; reading pauses beyond it. */
  readonly maxPipelinedRequests: number
  /** Requests served on one connection before it is closed (`Connection: close` on the last). */
  readonly maxRequestsPerConnection: number
  /** Connections served at once; further accepted sockets wait (not read) for a free slot. */
  readonly maxConnections: number
  /** The listen backlog: connections the kernel queues before they are accepted. */
  readonly backlog: number
  /** Request-body bytes queued before the socket is paused. */
  readonly bodyHighWaterMark: number
  /** Whether connections persist between requests at all. */
  readonly keepAlive: boolean
  /** How long idle connections are kept after shutdown starts. */
  readonly shutdownGrace: number
  /** Write header names in Title-Case (for old clients). */
  readonly titleCaseHeaders: boolean
  /**
   * Whether sockets from the server's own TCP and unix listeners are read directly into shared
   * memory (Node's `onread`, see `direct-read.ts`) rather than through `'data'` events. Used only
   * once a check at the first `listen` of the process has seen reads arrive that way on this Node.
   */
  readonly directReads: boolean
  /**
   * The largest single read of a large request body on a directly read connection, from 16 KiB to
   * 16 MiB: such a body is read into buffers of its own, handed over without a copy, which start
   * at 64 KiB (or this, if less) and double while the reads fill them (hyper's adaptive reads),
   * in powers of two no larger than a declared body's rest needs. Each connection reading a
   * large body holds one such buffer for its next read, except while paused.
   */
  readonly maxReadSize: number
  /** Parser limits passed to `@touche/h1`. */
  readonly limits: Limits
  /** Receives every error; never throws into the server. Default: `debuglog('touche:server')`. */
  readonly onError: (error: ServerError) => void
}

/**
 * The options a caller may give: any subset, with `limits` itself partial.
 *
 * @example
 * ```ts
 * const init: ServerOptionsInit = { maxPipelinedRequests: 32, limits: { maxHeaders: 64 } }
 * ```
 */
export type ServerOptionsInit = Partial<Omit<ServerOptions, 'limits'>> & {
  readonly limits?: Partial<Limits>
}

/**
 * Fills in the defaults and validates the given values.
 *
 * @throws RangeError when a count is not a positive integer, a duration is negative, or
 *   `maxReadSize` is out of its range.
 * @example
 * ```ts
 * import { resolveOptions } from '@touche/server'
 * const opts = resolveOptions({ headerReadTimeout: 10_000 })
 * ```
 */
export function resolveOptions(init: ServerOptionsInit = {}): ServerOptions {
  const opts: ServerOptions = {
    headerReadTimeout: init.headerReadTimeout ?? DEFAULT_HEADER_READ_TIMEOUT,
    keepAliveTimeout: init.keepAliveTimeout ?? DEFAULT_KEEP_ALIVE_TIMEOUT,
    bodyReadTimeout: init.bodyReadTimeout ?? DEFAULT_BODY_READ_TIMEOUT,
    bodyMinRate: init.bodyMinRate ?? DEFAULT_BODY_MIN_RATE,
    bodyRateGrace: init.bodyRateGrace ?? DEFAULT_BODY_RATE_GRACE,
    requestTimeout: init.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT,
    halfCloseTimeout: init.halfCloseTimeout ?? DEFAULT_HALF_CLOSE_TIMEOUT,
    drainTimeout: init.drainTimeout ?? DEFAULT_DRAIN_TIMEOUT,
    maxDrainBytes: init.maxDrainBytes ?? DEFAULT_MAX_DRAIN_BYTES,
    maxPipelinedRequests: init.maxPipelinedRequests ?? DEFAULT_MAX_PIPELINED_REQUESTS,
    maxRequestsPerConnection: init.maxRequestsPerConnection ?? DEFAULT_MAX_REQUESTS_PER_CONNECTION,
    maxConnections: init.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    backlog: init.backlog ?? DEFAULT_BACKLOG,
    bodyHighWaterMark: init.bodyHighWaterMark ?? DEFAULT_BODY_HIGH_WATER_MARK,
    keepAlive: init.keepAlive ?? true,
    shutdownGrace: init.shutdownGrace ?? DEFAULT_SHUTDOWN_GRACE,
    titleCaseHeaders: init.titleCaseHeaders ?? false,
    directReads: init.directReads ?? DEFAULT_DIRECT_READS,
    maxReadSize: init.maxReadSize ?? DEFAULT_MAX_READ_SIZE,
    limits: resolveLimits(init.limits),
    onError: init.onError ?? defaultOnError,
  }
  for (const key of [
    'headerReadTimeout',
    'keepAliveTimeout',
    'bodyReadTimeout',
    'bodyMinRate',
    'bodyRateGrace',
    'requestTimeout',
    'halfCloseTimeout',
    'drainTimeout',
    'maxDrainBytes',
    'shutdownGrace',
  ] as const) {
    if (!(opts[key] >= 0)) throw new RangeError(`${key} must be >= 0, got ${String(opts[key])}`)
  }
  for (const key of [
    'maxPipelinedRequests',
    'maxRequestsPerConnection',
    'maxConnections',
    'bodyHighWaterMark',
  ] as const) {
    const v = opts[key]
    if (!(v >= 1) || (v !== Infinity && !Number.isSafeInteger(v))) {
      throw new RangeError(`${key} must be a positive integer, got ${String(v)}`)
    }
  }
  const read = opts.maxReadSize
  if (!Number.isSafeInteger(read) || read < MIN_READ_SIZE || read > MAX_READ_SIZE) {
    throw new RangeError(
      `maxReadSize must be an integer from ${MIN_READ_SIZE} to ${MAX_READ_SIZE}, got ${String(read)}`
    )
  }
  if (!Number.isSafeInteger(opts.backlog) || opts.backlog < 1) {
    throw new RangeError(`backlog must be a positive integer, got ${String(opts.backlog)}`)
  }
  return opts
}

function defaultOnError(error: ServerError): void {
  trace('%s %s', error.code, error.message)
}
