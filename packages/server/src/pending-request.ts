import type {
  Extensions,
  HeaderMap,
  Method,
  Request,
  Response,
  Uri,
  Version,
} from '@touche/http-types'
import type { Body } from '@touche/body'
import type { BodyInit } from '@touche/body'

/**
 * A request taken from `server.incoming()`, waiting for its response (tiny-http's `Request`):
 * the request's parts, its body, and `respond()`. Requests may be answered in any order and at any
 * time; each connection still writes its responses in the order its requests arrived, as
 * tiny-http rearranges pipelined responses.
 *
 * @example
 * ```ts
 * for await (const request of server.incoming()) {
 *   request.respond(Response.builder().body(`you asked for ${request.uri.path}`))
 * }
 * ```
 */
export class PendingRequest {
  /** The request, as a handler would receive it. */
  readonly request: Request<Body>
  readonly #answer: (response: Response<BodyInit> | PromiseLike<Response<BodyInit>>) => void
  #responded = false

  /** @internal Created by the server for each request it queues. */
  constructor(
    request: Request<Body>,
    answer: (response: Response<BodyInit> | PromiseLike<Response<BodyInit>>) => void
  ) {
    this.request = request
    this.#answer = answer
  }

  get method(): Method {
    return this.request.method
  }

  get uri(): Uri {
    return this.request.uri
  }

  get version(): Version {
    return this.request.version
  }

  get headers(): HeaderMap {
    return this.request.headers
  }

  /** The request body: read it before or after responding, as a handler would. */
  get body(): Body {
    return this.request.body
  }

  /** `ConnectionInfo`, `Informational` and the request's `AbortSignal`, as for handlers. */
  get extensions(): Extensions {
    return this.request.extensions
  }

  /** Whether `respond` has been called. */
  get responded(): boolean {
    return this.#responded
  }

  /**
   * Answers the request. The response is written once every earlier request of its connection
   * has been answered; a promise that rejects, or a response that is not valid, is answered as a
   * failing handler's would be (500, `onError`).
   *
   * @throws Error when the request was answered already.
   * @example
   * ```ts
   * request.respond(Response.builder().status(StatusCode.NOT_FOUND).body('no such page'))
   * ```
   */
  respond(response: Response<BodyInit> | PromiseLike<Response<BodyInit>>): void {
    if (this.#responded) throw new Error('this request has been answered already')
    this.#responded = true
    this.#answer(response)
  }
}
