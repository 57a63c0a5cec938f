import type { HeaderMap } from '@touche/http-types'
import { HeaderName, Method, Response, StatusCode } from '@touche/http-types'
import {
  CONN_CLOSE,
  ParseError,
  connectionOptionsOf,
  contentLengthOf,
  responseHasBody,
} from '@touche/h1'
import type { BodyInit } from '@touche/body'
import { ServerError } from './errors.js'

/**
 * How a response body is delimited on the wire (RFC 9112 §6.3, touché's `write_response`):
 * `length` (Content-Length), `chunked`, `close` (HTTP/1.0, ended by closing) or `none` (no body;
 * a HEAD response may still announce its length).
 */
export type ResponseFraming = 'length' | 'chunked' | 'close' | 'none'

/**
 * The keep-alive decision, the only one in the server (RFC 9112 §9.3, §9.6). The reader asks it
 * when a head is parsed, with the request's facts only, to know whether to read past the request;
 * the writer asks it again with the response's facts, to write `Connection: close` or not. The
 * second answer can only turn the first one off.
 *
 * @param requested - the client allows persistence: HTTP/1.1 without `close`, or HTTP/1.0 with
 *   `keep-alive`, and no `close` option.
 * @param allowed - the server allows it: keep-alive is on, no shutdown, under the request limit,
 *   and nothing on the connection has failed.
 * @param framing - the response's framing; null while the response is not known yet.
 * @param headers - the response's fields (a handler may ask to close); null with `framing`.
 * @param bodyReusable - the request body is complete, or can be drained (see `canDrain`).
 */
export function keepsAlive(
  requested: boolean,
  allowed: boolean,
  framing: ResponseFraming | null,
  headers: HeaderMap | null,
  bodyReusable: boolean
): boolean {
  if (!requested || !allowed || !bodyReusable) return false
  // A close-delimited body ends by closing (RFC 9112 §6.3 rule 8).
  if (framing === 'close') return false
  return headers === null || !wantsClose(headers)
}

/**
 * What the drain decision needs to know about an unread request body.
 *
 * @example
 * ```ts
 * const facts: DrainFacts = { isDone: false, clientMaySend: true, remaining: 10, isUsed: false }
 * ```
 */
export interface DrainFacts {
  /** The whole body has arrived. */
  readonly isDone: boolean
  /** The client is sending (or may send) the rest: no 100 was withheld from it. */
  readonly clientMaySend: boolean
  /** Bytes still to come, when the length is known. */
  readonly remaining: number | null
  /** A handler is reading the body (or it is the response body): decided when that ends. */
  readonly isUsed: boolean
}

/**
 * Whether the rest of a request body can be read and dropped to keep the connection (hyper's
 * `poll_drain_or_close_read`): it is complete, or the client is sending it and what is left is
 * within `maxDrainBytes` (a chunked rest is tried, and cut off at the budget). A body withheld by
 * an unsent `100 Continue` may or may not come, so it can never be told from the next request.
 */
export function canDrain(body: DrainFacts, maxDrainBytes: number): boolean {
  if (body.isDone) return true
  if (!body.clientMaySend) return false
  if (body.isUsed) return true
  return body.remaining === null || body.remaining <= maxDrainBytes
}

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

/** The length a handler declared with a Content-Length header, if it is a valid one. */
export function declaredLength(headers: HeaderMap): number | undefined {
  const value = headers.get(HeaderName.CONTENT_LENGTH)
  if (value === undefined) return undefined
  const n = contentLengthOf(value)
  return n < 0 ? undefined : n
}

/** Whether the response headers ask to close (`Connection: close`, RFC 9112 §9.6). */
export function wantsClose(headers: HeaderMap): boolean {
  const value = headers.get(HeaderName.CONNECTION)
  return value !== undefined && (connectionOptionsOf(value) & CONN_CLOSE) !== 0
}

/**
 * The automatic response to an error that ends a connection, as hyper's `Server::on_error`: the
 * parse error's own status (400, 414, 431, 501, 505), 408 for a timeout, 400 for a request cut
 * short, 500 otherwise.
 */
export function errorStatus(error: unknown): StatusCode {
  if (error instanceof ParseError) return StatusCode.from(error.status)
  if (error instanceof ServerError) {
    if (error.cause instanceof ParseError) return StatusCode.from(error.cause.status)
    if (error.isTimeout()) return StatusCode.REQUEST_TIMEOUT
    if (error.isIncompleteMessage()) return StatusCode.BAD_REQUEST
  }
  return StatusCode.INTERNAL_SERVER_ERROR
}

/**
 * The automatic response for an error: its status and an empty body (the exchange carrying it
 * closes the connection, so the head says `Connection: close`).
 */
export function errorResponse(status: StatusCode): Response<BodyInit> {
  return Response.builder().status(status).body<BodyInit>(null)
}
