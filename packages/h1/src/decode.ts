import { ChunkedDecoder } from './chunked.js'
import { ParseError } from './errors.js'
import type { Limits } from './limits.js'
import { DEFAULT_LIMITS } from './limits.js'
import type { BodyLength, DecodeStep } from './types.js'

/** Which framing a {@link Decoder} reads. */
export type DecoderKind = 'length' | 'chunked' | 'eof'

const DONE_STEP: DecodeStep = Object.freeze({
  data: null,
  consumed: 0,
  done: true,
  trailers: null,
})

/**
 * Reads one message body out of the bytes that follow a head, as hyper's `Decoder`: a fixed
 * length, the chunked coding, or everything until the connection closes.
 *
 * Sans-I/O and incremental: `decode(buf)` takes whatever bytes have arrived, returns body data as
 * a view of `buf` (never a copy) and how many bytes it consumed. The caller drops the consumed
 * bytes, hands the data on, and calls again with the rest or with the next bytes to arrive. Any
 * split of the input gives the same body, and each byte is looked at once.
 *
 * @example
 * ```ts
 * import { Decoder } from '@touche/h1'
 * const decoder = Decoder.chunked()
 * let bytes = new TextEncoder().encode('3\r\nabc\r\n0\r\n\r\n')
 * while (!decoder.isDone && bytes.length > 0) {
 *   const step = decoder.decode(bytes)
 *   if (step.data) console.log(step.data.length) // 3
 *   bytes = bytes.subarray(step.consumed)
 * }
 * ```
 */
export class Decoder {
  /** The framing this decoder reads. */
  readonly kind: DecoderKind
  /** Bytes still expected by a length body. */
  #remaining: number
  #chunked: ChunkedDecoder | null
  /** A close-delimited body has seen the end of the stream. */
  #eofSeen = false

  private constructor(kind: DecoderKind, remaining: number, chunked: ChunkedDecoder | null) {
    this.kind = kind
    this.#remaining = remaining
    this.#chunked = chunked
  }

  /**
   * A body of exactly `n` bytes (Content-Length, RFC 9112 §6.2). `Decoder.length(0)` is done
   * before it reads anything.
   *
   * @throws RangeError when `n` is not a non-negative safe integer.
   * @example
   * ```ts
   * const decoder = Decoder.length(5)
   * decoder.decode(new TextEncoder().encode('helloGET /')).consumed // 5
   * ```
   */
  static length(n: number): Decoder {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`a body length must be a non-negative safe integer, got ${String(n)}`)
    }
    return new Decoder('length', n, null)
  }

  /**
   * A chunked body (RFC 9112 §7.1), bounded by the extension, trailer and field-count limits.
   *
   * @example
   * ```ts
   * const decoder = Decoder.chunked(resolveLimits({ maxTrailerBytes: 1024 }))
   * ```
   */
  static chunked(limits: Limits = DEFAULT_LIMITS): Decoder {
    return new Decoder('chunked', 0, new ChunkedDecoder(limits))
  }

  /**
   * A body that runs until the connection closes (responses only, RFC 9112 §6.3 rule 8): every
   * byte is body, and {@link Decoder.finish} marks the end.
   *
   * @example
   * ```ts
   * const decoder = Decoder.eof()
   * decoder.decode(bytes) // all of bytes is data
   * decoder.finish() // the peer closed: the body is complete
   * ```
   */
  static eof(): Decoder {
    return new Decoder('eof', 0, null)
  }

  /**
   * The decoder for a framing decision, as hyper's `Decoder::new(DecodedLength)`: `none` is a
   * zero-length body, `close` reads to the end of the stream.
   *
   * @example
   * ```ts
   * const parsed = parser.parse(bytes)
   * if (parsed) body = Decoder.from(parsed.body, limits)
   * ```
   */
  static from(body: BodyLength, limits: Limits = DEFAULT_LIMITS): Decoder {
    switch (body.kind) {
      case 'none':
        return Decoder.length(0)
      case 'length':
        return Decoder.length(body.length)
      case 'chunked':
        return Decoder.chunked(limits)
      case 'close':
        return Decoder.eof()
    }
  }

  /**
   * Whether the body is complete; bytes after the last `consumed` belong to the next message.
   *
   * @example
   * ```ts
   * Decoder.length(0).isDone // true
   * ```
   */
  get isDone(): boolean {
    if (this.#chunked !== null) return this.#chunked.isDone
    return this.kind === 'length' ? this.#remaining === 0 : this.#eofSeen
  }

  /**
   * Body bytes still expected: exact for a length body, null when the framing does not say
   * (chunked, close-delimited). A size hint for flow control and `Content-Length` forwarding.
   *
   * @example
   * ```ts
   * const decoder = Decoder.length(10)
   * decoder.decode(new Uint8Array(4))
   * decoder.remaining // 6
   * ```
   */
  get remaining(): number | null {
    return this.kind === 'length' ? this.#remaining : null
  }

  /**
   * Decodes body bytes from the start of `buf`. Returns at most one run of data (a view of `buf`),
   * and the final step can carry data and `done` together. When `data` is null and `done` is
   * false, all of `buf` was consumed and more bytes are needed.
   *
   * @throws ParseError on a malformed chunked body (`chunk-size`, `chunk-extension`,
   *   `chunk-extension-too-long`, `chunk-data`, `trailers`, `trailers-too-large`).
   * @example
   * ```ts
   * const step = Decoder.length(3).decode(new TextEncoder().encode('abcdef'))
   * step.data // the view 'abc'
   * step.consumed // 3
   * step.done // true
   * ```
   */
  decode(buf: Uint8Array): DecodeStep {
    if (this.#chunked !== null) return this.#chunked.decode(buf)
    if (this.kind === 'eof') {
      if (this.#eofSeen) return DONE_STEP
      const n = buf.length
      return { data: n > 0 ? buf : null, consumed: n, done: false, trailers: null }
    }
    const remaining = this.#remaining
    if (remaining === 0) return DONE_STEP
    const take = buf.length < remaining ? buf.length : remaining
    this.#remaining = remaining - take
    return {
      data: take === 0 ? null : take === buf.length ? buf : buf.subarray(0, take),
      consumed: take,
      done: take === remaining,
      trailers: null,
    }
  }

  /**
   * Tells the decoder the stream has ended. Completes a close-delimited body; a length or
   * chunked body that is not complete yet was cut short.
   *
   * @throws ParseError `incomplete` when a length or chunked body has not been fully read.
   * @example
   * ```ts
   * const decoder = Decoder.length(10)
   * decoder.decode(new Uint8Array(4))
   * decoder.finish() // throws ParseError, kind 'incomplete'
   * ```
   */
  finish(): void {
    if (this.#chunked !== null) {
      this.#chunked.finish()
    } else if (this.kind === 'eof') {
      this.#eofSeen = true
    } else if (this.#remaining > 0) {
      throw new ParseError(
        'incomplete',
        `the stream ended ${String(this.#remaining)} bytes before the end of the body`
      )
    }
  }
}
