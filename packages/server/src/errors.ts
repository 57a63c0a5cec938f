import { errorMessage } from '@touche/body/internal'

/**
 * What went wrong, one stable kind per area (hyper's `error::Kind`). Several codes can share a kind.
 *
 * @example
 * ```ts
 * if (err.kind === 'user') report(err.cause)
 * ```
 */
export type ServerErrorKind =
  | 'parse'
  | 'incomplete-message'
  | 'header-timeout'
  | 'request-timeout'
  | 'body-read'
  | 'body-write'
  | 'user'
  | 'canceled'
  | 'io'
  | 'shutdown'

/**
 * One catalogue entry: the kind a code belongs to, whether it is a timeout, and what it means.
 *
 * @example
 * ```ts
 * const info: ServerErrorInfo = SERVER_ERRORS.ERR_SERVER_IO
 * ```
 */
export interface ServerErrorInfo {
  readonly kind: ServerErrorKind
  readonly timeout: boolean
  readonly description: string
}

/**
 * The catalogue of server error codes. The README's error table lists every entry, and a test
 * keeps the two in sync.
 *
 * @example
 * ```ts
 * import { SERVER_ERRORS } from '@touche/server'
 * SERVER_ERRORS.ERR_SERVER_HEADER_TIMEOUT.kind // 'header-timeout'
 * ```
 */
export const SERVER_ERRORS = Object.freeze({
  ERR_SERVER_PARSE: entry('parse', 'A request head or chunked body broke the HTTP/1.1 grammar.'),
  ERR_SERVER_INCOMPLETE_MESSAGE: entry(
    'incomplete-message',
    'The peer closed the connection in the middle of a request.'
  ),
  ERR_SERVER_HEADER_TIMEOUT: entry(
    'header-timeout',
    'A request head did not arrive within `headerReadTimeout`.',
    true
  ),
  ERR_SERVER_BODY_READ_TIMEOUT: entry(
    'body-read',
    'No request body bytes arrived within `bodyReadTimeout`.',
    true
  ),
  ERR_SERVER_BODY_TOO_SLOW: entry(
    'body-read',
    'The request body arrived slower than `bodyMinRate` bytes per second after `bodyRateGrace`.',
    true
  ),
  ERR_SERVER_REQUEST_TIMEOUT: entry(
    'request-timeout',
    'The whole request (head and body) did not arrive within `requestTimeout`.',
    true
  ),
  ERR_SERVER_BODY_WRITE: entry(
    'body-write',
    'The response body failed, or did not match its declared length, after the head was sent.'
  ),
  ERR_SERVER_USER: entry('user', 'The handler threw, rejected, or returned something invalid.'),
  ERR_SERVER_CANCELED: entry(
    'canceled',
    'A body was abandoned: the connection closed or the reader canceled it.'
  ),
  ERR_SERVER_IO: entry('io', 'The socket failed (reset, broken pipe, TLS error).'),
  ERR_SERVER_HALF_CLOSE_TIMEOUT: entry(
    'canceled',
    'The client half-closed and the responses it was owed were not done within `halfCloseTimeout`.',
    true
  ),
  ERR_SERVER_SHUTDOWN: entry(
    'shutdown',
    'The connection was still busy at the graceful shutdown deadline and was destroyed.'
  ),
} as const satisfies Record<string, ServerErrorInfo>)

/**
 * A stable server error code, `ERR_SERVER_*`.
 *
 * @example
 * ```ts
 * const code: ServerErrorCode = 'ERR_SERVER_PARSE'
 * ```
 */
export type ServerErrorCode = keyof typeof SERVER_ERRORS

/**
 * The one error type of `@touche/server`, like hyper's `Error`: a stable `kind` and `code`, the
 * underlying `cause`, and predicates. **The message text is not stable; match on `code` or `kind`.**
 *
 * @example
 * ```ts
 * import { Server, ServerError } from '@touche/server'
 * Server.builder()
 *   .onError((err: ServerError) => {
 *     if (err.isUser()) console.error('handler failed', err.cause)
 *   })
 * ```
 */
export class ServerError extends Error {
  override readonly name = 'ServerError'
  /** The area of the failure. */
  readonly kind: ServerErrorKind
  /** Stable machine-readable code, `ERR_SERVER_*`. */
  readonly code: ServerErrorCode

  constructor(code: ServerErrorCode, options?: { cause?: unknown; message?: string }) {
    const info: ServerErrorInfo = SERVER_ERRORS[code]
    super(options?.message ?? errorMessage(info.description, options?.cause), {
      cause: options?.cause,
    })
    this.code = code
    this.kind = info.kind
  }

  /** The peer sent bytes that are not valid HTTP/1.1. */
  isParse(): boolean {
    return this.kind === 'parse'
  }

  /** A header, body-read or other timer expired. */
  isTimeout(): boolean {
    return SERVER_ERRORS[this.code].timeout
  }

  /** The connection ended before a message was complete. */
  isIncompleteMessage(): boolean {
    return this.kind === 'incomplete-message'
  }

  /** The handler (user code) failed. */
  isUser(): boolean {
    return this.kind === 'user'
  }

  /** A body was canceled or a connection closed under it. */
  isCanceled(): boolean {
    return this.kind === 'canceled'
  }
}

function entry(kind: ServerErrorKind, description: string, timeout = false): ServerErrorInfo {
  return Object.freeze({ kind, timeout, description })
}
