import { Decoder } from '@touche/h1'
import type { ParsedRequest } from '@touche/h1'
import { Extensions, Request, Uri, Version } from '@touche/http-types'
import type { ExtensionKeyLike, HeaderMap, StatusCode } from '@touche/http-types'
import { Body } from '@touche/body'
import { ConnectionInfo, readPeerNow } from './conn-info.js'
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
 * @param withBody - false when the bytes after the head go to an upgrade listener as they are.
 */
export function exchangeFor(
  parsed: ParsedRequest,
  keepAlive: boolean,
  ctx: ExchangeContext,
  withBody = true
): Exchange {
  const kind = parsed.body.kind
  let body: Body
  let incoming: IncomingBody | null = null
  if (!withBody || kind === 'none' || (kind === 'length' && parsed.body.length === 0)) {
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
let infoOf: (request: IncomingRequest) => ConnectionInfo | undefined

/**
 * The `ConnectionInfo` of a request, without making the extensions of a request the server parsed
 * (which costs more than the rest of a small request): for adapters that need a fact of the
 * connection, such as whether it is TLS, for every request. Any other request: the one in its
 * extensions, if any. Reading the peer's address through it after the connection closed finds
 * undefined unless the request's extensions were asked for while it was open.
 *
 * @example
 * ```ts
 * const scheme = connectionOf(req)?.encrypted === true ? 'https' : 'http'
 * ```
 */
export function connectionOf(request: Request<unknown>): ConnectionInfo | undefined {
  if (request instanceof IncomingRequest) return infoOf(request)
  return request.extensions.get(ConnectionInfo)
}

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
    infoOf = (request) =>
      request.#extensions === null ? request.#ctx.info : request.#extensions.get(ConnectionInfo)
  }

  override get extensions(): Extensions {
    let extensions = this.#extensions
    if (extensions === null) {
      const ctx = this.#ctx
      const ex = this.#exchange
      extensions = this.#extensions = ex === null ? new Extensions() : new RequestExtensions(ex)
      // The socket is open while its request is being handled: a logger that reads the peer once
      // the connection has closed still finds it.
      readPeerNow(ctx.info)
      extensions.insert(ConnectionInfo, ctx.info)
      if (ex !== null) {
        const sink = ctx.sink
        extensions.insert(
          Informational,
          new Informational((status, headers) => sink.sendInterim(ex, status, headers))
        )
      }
    }
    return extensions
  }
}

/**
 * A request's extensions, whose `AbortSignal` is made when first asked for: making one costs Node
 * several microseconds, more than the rest of a request, and most handlers never ask.
 */
/** The key of a request's abort signal, as a plain key for comparisons. */
const SIGNAL: unknown = AbortSignal

class RequestExtensions extends Extensions {
  readonly #ex: Exchange
  #signalMade = false

  constructor(ex: Exchange) {
    super()
    this.#ex = ex
  }

  override get size(): number {
    return super.size + (this.#signalMade ? 0 : 1)
  }

  override get<T>(key: ExtensionKeyLike<T>): T | undefined {
    if (key === SIGNAL && !this.#signalMade) this.#makeSignal()
    return super.get(key)
  }

  override has(key: ExtensionKeyLike<unknown>): boolean {
    return (key === SIGNAL && !this.#signalMade) || super.has(key)
  }

  override insert<T>(key: ExtensionKeyLike<T>, value: T): T | undefined {
    if (key === SIGNAL) this.#makeSignal()
    return super.insert(key, value)
  }

  override remove<T>(key: ExtensionKeyLike<T>): T | undefined {
    if (key === SIGNAL) this.#makeSignal()
    return super.remove(key)
  }

  override clear(): void {
    this.#signalMade = true
    super.clear()
  }

  override clone(): Extensions {
    this.#makeSignal()
    return super.clone()
  }

  #makeSignal(): void {
    if (this.#signalMade) return
    this.#signalMade = true
    super.insert(AbortSignal, this.#ex.signal)
  }
}
