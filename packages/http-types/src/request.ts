import { Extensions } from './extensions.js'
import { HeaderMap } from './header-map.js'
import { MessageBuilder } from './message-builder.js'
import { Method } from './method.js'
import { Uri } from './uri.js'
import { Version } from './version.js'

/** The request-target of a request built without `.uri()`. */
const ROOT: Uri = Uri.fromRawUnchecked('/')

/**
 * Everything in a request but its body, as taken apart by {@link Request.intoParts}.
 *
 * @example
 * ```ts
 * const [parts, body] = request.intoParts()
 * parts.headers.insert('x-seen', '1')
 * const again = Request.fromParts(parts, body)
 * ```
 */
export interface RequestParts {
  readonly method: Method
  readonly uri: Uri
  readonly version: Version
  readonly headers: HeaderMap
  readonly extensions: Extensions
}

/**
 * An HTTP request whose body is of any type `B` (a string, bytes, a stream, `null`...). The head
 * fields are readonly; the header map and extensions themselves can be changed in place.
 *
 * @example
 * ```ts
 * import { Method, Request } from '@touche/http-types'
 * const req = Request.post('/users').header('content-type', 'application/json').body('{"a":1}')
 * req.method === Method.POST // true
 * req.uri.path // '/users'
 * const sized = req.map((body) => new TextEncoder().encode(body))
 * ```
 */
export class Request<B> {
  /** The method; `Method.GET` unless set. */
  readonly method: Method
  /** The request-target; `/` unless set. */
  readonly uri: Uri
  /** The protocol version; HTTP/1.1 unless set. */
  readonly version: Version
  /** The header fields. */
  readonly headers: HeaderMap
  /** The body. */
  readonly body: B
  // Created on first use: most messages never carry an extension.
  #extensions: Extensions | null

  /**
   * A request with `body` and the given parts; missing parts get their defaults (GET `/`
   * HTTP/1.1, no headers).
   *
   * @example
   * ```ts
   * new Request(null, { method: Method.DELETE, uri: Uri.from('/a') })
   * ```
   */
  constructor(body: B, parts?: Partial<RequestParts>) {
    this.method = parts?.method ?? Method.GET
    this.uri = parts?.uri ?? ROOT
    this.version = parts?.version ?? Version.HTTP_11
    this.headers = parts?.headers ?? new HeaderMap()
    this.#extensions = parts?.extensions ?? null
    this.body = body
  }

