import { ConnectionInfo, Informational } from '@touche/server'
import type { Body, Request } from '@touche/server'

/**
 * The second argument of every fetch handler (Hono's `c.env`): the touche request behind the
 * WHATWG one, and what the connection knows. Everything is read when first asked for.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono'
 * import type { FetchEnv } from '@touche/fetch'
 * const app = new Hono<{ Bindings: FetchEnv }>()
 * app.get('/', (c) => c.text(`hello ${c.env.info.remoteAddress}`))
 * ```
 */
export class FetchEnv {
  /** The request as touche parsed it (`Request<Body>`, headers as received). */
  readonly request: Request<Body>

  /** @internal Made by `fetchService` for each request. */
  constructor(request: Request<Body>) {
    this.request = request
  }

  /** The connection: remote and local address and port, TLS, ALPN, a connection id. */
  get info(): ConnectionInfo {
    return this.request.extensions.get(ConnectionInfo)!
  }

  /**
   * Sends 1xx informational responses before the final one, such as 103 Early Hints.
   *
   * @example
   * ```ts
   * c.env.informational.send(103, new HeaderMap({ link: '</app.css>; rel=preload; as=style' }))
   * ```
   */
  get informational(): Informational {
    return this.request.extensions.get(Informational)!
  }

  /** Aborts when the client goes away before the response is complete (`request.signal`). */
  get signal(): AbortSignal {
    return this.request.extensions.get(AbortSignal)!
  }
}
