import type { HeaderMap } from '@touche/http-types'
import { HeaderName, Method, StatusCode } from '@touche/http-types'
import { ParseError, responseHasBody } from '@touche/h1'
import { ServerError } from './errors.js'

/**
 * How a response body is delimited on the wire (RFC 9112 §6.3, touché's `write_response`):
 * `length` (Content-Length), `chunked`, `close` (HTTP/1.0, ended by closing) or `none` (no body;
 * a HEAD response may still announce its length).
 */
export type ResponseFraming = 'length' | 'chunked' | 'close' | 'none'

/**
 * Whether the response head may carry Content-Length or Transfer-Encoding at all: never for 1xx
 * and 204 (RFC 9110 §8.6), nor for a 2xx to CONNECT (RFC 9110 §9.3.6); a 304 only repeats what a
 * 200 would have said, which the server cannot know, so it sends none.
 */
export function canHaveFraming(method: Method, status: number): boolean {
  if (status < 200 || status === 204 || status === 304) return false
  return !(method === Method.CONNECT && status < 300)
}

/**
 * Chooses the framing of a response: Content-Length when the length is known (and no trailers
 * are declared), chunked for HTTP/1.1 otherwise, close-delimited for HTTP/1.0, which has no
 * chunked coding. A string rather than an object: this runs once per response.
 */
export function responseFraming(
  method: Method,
  status: number,
  http10: boolean,
  length: number | undefined,
  wantsTrailers: boolean
): ResponseFraming {
  // No body for HEAD, 1xx, 204, 304 or a 2xx to CONNECT (RFC 9112 §6.3, in h1).
  if (!responseHasBody(status, method)) return 'none'
  if (length !== undefined && !(wantsTrailers && !http10)) return 'length'
  return http10 ? 'close' : 'chunked'
}

/** The length a user declared with a Content-Length header, if it is a valid one. */
export function declaredLength(headers: HeaderMap): number | undefined {
  const value = headers.get(HeaderName.CONTENT_LENGTH)
  if (value === undefined) return undefined
  const n = Number(value)
  return value.length > 0 && Number.isSafeInteger(n) && n >= 0 && /^\d+$/.test(value)
    ? n
    : undefined
}

/** Whether the response headers ask to close (`Connection: close`, RFC 9112 §9.6). */
export function wantsClose(headers: HeaderMap): boolean {
  const value = headers.get(HeaderName.CONNECTION)
  return value !== undefined && hasToken(value, 'close')
}

/** Whether a comma-separated field value lists `token` (case-insensitive). */
export function hasToken(value: string, token: string): boolean {
  for (const part of value.split(',')) {
    if (part.trim().toLowerCase() === token) return true
  }
  return false
}

/**
 * The automatic response to an error that ends a connection, as hyper's `Server::on_error`: the
 * parse error's own status (400, 414, 431, 501, 505), 408 for a header timeout, 500 otherwise.
 */
export function errorStatus(error: unknown): StatusCode {
  if (error instanceof ParseError) return StatusCode.from(error.status)
  if (error instanceof ServerError) {
    if (error.cause instanceof ParseError) return StatusCode.from(error.cause.status)
    if (error.isTimeout()) return StatusCode.REQUEST_TIMEOUT
  }
  return StatusCode.INTERNAL_SERVER_ERROR
}
