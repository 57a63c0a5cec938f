import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls'
import { resolveLimits } from '@touche/h1'
import type { Limits } from '@touche/h1'

/** 10 s to open a connection (TCP, TLS handshake and any proxy tunnel) before giving up. */
export const DEFAULT_CONNECT_TIMEOUT = 10_000
/** 30 s from the request being written to its response head; then the request fails. */
export const DEFAULT_HEADERS_TIMEOUT = 30_000
/** 30 s without response body bytes while the client waits for them; then the body fails. */
export const DEFAULT_BODY_TIMEOUT = 30_000
/**
 * 4 s an idle pooled connection is kept, shorter than common server defaults (touche 5 s, Node
 * 5 s, nginx 75 s), so the client closes it first; a server's `Keep-Alive: timeout=N` shortens it.
 */
export const DEFAULT_IDLE_TIMEOUT = 4_000
/** 1 s subtracted from a server's `Keep-Alive: timeout=N`, so the connection is retired first. */
export const DEFAULT_KEEP_ALIVE_MARGIN = 1_000
/** 1 s waited for `100 Continue` before the body is sent anyway (RFC 9110 §10.1.1). */
export const DEFAULT_EXPECT_CONTINUE_TIMEOUT = 1_000
/** 256 KiB of an abandoned response body read and dropped to keep the connection; more closes it. */
export const DEFAULT_MAX_DRAIN_BYTES = 256 * 1024
/** 64 KiB of response body queued for a slow reader before the socket is paused. */
export const DEFAULT_BODY_HIGH_WATER_MARK = 64 * 1024
/** One request at a time per connection; more is HTTP/1.1 pipelining. */
export const DEFAULT_PIPELINING = 1
/** 256 connections per origin at most, so a burst queues instead of exhausting descriptors. */
export const DEFAULT_MAX_CONNECTIONS_PER_ORIGIN = 256

/**
 * Options of one connection (`handshake`), also taken by `Client` for each connection it makes.
 * Durations are milliseconds; `0` or `Infinity` disables a timeout.
 *
 * @example
 * ```ts
 * const send = handshake(socket, { pipelining: 10, headersTimeout: 5_000 })
 * ```
 */
export interface ConnectionOptions {
  /** Requests in flight at once (HTTP/1.1 pipelining when above 1). Default 1. */
  readonly pipelining?: number
  /** Pipeline non-idempotent requests too (RFC 9112 §9.3.2 advises against it). Default false. */
  readonly pipelineNonIdempotent?: boolean
  /** From a request written to its response head. Default 30 s. */
  readonly headersTimeout?: number
  /** Without response body bytes while waiting for them. Default 30 s. */
  readonly bodyTimeout?: number
  /** An idle connection is closed after this long. Default: never for `handshake`, 4 s pooled. */
  readonly idleTimeout?: number
  /** Taken off a server's `Keep-Alive: timeout=N`. Default 1 s. */
  readonly keepAliveMargin?: number
  /** Waited for `100 Continue` before the body goes anyway. Default 1 s. */
  readonly expectContinueTimeout?: number
  /** Unread response body bytes drained to keep the connection. Default 256 KiB. */
  readonly maxDrainBytes?: number
  /** Response body bytes queued before the socket is paused. Default 64 KiB. */
  readonly bodyHighWaterMark?: number
  /** `false` sends `Connection: close` and uses each connection once. Default true. */
  readonly keepAlive?: boolean
  /** Limits on response heads (h1's defaults: 16 KiB head, 2,000 fields...). */
  readonly limits?: Partial<Limits>
}

/**
 * Options of a `Client`: those of each connection, plus connecting and pooling.
 *
 * @example
 * ```ts
 * const client = new Client({ maxConnectionsPerOrigin: 50, tls: { ca: [caPem] } })
 * ```
 */
export interface ClientOptions extends ConnectionOptions {
  /** Connections per origin at most; requests queue beyond it. Default 256. */
  readonly maxConnectionsPerOrigin?: number
  /** Time to connect, including TLS and a proxy tunnel. Default 10 s. */
  readonly connectTimeout?: number
  /**
   * `node:tls` options for https origins (`ca`, `cert`, `key`, `rejectUnauthorized`...). The
   * client sets `servername` (SNI) and ALPN `http/1.1` itself unless given here.
   */
  readonly tls?: TlsConnectionOptions
  /** An HTTP proxy, `http://host:port`: CONNECT tunnels for https, absolute-form for http. */
  readonly proxy?: string | null
}

/** @internal Connection options with every default filled in. */
export interface ResolvedConnectionOptions {
  readonly pipelining: number
  readonly pipelineNonIdempotent: boolean
  readonly headersTimeout: number
  readonly bodyTimeout: number
  readonly idleTimeout: number
  readonly keepAliveMargin: number
  readonly expectContinueTimeout: number
  readonly maxDrainBytes: number
  readonly bodyHighWaterMark: number
  readonly keepAlive: boolean
  readonly limits: Limits
}

/** @internal */
export function resolveConnectionOptions(
  init: ConnectionOptions,
  idleTimeout: number
): ResolvedConnectionOptions {
  const pipelining = init.pipelining ?? DEFAULT_PIPELINING
  if (!Number.isInteger(pipelining) || pipelining < 1) {
    throw new RangeError(`pipelining must be an integer >= 1, got ${String(pipelining)}`)
  }
  return {
    pipelining,
    pipelineNonIdempotent: init.pipelineNonIdempotent ?? false,
    headersTimeout: duration(init.headersTimeout, DEFAULT_HEADERS_TIMEOUT),
    bodyTimeout: duration(init.bodyTimeout, DEFAULT_BODY_TIMEOUT),
    idleTimeout: duration(init.idleTimeout, idleTimeout),
    keepAliveMargin: atLeast(init.keepAliveMargin, DEFAULT_KEEP_ALIVE_MARGIN, 0, 'keepAliveMargin'),
    expectContinueTimeout: duration(init.expectContinueTimeout, DEFAULT_EXPECT_CONTINUE_TIMEOUT),
    maxDrainBytes: atLeast(init.maxDrainBytes, DEFAULT_MAX_DRAIN_BYTES, 0, 'maxDrainBytes'),
    bodyHighWaterMark: atLeast(
      init.bodyHighWaterMark,
      DEFAULT_BODY_HIGH_WATER_MARK,
      1,
      'bodyHighWaterMark'
    ),
    keepAlive: init.keepAlive ?? true,
    limits: resolveLimits(init.limits ?? {}),
  }
}

/** A timeout in ms, `Infinity` when disabled (0 or Infinity). */
export function duration(value: number | undefined, fallback: number): number {
  const v = atLeast(value, fallback, 0, 'a timeout')
  return v === 0 ? Infinity : v
}

/** A size, count or margin option: a number of at least `min`, or the default when not given. */
export function atLeast(
  value: number | undefined,
  fallback: number,
  min: number,
  name: string
): number {
  const v = value ?? fallback
  if (!(v >= min)) throw new RangeError(`${name} must be >= ${String(min)}, got ${String(v)}`)
  return v
}
