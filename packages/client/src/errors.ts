import { errorMessage } from '@touche/body/internal'

/**
 * What went wrong, one stable kind per area (hyper's `error::Kind`). Several codes can share a kind.
 *
 * @example
 * ```ts
 * if (err.kind === 'timeout') retryLater()
 * ```
 */
export type ClientErrorKind =
  | 'connect'
  | 'timeout'
  | 'parse'
  | 'incomplete-message'
  | 'canceled'
  | 'body-write'
  | 'io'
  | 'closed'
  | 'user'

/**
 * One catalogue entry: the kind a code belongs to and what it means.
 *
 * @example
 * ```ts
 * const info: ClientErrorInfo = CLIENT_ERRORS.ERR_CLIENT_CONNECT
 * ```
 */
export interface ClientErrorInfo {
  readonly kind: ClientErrorKind
  readonly description: string
}

/**
 * The catalogue of client error codes. The README lists every entry, and a test keeps the two in
 * sync.
 *
 * @example
 * ```ts
 * import { CLIENT_ERRORS } from '@touche/client'
 * CLIENT_ERRORS.ERR_CLIENT_HEADERS_TIMEOUT.kind // 'timeout'
 * ```
 */
export const CLIENT_ERRORS = Object.freeze({
  ERR_CLIENT_CONNECT: entry('connect', 'The connection could not be made (refused, DNS, TLS).'),
  ERR_CLIENT_PROXY: entry('connect', 'The proxy refused the CONNECT tunnel.'),
  ERR_CLIENT_CONNECT_TIMEOUT: entry(
    'timeout',
    'The connection was not made within `connectTimeout`.'
  ),
  ERR_CLIENT_HEADERS_TIMEOUT: entry(
    'timeout',
    'The response head did not arrive within `headersTimeout` of the request being sent.'
  ),
  ERR_CLIENT_BODY_TIMEOUT: entry(
    'timeout',
    'No response body bytes arrived within `bodyTimeout` while the client waited for them.'
  ),
  ERR_CLIENT_PARSE: entry('parse', 'The response broke the HTTP/1.1 grammar or a limit.'),
  ERR_CLIENT_INCOMPLETE_MESSAGE: entry(
    'incomplete-message',
    'The connection closed before the response was complete.'
  ),
  ERR_CLIENT_CANCELED: entry('canceled', 'The request was aborted, or its client was destroyed.'),
  ERR_CLIENT_BODY_WRITE: entry(
    'body-write',
    'The request body failed, or did not match its declared length.'
  ),
  ERR_CLIENT_IO: entry('io', 'The socket failed (reset, broken pipe, TLS error).'),
  ERR_CLIENT_CLOSED: entry('closed', 'The connection or client is closed to new requests.'),
  ERR_CLIENT_INVALID_REQUEST: entry(
    'user',
    'The request cannot be sent: no host, an unsupported scheme, or a head that cannot be written.'
  ),
} as const satisfies Record<string, ClientErrorInfo>)

/**
 * A stable client error code, `ERR_CLIENT_*`.
 *
 * @example
 * ```ts
 * const code: ClientErrorCode = 'ERR_CLIENT_PARSE'
 * ```
 */
export type ClientErrorCode = keyof typeof CLIENT_ERRORS

/**
 * The one error type of `@touche/client`, like hyper's `Error`: a stable `kind` and `code`, the
 * underlying `cause`, and predicates. **The message text is not stable; match on `code` or `kind`.**
 *
 * @example
 * ```ts
 * import { Client, ClientError } from '@touche/client'
 * try {
 *   await client.get('http://127.0.0.1:1/')
 * } catch (err) {
 *   if (err instanceof ClientError && err.isConnect()) console.error('down:', err.cause)
 * }
 * ```
 */
export class ClientError extends Error {
  override readonly name = 'ClientError'
  /** The area of the failure. */
  readonly kind: ClientErrorKind
  /** Stable machine-readable code, `ERR_CLIENT_*`. */
  readonly code: ClientErrorCode

  constructor(code: ClientErrorCode, options?: { cause?: unknown; message?: string }) {
    const info: ClientErrorInfo = CLIENT_ERRORS[code]
    super(options?.message ?? errorMessage(info.description, options?.cause), {
      cause: options?.cause,
    })
    this.code = code
    this.kind = info.kind
  }

  /** The connection could not be made (including a refused proxy tunnel). */
  isConnect(): boolean {
    return this.kind === 'connect' || this.code === 'ERR_CLIENT_CONNECT_TIMEOUT'
  }

  /** A connect, response-head or body timer expired. */
  isTimeout(): boolean {
    return this.kind === 'timeout'
  }

  /** The server sent bytes that are not valid HTTP/1.1 (`cause` is the h1 `ParseError`). */
  isParse(): boolean {
    return this.kind === 'parse'
  }

  /** The connection ended before the response was complete. */
  isIncompleteMessage(): boolean {
    return this.kind === 'incomplete-message'
  }

  /** The request was aborted (`cause` is the signal's reason) or its client destroyed. */
  isCanceled(): boolean {
    return this.kind === 'canceled'
  }

  /** The request body failed or missed its declared length. */
  isBodyWrite(): boolean {
    return this.kind === 'body-write'
  }

  /** The connection or client no longer takes requests. */
  isClosed(): boolean {
    return this.kind === 'closed'
  }
}

function entry(kind: ClientErrorKind, description: string): ClientErrorInfo {
  return Object.freeze({ kind, description })
}
