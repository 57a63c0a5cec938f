/**
 * Every way a value type can be rejected; each kind has one error class and one stable code.
 *
 * @example
 * ```ts
 * import { HttpError, type HttpErrorKind } from '@touche/http-types'
 * const kind: HttpErrorKind | undefined = err instanceof HttpError ? err.kind : undefined
 * ```
 */
export type HttpErrorKind =
  | 'invalid-method'
  | 'invalid-status-code'
  | 'invalid-version'
  | 'invalid-header-name'
  | 'invalid-header-value'
  | 'header-value-to-str'
  | 'invalid-uri'
  | 'max-size-reached'

/**
 * One catalogue entry: the stable code and what it means.
 *
 * @example
 * ```ts
 * import { HTTP_ERRORS, type HttpErrorInfo } from '@touche/http-types'
 * const info: HttpErrorInfo = HTTP_ERRORS['invalid-uri'] // { code: 'ERR_INVALID_URI', ... }
 * ```
 */
export interface HttpErrorInfo {
  readonly code: string
  readonly description: string
}

/**
 * The catalogue of `@touche/http-types` errors, keyed by kind. The package README documents each
 * code, and a test keeps the two in sync.
 *
 * @example
 * ```ts
 * import { HTTP_ERRORS } from '@touche/http-types'
 * HTTP_ERRORS['invalid-method'].code // 'ERR_INVALID_METHOD'
 * ```
 */
export const HTTP_ERRORS: { readonly [K in HttpErrorKind]: HttpErrorInfo } = Object.freeze({
  'invalid-method': {
    code: 'ERR_INVALID_METHOD',
    description: 'A method is empty or has a character that is not a token character.',
  },
  'invalid-status-code': {
    code: 'ERR_INVALID_STATUS_CODE',
    description: 'A status code is not an integer from 100 to 999.',
  },
  'invalid-version': {
    code: 'ERR_INVALID_VERSION',
    description: 'A version string is not one of HTTP/0.9, HTTP/1.0, HTTP/1.1, HTTP/2 or HTTP/3.',
  },
  'invalid-header-name': {
    code: 'ERR_INVALID_HEADER_NAME',
    description: 'A field name is empty or has a character that is not a token character.',
  },
  'invalid-header-value': {
    code: 'ERR_INVALID_HEADER_VALUE',
    description: 'A field value has CR, LF, NUL, DEL, another control byte or a char above 0xFF.',
  },
  'header-value-to-str': {
    code: 'ERR_HEADER_VALUE_TO_STR',
    description: 'A field value has obs-text bytes, so it is not visible ASCII text.',
  },
  'invalid-uri': {
    code: 'ERR_INVALID_URI',
    description: 'A request-target is not in origin, absolute, authority or asterisk form.',
  },
  'max-size-reached': {
    code: 'ERR_MAX_SIZE_REACHED',
    description: 'A HeaderMap would hold more than `HeaderMap.MAX_SIZE` field lines.',
  },
})
for (const entry of Object.values(HTTP_ERRORS)) Object.freeze(entry)

/**
 * Base class of every error thrown by `@touche/http-types`. `kind` and `code` are stable; the
 * message text is not. The `cause`, when given, is passed through to `Error`.
 *
 * @example
 * ```ts
 * import { HttpError, Method } from '@touche/http-types'
 * try { Method.from('BAD METHOD') } catch (e) {
 *   if (e instanceof HttpError) console.log(e.code) // 'ERR_INVALID_METHOD'
 * }
 * ```
 */
export class HttpError extends Error {
  override name = 'HttpError'
  /** Which rule was broken. */
  readonly kind: HttpErrorKind
  /** Stable machine-readable code, `ERR_*`. */
  readonly code: string

  constructor(kind: HttpErrorKind, message?: string, options?: { cause?: unknown }) {
    super(message ?? HTTP_ERRORS[kind].description, options)
    this.kind = kind
    this.code = HTTP_ERRORS[kind].code
  }
}

