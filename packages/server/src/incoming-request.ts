import { Decoder } from '@touche/h1'
import type { ParsedRequest } from '@touche/h1'
import { Extensions, Request, Uri, Version } from '@touche/http-types'
import type { HeaderMap, StatusCode } from '@touche/http-types'
import { Body } from '@touche/body'
import { ConnectionInfo } from './conn-info.js'
import { Exchange } from './exchange.js'
import { IncomingBody } from './incoming-body.js'
import type { IncomingHooks } from './incoming-body.js'
import { Informational } from './informational.js'
import type { ServerOptions } from './options.js'

/** Where informational heads go: the dispatcher writes them in turn. */
export interface InterimSink {
  sendInterim(ex: Exchange, status: StatusCode, headers: HeaderMap | undefined): void
}

/** What a parsed head needs to become an exchange. */
export interface ExchangeContext {
  readonly options: ServerOptions
  readonly info: ConnectionInfo
  readonly hooks: IncomingHooks
  readonly sink: InterimSink
}

/**
 * Builds the exchange for a parsed head: the `Request<Body>` (an empty body, or one fed by an
 * `IncomingBody` through the h1 `Decoder`), with `ConnectionInfo`, `Informational` and the
 * request's `AbortSignal` in its extensions.
 *
 * @param keepAlive - the reader's keep-alive decision for this request.
 */
export function exchangeFor(
  parsed: ParsedRequest,
  keepAlive: boolean,
  ctx: ExchangeContext
): Exchange {
  const kind = parsed.body.kind
  let body: Body
  let incoming: IncomingBody | null = null
  if (kind === 'none' || (kind === 'length' && parsed.body.length === 0)) {
    body = Body.empty()
  } else {
    const options = ctx.options
    incoming = new IncomingBody(
      Decoder.from(parsed.body, options.limits),
      options.bodyHighWaterMark,
      ctx.hooks
    )
    body = new Body({
      kind: 'queue',
      queue: incoming.queue,
      length: kind === 'length' ? parsed.body.length : -1,
    })
  }
  const request = new IncomingRequest(body, parsed, ctx)
  const ex = new Exchange({
    request,
    method: parsed.method,
    http10: parsed.version === Version.HTTP_10,
    keepAlive,
    upgradeRequested: parsed.upgrade,
    // RFC 9110 §10.1.1: an HTTP/1.0 client cannot be expecting 100 (h1 reports it for 1.1 only).
    expectsContinue: parsed.expectContinue && incoming !== null,
    incoming,
  })
  attach(request, ex)
  if (incoming !== null) incoming.exchange = ex
  return ex
}

/**
 * A request as the server hands it to a handler. Its extensions are made the first time they are
 * read: most handlers never read them, and making them costs more than the rest of the request.
 */
let attach: (request: IncomingRequest, ex: Exchange) => void

class IncomingRequest extends Request<Body> {
  #exchange: Exchange | null = null
  readonly #ctx: ExchangeContext
  #extensions: Extensions | null = null

  constructor(body: Body, parsed: ParsedRequest, ctx: ExchangeContext) {
    super(body, {
      method: parsed.method,
      uri: Uri.fromRawUnchecked(parsed.target),
      version: parsed.version,
      headers: parsed.headers,
    })
    this.#ctx = ctx
  }

  static {
    attach = (request, ex) => {
      request.#exchange = ex
    }
  }

  override get extensions(): Extensions {
    let extensions = this.#extensions
    if (extensions === null) {
      extensions = this.#extensions = new Extensions()
      const ctx = this.#ctx
      extensions.insert(ConnectionInfo, ctx.info)
      const ex = this.#exchange
      if (ex !== null) {
        const sink = ctx.sink
        extensions.insert(
          Informational,
          new Informational((status, headers) => sink.sendInterim(ex, status, headers))
        )
        extensions.insert(AbortSignal, ex.signal)
      }
    }
    return extensions
  }
}
