import { Extensions } from './extensions.js'
import { HeaderMap } from './header-map.js'
import { MessageBuilder } from './message-builder.js'
import { StatusCode } from './status-code.js'
import { Version } from './version.js'

/**
 * Everything in a response but its body, as taken apart by {@link Response.intoParts}.
 *
 * @example
 * ```ts
 * const [parts, body] = response.intoParts()
 * const again = Response.fromParts({ ...parts, status: StatusCode.CREATED }, body)
 * ```
 */
export interface ResponseParts {
  readonly status: StatusCode
  readonly version: Version
  readonly headers: HeaderMap
  readonly extensions: Extensions
}

/**
 * An HTTP response whose body is of any type `B` (a string, bytes, a stream, `null`...). The head
 * fields are readonly; the header map and extensions themselves can be changed in place.
 *
 * @example
 * ```ts
 * import { Response, StatusCode } from '@touche/http-types'
 * const res = Response.builder().status(404).header('content-type', 'text/plain').body('nope')
 * res.status === StatusCode.NOT_FOUND // true
 * ```
 */
export class Response<B> {
  /** The status; 200 OK unless set. */
  readonly status: StatusCode
  /** The protocol version; HTTP/1.1 unless set. */
  readonly version: Version
  /** The header fields. */
  readonly headers: HeaderMap
  /** The body. */
  readonly body: B
  // Created on first use: most messages never carry an extension.
  #extensions: Extensions | null

  /**
   * A response with `body` and the given parts; missing parts get their defaults (200 OK,
   * HTTP/1.1, no headers).
   *
   * @example
   * ```ts
   * new Response('hello', { status: StatusCode.CREATED })
   * ```
   */
  constructor(body: B, parts?: Partial<ResponseParts>) {
    this.status = parts?.status ?? StatusCode.OK
    this.version = parts?.version ?? Version.HTTP_11
    this.headers = parts?.headers ?? new HeaderMap()
    this.#extensions = parts?.extensions ?? null
    this.body = body
  }

  /**
   * Data that travels with the response but is not sent.
   *
   * @example
   * ```ts
   * res.extensions.get(Extensions.key<string>('id')) // undefined until inserted
   * ```
   */
  get extensions(): Extensions {
    return (this.#extensions ??= new Extensions())
  }

  /**
   * A builder; see {@link ResponseBuilder}.
   *
   * @example
   * ```ts
   * Response.builder().status(204).body(null)
   * ```
   */
  static builder(): ResponseBuilder {
    return new ResponseBuilder()
  }

  /**
   * The response made of `parts` and `body`.
   *
   * @example
   * ```ts
   * Response.fromParts(parts, body)
   * ```
   */
  static fromParts<B>(parts: ResponseParts, body: B): Response<B> {
    return new Response(body, parts)
  }

  /**
   * The parts and the body, to take the response apart.
   *
   * @example
   * ```ts
   * const [{ status, headers }, body] = res.intoParts()
   * ```
   */
  intoParts(): [ResponseParts, B] {
    const { status, version, headers, extensions } = this
    return [{ status, version, headers, extensions }, this.body]
  }

  /**
   * The same response (same parts) with its body replaced by `fn(body)`.
   *
   * @example
   * ```ts
   * const bytes = res.map((text) => new TextEncoder().encode(text))
   * ```
   */
  map<C>(fn: (body: B) => C): Response<C> {
    return new Response(fn(this.body), this)
  }
}

/**
 * Builds a {@link Response} step by step. A failing step (invalid status, header...) throws
 * nothing: the first error is kept and thrown by {@link ResponseBuilder.body}.
 *
 * @example
 * ```ts
 * import { Response } from '@touche/http-types'
 * const res = Response.builder()
 *   .status(201)
 *   .header('location', '/users/7')
 *   .body(null)
 * ```
 */
export class ResponseBuilder extends MessageBuilder {
  #status: StatusCode = StatusCode.OK

  /**
   * Sets the status (default 200); a number is validated by `StatusCode.from`.
   *
   * @example
   * ```ts
   * Response.builder().status(StatusCode.NO_CONTENT)
   * ```
   */
  status(status: StatusCode | number): this {
    // The step of `attempt`, written out: no closure for a call nearly every handler makes.
    if (this.failed) return this
    if (typeof status !== 'number') this.#status = status
    else {
      try {
        this.#status = StatusCode.from(status)
      } catch (error) {
        this.fail(error)
      }
    }
    return this
  }

  /**
   * The response with `body`, of any type. Throws the first error any step recorded.
   *
   * @example
   * ```ts
   * Response.builder().body(new Uint8Array([104, 105]))
   * ```
   */
  body<B>(body: B): Response<B> {
    const { version, headers, extensions } = this.head()
    const status = this.#status
    return extensions === null
      ? new Response(body, { status, version, headers })
      : new Response(body, { status, version, headers, extensions })
  }
}
