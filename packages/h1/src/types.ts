import type { HeaderMap, Method, StatusCode, Version } from '@touche/http-types'

/**
 * How the length of a message body is known (RFC 9112 §6.3): no body, an exact number of bytes,
 * chunked transfer coding, or everything until the connection closes (responses only).
 *
 * @example
 * ```ts
 * import type { BodyLength } from '@touche/h1'
 * const fixed: BodyLength = { kind: 'length', length: 12 }
 * ```
 */
export type BodyLength =
  | { readonly kind: 'none' }
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'chunked' }
  | { readonly kind: 'close' }

/**
 * A parsed request head and the facts a server policy needs. Produced by `RequestParser.parse`.
 *
 * @example
 * ```ts
 * const parsed = parser.parse(bytes)
 * if (parsed) console.log(parsed.method.toString(), parsed.target, parsed.body.kind)
 * ```
 */
export interface ParsedRequest {
  /**
   * Interned for standard methods and for extension methods the application made with
   * `Method.from`, so `parsed.method === Method.GET` works; any other is a fresh `Method`.
   */
  readonly method: Method
  /** The request-target exactly as received (RFC 9112 §3.2), decoded as latin1. */
  readonly target: string
  /** `Version.HTTP_10` or `Version.HTTP_11` (HTTP/1.x with x > 1 is reported as 1.1). */
  readonly version: Version
  /** Every field line in order, names as received (original case), values with OWS trimmed. */
  readonly headers: HeaderMap
  /** Bytes of the input the head took, including the final empty line. */
  readonly consumed: number
  /** The request body's framing (requests are never close-delimited). */
  readonly body: BodyLength
  /** Whether the client wants the connection kept open (version default and `Connection`). */
  readonly keepAlive: boolean
  /** `Expect: 100-continue` was sent (HTTP/1.1 only, RFC 9110 §10.1.1). */
  readonly expectContinue: boolean
  /** The client asked to switch protocols (`Upgrade` listed in `Connection`), or this is CONNECT. */
  readonly upgrade: boolean
  /** `TE: trailers` was sent: the client accepts trailer fields in a chunked response. */
  readonly acceptsTrailers: boolean
  /**
   * The client sent the `close` connection option: the server must close the connection after
   * its final response (RFC 9112 §9.6), whatever its own policy. `keepAlive` is false then too;
   * this tells an explicit request from the HTTP/1.0 default. (Framing that would also force a
   * close, such as Transfer-Encoding with Content-Length, is rejected by the parser instead.)
   */
  readonly mustClose: boolean
}

/**
 * A parsed response head (for clients and tests). Produced by `ResponseParser.parse`.
 *
 * @example
 * ```ts
 * const parsed = new ResponseParser().parse(bytes, { method: Method.GET })
 * parsed?.status.code // 200
 * ```
 */
export interface ParsedResponse {
  readonly status: StatusCode
  /** The reason phrase as received (may be empty). */
  readonly reason: string
  readonly version: Version
  readonly headers: HeaderMap
  readonly consumed: number
  readonly body: BodyLength
  /** Whether the server lets the connection persist (version default, `Connection`, framing). */
  readonly keepAlive: boolean
  /**
   * The `timeout` of a `Keep-Alive` field in seconds (how long the server keeps an idle
   * connection), or -1 when there is none.
   */
  readonly keepAliveTimeout: number
}

/**
 * One step of body decoding. `data` is a view into the input (zero copy) or null; the caller
 * drops `consumed` bytes and calls again while `done` is false.
 *
 * @example
 * ```ts
 * const step = decoder.decode(bytes)
 * if (step.data) sink(step.data)
 * bytes = bytes.subarray(step.consumed)
 * ```
 */
export interface DecodeStep {
  readonly data: Uint8Array | null
  readonly consumed: number
  /** The body is complete; bytes after `consumed` belong to the next message. */
  readonly done: boolean
  /** Trailer fields, on the final step of a chunked body that had any. */
  readonly trailers: HeaderMap | null
}