/**
 * A method is not a valid token (RFC 9110 §9.1).
 *
 * @example
 * ```ts
 * import { InvalidMethod, Method } from '@touche/http-types'
 * expect(() => Method.from('')).toThrow(InvalidMethod)
 * ```
 */
export class InvalidMethod extends HttpError {
  override name = 'InvalidMethod'
  constructor(message?: string, options?: { cause?: unknown }) {
    super('invalid-method', message, options)
  }
}

/**
 * A status code is outside 100..999 or not an integer (RFC 9110 §15).
 *
 * @example
 * ```ts
 * import { InvalidStatusCode, StatusCode } from '@touche/http-types'
 * expect(() => StatusCode.from(99)).toThrow(InvalidStatusCode)
 * ```
 */
export class InvalidStatusCode extends HttpError {
  override name = 'InvalidStatusCode'
  constructor(message?: string, options?: { cause?: unknown }) {
    super('invalid-status-code', message, options)
  }
}

/**
 * A version string is not a known HTTP version.
 *
 * @example
 * ```ts
 * import { InvalidVersion, Version } from '@touche/http-types'
 * expect(() => Version.from('HTTP/4')).toThrow(InvalidVersion)
 * ```
 */
export class InvalidVersion extends HttpError {
  override name = 'InvalidVersion'
  constructor(message?: string, options?: { cause?: unknown }) {
    super('invalid-version', message, options)
  }
}

/**
 * A field name is not a valid token (RFC 9110 §5.1).
 *
 * @example
 * ```ts
 * import { HeaderName, InvalidHeaderName } from '@touche/http-types'
 * expect(() => HeaderName.from('bad name')).toThrow(InvalidHeaderName)
 * ```
 */
export class InvalidHeaderName extends HttpError {
  override name = 'InvalidHeaderName'
  constructor(message?: string, options?: { cause?: unknown }) {
    super('invalid-header-name', message, options)
  }
}

/**
 * A field value has a forbidden character (RFC 9110 §5.5).
 *
 * @example
 * ```ts
 * import { HeaderValue, InvalidHeaderValue } from '@touche/http-types'
 * expect(() => HeaderValue.from('a\r\nb')).toThrow(InvalidHeaderValue)
 * ```
 */
export class InvalidHeaderValue extends HttpError {
  override name = 'InvalidHeaderValue'
  constructor(message?: string, options?: { cause?: unknown }) {
    super('invalid-header-value', message, options)
  }
}

/**
 * `HeaderValue.toStr()` met a byte that is not visible ASCII (obs-text).
 *
 * @example
 * ```ts
 * import { HeaderValue, ToStrError } from '@touche/http-types'
 * expect(() => HeaderValue.from('caf\xe9').toStr()).toThrow(ToStrError)
 * ```
 */
export class ToStrError extends HttpError {
  override name = 'ToStrError'
  constructor(message?: string, options?: { cause?: unknown }) {
    super('header-value-to-str', message, options)
  }
}

/**
 * A request-target is malformed (RFC 9112 §3.2, RFC 3986).
 *
 * @example
 * ```ts
 * import { InvalidUri, Uri } from '@touche/http-types'
 * expect(() => Uri.from('/a b')).toThrow(InvalidUri)
 * ```
 */
export class InvalidUri extends HttpError {
  override name = 'InvalidUri'
  constructor(message?: string, options?: { cause?: unknown }) {
    super('invalid-uri', message, options)
  }
}

/**
 * A `HeaderMap` is full: it already holds `HeaderMap.MAX_SIZE` field lines.
 *
 * @example
 * ```ts
 * import { MaxSizeReached } from '@touche/http-types'
 * try { headers.append('x', 'y') } catch (e) { if (e instanceof MaxSizeReached) reject() }
 * ```
 */
export class MaxSizeReached extends HttpError {
  override name = 'MaxSizeReached'
  constructor(message?: string, options?: { cause?: unknown }) {
    super('max-size-reached', message, options)
  }
}
