import { Body } from '@touche/body'
import type { BodyInit } from '@touche/body'
import { peekSource } from '@touche/body/internal'
import { contentLengthOf, connectionOptionsOf, CONN_CLOSE, writeRequestHead } from '@touche/h1'
import type { ParsedResponse } from '@touche/h1'
import { Method, Version } from '@touche/http-types'
import type { Request } from '@touche/http-types'
import { ClientError } from './errors.js'

/**
 * The client's policy (hyper's `role::Client`): how a request is framed, when a connection may
 * carry another request, when it is kept, and when a failed request may be sent again. The
 * grammar is h1's; the connection asks these functions and does what they say.
 */

/** A request ready for the wire: its serialised head and the facts the connection acts on. */
export interface PreparedRequest {
  readonly method: Method
  readonly head: string
  readonly body: Body
  /** Body bytes declared by Content-Length, -1 when chunked, 0 when there is no body. */
  readonly length: number
  readonly chunked: boolean
  /** `Expect: 100-continue` with a body: the body waits for the server's go-ahead. */
  readonly expectContinue: boolean
  /** A CONNECT or a request carrying `Upgrade`: the connection may be handed over. */
  readonly upgrade: boolean
  /** The request says `Connection: close`: the connection ends with its response. */
  readonly closeAfter: boolean
  readonly idempotent: boolean
  /** The body can be sent again (none, bytes or a string), which a retry needs. */
  readonly replayable: boolean
}

/** Where a request goes on the wire: its request-target and the Host it needs. */
export interface RequestTarget {
  readonly target: string
  /** `host[:port]` for a Host field the request lacks; undefined to add none. */
  readonly host: string | undefined
}

/** Methods whose requests carry content by definition: an empty one still says `length: 0`. */
function expectsContent(method: Method): boolean {
  return method === Method.POST || method === Method.PUT || method === Method.PATCH
}

/**
 * Frames and serialises `req` (RFC 9112 §6, §9): Content-Length when the body's length is known
 * (also a user Content-Length for a stream), chunked otherwise; none for an empty body of a method
 * without content semantics (RFC 9110 §8.6); `Connection: close` when keep-alive is off.
 *
 * @throws ClientError `ERR_CLIENT_INVALID_REQUEST` for a head that cannot be written, or an
 *   HTTP/1.0 request with a body of unknown length.
 */
export function prepareRequest(
  req: Request<BodyInit>,
  where: RequestTarget,
  keepAlive: boolean
): PreparedRequest {
  const method = req.method
  const headers = req.headers
  const body = req.body instanceof Body ? req.body : Body.from(req.body)
  let length = body.length ?? -1
  if (length < 0) {
    const declared = headers.get('content-length')
    if (declared !== undefined) length = contentLengthOf(declared)
  }
  const http10 = req.version === Version.HTTP_10
  if (where.host === undefined && !http10 && !headers.has('host')) {
    // RFC 9112 §3.2: an HTTP/1.1 request carries Host.
    throw new ClientError('ERR_CLIENT_INVALID_REQUEST', {
      message: 'an HTTP/1.1 request needs a Host field or an absolute URI',
    })
  }
  let contentLength: number | undefined
  let chunked = false
  if (length > 0 || (length === 0 && expectsContent(method))) contentLength = length
  else if (length < 0) {
    if (http10) {
      throw new ClientError('ERR_CLIENT_INVALID_REQUEST', {
        message: 'an HTTP/1.0 request body needs a known length',
      })
    }
    chunked = true
  }
  const connection = headers.get('connection')
  const closeAfter =
    !keepAlive || (connection !== undefined && (connectionOptionsOf(connection) & CONN_CLOSE) !== 0)
  let head: string
  try {
    head = writeRequestHead({
      method,
      target: where.target,
      version: req.version,
      headers,
      host: where.host,
      contentLength,
      chunked,
      connection: keepAlive ? null : 'close',
    })
  } catch (error) {
    throw new ClientError('ERR_CLIENT_INVALID_REQUEST', { cause: error })
  }
  const hasBody = chunked || (contentLength ?? 0) > 0
  const expect = hasBody ? headers.get('expect') : undefined
  return {
    method,
    head,
    body,
    length: chunked ? -1 : (contentLength ?? 0),
    chunked,
    expectContinue:
      expect !== undefined && !http10 && expect.toLowerCase().includes('100-continue'),
    upgrade: method === Method.CONNECT || headers.has('upgrade'),
    closeAfter,
    idempotent: method.isIdempotent(),
    replayable: isFixed(body),
  }
}

/** Whether the body is bytes in memory (none, bytes, a string): written at once, and replayable. */
export function isFixed(body: Body): boolean {
  const kind = peekSource(body).kind
  return kind === 'empty' || kind === 'bytes' || kind === 'string'
}

/** What the connection knows when it asks whether a request may be written now. */
export interface WriteFacts {
  /** Requests written whose responses are not complete. */
  readonly inFlight: number
  readonly pipelining: number
  readonly pipelineNonIdempotent: boolean
  /** The last request written holds the connection (an upgrade, 100-continue, a close). */
  readonly lastHolds: boolean
}

/**
 * Whether `req` may be written now, behind `facts.inFlight` requests (RFC 9112 §9.3.2): a client
 * pipelines only idempotent requests unless told otherwise, never behind or as a request that
 * may end the connection (an upgrade, CONNECT, 100-continue or `Connection: close`), and never
 * more than `pipelining` deep.
 */
export function canWrite(req: PreparedRequest, facts: WriteFacts): boolean {
  if (facts.inFlight === 0) return true
  if (facts.inFlight >= facts.pipelining || facts.lastHolds) return false
  if (holdsConnection(req)) return false
  return req.idempotent || facts.pipelineNonIdempotent
}

/** Whether nothing may be pipelined behind `req`. */
export function holdsConnection(req: PreparedRequest): boolean {
  return req.upgrade || req.expectContinue || req.closeAfter
}

/**
 * Whether the connection may carry another request after this response (RFC 9112 §9.3, §9.6):
 * the server did not say close and framed the body (`ParsedResponse.keepAlive`), the request did
 * not say close, and the request body went out whole.
 */
export function keepsAlive(
  req: PreparedRequest,
  serverKeepsAlive: boolean,
  requestComplete: boolean
): boolean {
  return serverKeepsAlive && !req.closeAfter && requestComplete
}

/**
 * Whether a request that got no byte of response may be sent again on another connection: it is
 * idempotent (RFC 9110 §9.2.2), its body can be replayed, it has not been retried yet, and it
 * went out on a connection that had served a response or behind another request: the reuse race,
 * where a server closed an idle connection as the request was written (RFC 9112 §9.3.1).
 */
export function isRetryable(
  req: PreparedRequest,
  attempt: number,
  reused: boolean,
  received: boolean
): boolean {
  return !received && attempt === 0 && reused && req.idempotent && req.replayable
}

/**
 * The idle time a server's `Keep-Alive: timeout=N` leaves, less a margin so the client retires the
 * connection before the server closes it; `Infinity` when the server said nothing.
 */
export function serverIdleLimit(res: ParsedResponse, margin: number): number {
  if (res.keepAliveTimeout < 0) return Infinity
  return Math.max(res.keepAliveTimeout * 1000 - margin, 0)
}