  /**
   * Data that travels with the request but is not sent (peer address, route params...).
   *
   * @example
   * ```ts
   * req.extensions.get(Extensions.key<string>('id')) // undefined until inserted
   * ```
   */
  get extensions(): Extensions {
    return (this.#extensions ??= new Extensions())
  }

  /**
   * A builder; see {@link RequestBuilder}.
   *
   * @example
   * ```ts
   * Request.builder().method('PUT').uri('/x').body('data')
   * ```
   */
  static builder(): RequestBuilder {
    return new RequestBuilder()
  }

  /**
   * The request made of `parts` and `body`.
   *
   * @example
   * ```ts
   * Request.fromParts(parts, body)
   * ```
   */
  static fromParts<B>(parts: RequestParts, body: B): Request<B> {
    return new Request(body, parts)
  }

  /**
   * A GET builder for `uri`.
   *
   * @example Request.get('/').body(null)
   */
  static get(uri: Uri | string): RequestBuilder {
    return new RequestBuilder().method(Method.GET).uri(uri)
  }

  /**
   * A POST builder for `uri`.
   *
   * @example Request.post('/x').body('data')
   */
  static post(uri: Uri | string): RequestBuilder {
    return new RequestBuilder().method(Method.POST).uri(uri)
  }

  /**
   * A PUT builder for `uri`.
   *
   * @example Request.put('/x').body('data')
   */
  static put(uri: Uri | string): RequestBuilder {
    return new RequestBuilder().method(Method.PUT).uri(uri)
  }

  /**
   * A DELETE builder for `uri`.
   *
   * @example Request.delete('/x').body(null)
   */
  static delete(uri: Uri | string): RequestBuilder {
    return new RequestBuilder().method(Method.DELETE).uri(uri)
  }

  /**
   * A HEAD builder for `uri`.
   *
   * @example Request.head('/x').body(null)
   */
  static head(uri: Uri | string): RequestBuilder {
    return new RequestBuilder().method(Method.HEAD).uri(uri)
  }

  /**
   * An OPTIONS builder for `uri` (`*` for the whole server).
   *
   * @example Request.options('*').body(null)
   */
  static options(uri: Uri | string): RequestBuilder {
    return new RequestBuilder().method(Method.OPTIONS).uri(uri)
  }

  /**
   * A PATCH builder for `uri`.
   *
   * @example Request.patch('/x').body('data')
   */
  static patch(uri: Uri | string): RequestBuilder {
    return new RequestBuilder().method(Method.PATCH).uri(uri)
  }

  /**
   * A CONNECT builder for `uri` (`host:port`).
   *
   * @example Request.connect('example.com:443').body(null)
   */
  static connect(uri: Uri | string): RequestBuilder {
    return new RequestBuilder().method(Method.CONNECT).uri(uri)
  }

  /**
   * A TRACE builder for `uri`.
   *
   * @example Request.trace('/').body(null)
   */
  static trace(uri: Uri | string): RequestBuilder {
    return new RequestBuilder().method(Method.TRACE).uri(uri)
  }

  /**
   * The parts and the body, to take the request apart.
   *
   * @example
   * ```ts
   * const [{ method, headers }, body] = req.intoParts()
   * ```
   */
  intoParts(): [RequestParts, B] {
    const { method, uri, version, headers, extensions } = this
    return [{ method, uri, version, headers, extensions }, this.body]
  }

  /**
   * The same request (same parts) with its body replaced by `fn(body)`.
   *
   * @example
   * ```ts
   * const text = req.map((bytes) => new TextDecoder().decode(bytes))
   * ```
   */
  map<C>(fn: (body: B) => C): Request<C> {
    return new Request(fn(this.body), this)
  }
}

/**
 * Builds a {@link Request} step by step. A failing step (invalid method, URI, header...) throws
 * nothing: the first error is kept and thrown by {@link RequestBuilder.body}.
 *
 * @example
 * ```ts
 * import { Request } from '@touche/http-types'
 * const req = Request.builder()
 *   .method('POST')
 *   .uri('http://example.com/upload')
 *   .header('content-type', 'text/plain')
 *   .body('hello')
 * ```
 */
export class RequestBuilder extends MessageBuilder {
  #method: Method = Method.GET
  #uri: Uri = ROOT

  /**
   * Sets the method (default GET); a string is validated by `Method.from`.
   *
   * @example
   * ```ts
   * Request.builder().method('PURGE')
   * ```
   */
  method(method: Method | string): this {
    return this.attempt(() => {
      this.#method = typeof method === 'string' ? Method.from(method) : method
    })
  }

  /**
   * Sets the request-target (default `/`); a string is validated by `Uri.from`.
   *
   * @example
   * ```ts
   * Request.builder().uri('/search?q=touche')
   * ```
   */
  uri(uri: Uri | string): this {
    return this.attempt(() => {
      this.#uri = typeof uri === 'string' ? Uri.from(uri) : uri
    })
  }

  /**
   * The request with `body`. Throws the first error any step recorded.
   *
   * @example
   * ```ts
   * Request.get('/').body(null)
   * ```
   */
  body<B>(body: B): Request<B> {
    const { version, headers, extensions } = this.head()
    const method = this.#method
    const uri = this.#uri
    return extensions === null
      ? new Request(body, { method, uri, version, headers })
      : new Request(body, { method, uri, version, headers, extensions })
  }
}
