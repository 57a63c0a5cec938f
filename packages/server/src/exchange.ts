import { Decoder } from '@touche/h1'
import type { ParsedRequest } from '@touche/h1'
import type { HeaderMap, Method, Response } from '@touche/http-types'
import { Extensions, Request, StatusCode, Uri, Version } from '@touche/http-types'
import { Body } from './body.js'
import type { BodyInit } from './body-source.js'
import { ConnectionInfo } from './conn-info.js'
import { IncomingBody } from './incoming-body.js'
import type { IncomingHooks } from './incoming-body.js'
import type { ServerOptions } from './options.js'

/**
 * Sends 1xx informational responses (103 Early Hints, 102 Processing) before the final response;
 * found in every request's extensions under the `Informational` key. Written in order: after the
 * responses of earlier pipelined requests, before this request's own.
 *
 * @example
 * ```ts
 * import { Informational, StatusCode, HeaderMap } from '@touche/server'
 * const hints = new HeaderMap()
 * hints.append('link', '</style.css>; rel=preload; as=style')
 * req.extensions.get(Informational)?.send(StatusCode.EARLY_HINTS, hints)
 * ```
 */
export class Informational {
  /**
   * Queues an informational response. Ignored once the final response head has been written.
   *
   * @throws RangeError for a status outside 102..199 (100 is automatic, 101 is an upgrade).
   */
  send(status: StatusCode | number, headers?: HeaderMap): void {
    void status
    void headers
    throw new Error('not attached to a connection')
  }
}

/** The dispatcher side of an exchange, for interim responses. */
export interface InterimSink {
  sendInterim(exchange: Exchange, status: StatusCode, headers: HeaderMap | undefined): void
}

/**
 * One request and its response, from parse to the last byte written (hyper's dispatch unit).
 * An exchange without a request is an automatic error response (a parse error or a timeout).
 */
export class Exchange extends Informational {
  readonly request: Request<Body> | null
  readonly method: Method
  readonly http10: boolean
  /** The request allows keep-alive (version default, `Connection`, and no framing doubt). */
  readonly keepAliveRequested: boolean
  /** The request asked to switch protocols, or is CONNECT. */
  readonly upgradeRequested: boolean
  readonly incoming: IncomingBody | null
  response: Response<BodyInit> | null = null
  /** Set when the response is known; `true` for both a response and a handler failure. */
  isReady = false
  /** Informational heads waiting for this exchange's turn. */
  interim = ''
  headWritten = false
  /** The connection closes after this exchange. */
  closeAfter = false
  #sink: InterimSink | null
  #abort: AbortController | null = null

  constructor(
    init: {
      request: Request<Body> | null
      method: Method
      http10: boolean
      keepAliveRequested: boolean
      upgradeRequested: boolean
      incoming: IncomingBody | null
    },
    sink: InterimSink | null
  ) {
    super()
    this.request = init.request
    this.method = init.method
    this.http10 = init.http10
    this.keepAliveRequested = init.keepAliveRequested
    this.upgradeRequested = init.upgradeRequested
    this.incoming = init.incoming
    this.#sink = sink
  }

  /** Aborts when the connection goes away before this exchange's response is fully written. */
  get signal(): AbortSignal {
    return (this.#abort ??= new AbortController()).signal
  }

  /** The connection is gone (or released) and this response will never be completed. */
  abandon(reason: unknown): void {
    const ac = this.#abort
    if (ac !== null && !ac.signal.aborted) ac.abort(reason)
  }

  override send(status: StatusCode | number, headers?: HeaderMap): void {
    const s = typeof status === 'number' ? StatusCode.from(status) : status
    if (s.code < 102 || s.code > 199) {
      throw new RangeError(`informational status must be 102..199, got ${String(s.code)}`)
    }
    if (this.headWritten || this.#sink === null || this.http10) return
    this.#sink.sendInterim(this, s, headers)
  }
}

/**
 * Builds the exchange for a parsed head: the `Request<Body>` (an empty body, or one fed by an
 * `IncomingBody` through the h1 `Decoder`), with `ConnectionInfo` and `Informational` in its
 * extensions.
 */
export function exchangeFor(
  parsed: ParsedRequest,
  options: ServerOptions,
  hooks: IncomingHooks,
  info: ConnectionInfo,
  sink: InterimSink
): Exchange {
  const kind = parsed.body.kind
  let body: Body
  let incoming: IncomingBody | null = null
  if (kind === 'none' || (kind === 'length' && parsed.body.length === 0)) {
    body = Body.empty()
  } else {
    incoming = new IncomingBody(
      Decoder.from(parsed.body, options.limits),
      options.bodyHighWaterMark,
      parsed.expectContinue,
      hooks
    )
    body = new Body({
      kind: 'queue',
      queue: incoming.queue,
      length: kind === 'length' ? parsed.body.length : -1,
    })
  }
  const request = new IncomingRequest(body, parsed, info)
  const ex = new Exchange(
    {
      request,
      method: parsed.method,
      http10: parsed.version === Version.HTTP_10,
      keepAliveRequested: parsed.keepAlive && !parsed.mustClose,
      upgradeRequested: parsed.upgrade,
      incoming,
    },
    sink
  )
  request[EXCHANGE] = ex
  if (incoming !== null) incoming.owner = ex
  return ex
}

/** Where a request keeps its exchange, out of reach of handlers. */
const EXCHANGE = Symbol('exchange')

/**
 * A request as the server hands it to a handler. Its extensions (with `ConnectionInfo` and
 * `Informational`) are made the first time they are read: most handlers never read them, and
 * making them costs more than the rest of the request.
 */
class IncomingRequest extends Request<Body> {
  [EXCHANGE]: Exchange | null = null
  readonly #info: ConnectionInfo
  #extensions: Extensions | null = null

  constructor(body: Body, parsed: ParsedRequest, info: ConnectionInfo) {
    super(body, {
      method: parsed.method,
      uri: Uri.fromRawUnchecked(parsed.target),
      version: parsed.version,
      headers: parsed.headers,
    })
    this.#info = info
  }

  override get extensions(): Extensions {
    let extensions = this.#extensions
    if (extensions === null) {
      extensions = this.#extensions = new Extensions()
      extensions.insert(ConnectionInfo, this.#info)
      const ex = this[EXCHANGE]
      if (ex !== null) {
        extensions.insert(Informational, ex)
        extensions.insert(AbortSignal, ex.signal)
      }
    }
    return extensions
  }
}
