import type { HeaderMap } from '@touche/http-types'
import { EncodeError } from './errors.js'

/** Which framing an {@link Encoder} writes. */
export type EncoderKind = 'length' | 'chunked' | 'close' | 'none'

const CRLF = Uint8Array.of(0x0d, 0x0a)
/** last-chunk and the empty trailer section: the whole end of a chunked body without trailers. */
const LAST_CHUNK_EMPTY = Uint8Array.of(0x30, 0x0d, 0x0a, 0x0d, 0x0a)

/** Size lines kept for reuse; bodies stream in a few repeated sizes (stream high-water marks). */
const SIZE_LINE_CACHE_MAX = 512
const sizeLines = new Map<number, Uint8Array>()

/**
 * Fields that cannot be sent as trailers: framing, routing, authentication, request modifiers and
 * content format must be known before the content (RFC 9110 §6.5.1), as hyper's
 * `is_valid_trailer_field`, plus the connection-specific fields.
 */
const FORBIDDEN_TRAILERS: ReadonlySet<string> = new Set([
  'authorization',
  'cache-control',
  'connection',
  'content-encoding',
  'content-length',
  'content-range',
  'content-type',
  'expect',
  'host',
  'keep-alive',
  'max-forwards',
  'proxy-authorization',
  'proxy-connection',
  'range',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

/**
 * Frames an outgoing body, as hyper's `Encoder`: it enforces a declared Content-Length, adds the
 * chunked coding's size lines and CRLFs, and writes the last chunk with any trailers.
 *
 * `encode(chunk)` returns the pieces to write in order (the chunk itself is never copied); `end()`
 * returns what finishes the body, or null when nothing is left to write. Returned pieces other
 * than the chunk are shared and must not be modified.
 *
 * @example
 * ```ts
 * import { Encoder } from '@touche/h1'
 * const encoder = Encoder.chunked()
 * for (const piece of encoder.encode(new TextEncoder().encode('hello'))) socket.write(piece)
 * socket.write(encoder.end()!) // '0\r\n\r\n'
 * ```
 */
export class Encoder {
  /** The framing this encoder writes. */
  readonly kind: EncoderKind
  /** Bytes still owed to a declared Content-Length. */
  #remaining: number
  #ended = false

  private constructor(kind: EncoderKind, remaining: number) {
    this.kind = kind
    this.#remaining = remaining
  }

  /**
   * Exactly `n` bytes, as declared by Content-Length: writing more throws `body-too-long`, ending
   * with fewer throws `body-too-short`.
   *
   * @throws RangeError when `n` is not a non-negative safe integer.
   * @example
   * ```ts
   * const encoder = Encoder.length(5)
   * encoder.encode(new TextEncoder().encode('hello')) // [the chunk]
   * encoder.end() // null: nothing more to write
   * ```
   */
  static length(n: number): Encoder {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`a body length must be a non-negative safe integer, got ${String(n)}`)
    }
    return new Encoder('length', n)
  }

  /**
   * The chunked transfer coding (RFC 9112 §7.1), the only framing that can carry trailers.
   *
   * @example
   * ```ts
   * const encoder = Encoder.chunked()
   * encoder.encode(new TextEncoder().encode('hi')) // ['2\r\n', chunk, '\r\n'] as bytes
   * ```
   */
  static chunked(): Encoder {
    return new Encoder('chunked', 0)
  }

  /**
   * A body ended by closing the connection (HTTP/1.0 responses of unknown length): bytes pass
   * through unchanged and the caller closes after `end()`.
   *
   * @example
   * ```ts
   * const encoder = Encoder.closeDelimited()
   * encoder.encode(chunk) // [chunk]
   * ```
   */
  static closeDelimited(): Encoder {
    return new Encoder('close', 0)
  }

  /**
   * No body at all (HEAD responses, 1xx, 204, 304): any body byte throws `body-not-allowed`.
   *
   * @example
   * ```ts
   * Encoder.none().encode(new Uint8Array(1)) // throws EncodeError, kind 'body-not-allowed'
   * ```
   */
  static none(): Encoder {
    return new Encoder('none', 0)
  }

  /**
   * Whether the body is chunked, so trailers can be sent.
   *
   * @example
   * ```ts
   * Encoder.chunked().isChunked // true
   * ```
   */
  get isChunked(): boolean {
    return this.kind === 'chunked'
  }

  /**
   * Bytes still owed to the declared length; 0 for no body, null when the framing has no length.
   *
   * @example
   * ```ts
   * const encoder = Encoder.length(10)
   * encoder.encode(new Uint8Array(4))
   * encoder.remaining // 6
   * ```
   */
  get remaining(): number | null {
    return this.kind === 'chunked' || this.kind === 'close' ? null : this.#remaining
  }

  /**
   * Whether `end()` has been called.
   *
   * @example
   * ```ts
   * const encoder = Encoder.none()
   * encoder.end()
   * encoder.isEnded // true
   * ```
   */
  get isEnded(): boolean {
    return this.#ended
  }

  /**
   * The pieces that carry `chunk`, to write in order. An empty chunk gives no pieces (a zero-size
   * chunk would end a chunked body).
   *
   * @throws EncodeError `body-too-long` past a declared length (nothing is counted then),
   *   `body-not-allowed` for a message without a body, `body-ended` after `end()`.
   * @example
   * ```ts
   * Encoder.chunked().encode(new Uint8Array(300)) // ['12c\r\n', chunk, '\r\n'] as bytes
   * ```
   */
  encode(chunk: Uint8Array): Uint8Array[] {
    if (this.#ended) throw new EncodeError('body-ended')
    const n = chunk.length
    if (n === 0) return []
    switch (this.kind) {
      case 'length':
        if (n > this.#remaining) {
          throw new EncodeError(
            'body-too-long',
            `${String(n)} bytes written with ${String(this.#remaining)} left of the declared length`
          )
        }
        this.#remaining -= n
        return [chunk]
      case 'chunked':
        return [sizeLine(n), chunk, CRLF]
      case 'close':
        return [chunk]
      case 'none':
        throw new EncodeError('body-not-allowed')
    }
  }

  /**
   * Finishes the body. For chunked, returns the last chunk, the trailer fields and the final CRLF;
   * for the other framings there is nothing to write and it returns null.
   *
   * @throws EncodeError `body-too-short` when a declared length was not reached, `trailers` when
   *   trailers are given for a body that is not chunked or name a field that cannot be a trailer,
   *   `body-ended` when called twice.
   * @example
   * ```ts
   * const encoder = Encoder.chunked()
   * const trailers = new HeaderMap()
   * trailers.append('grpc-status', '0')
   * encoder.end(trailers) // '0\r\ngrpc-status: 0\r\n\r\n' as bytes
   * ```
   */
  end(trailers?: HeaderMap | null): Uint8Array | null {
    if (this.#ended) throw new EncodeError('body-ended')
    const hasTrailers = trailers !== undefined && trailers !== null && trailers.size > 0
    if (this.kind !== 'chunked') {
      if (hasTrailers)
        throw new EncodeError('trailers', `a ${this.kind} body cannot carry trailers`)
      if (this.kind === 'length' && this.#remaining > 0) {
        throw new EncodeError(
          'body-too-short',
          `the body ended ${String(this.#remaining)} bytes before the declared length`
        )
      }
      this.#ended = true
      return null
    }
    const last = hasTrailers ? lastChunkWithTrailers(trailers) : LAST_CHUNK_EMPTY
    this.#ended = true
    return last
  }
}

/** `<hex size>\r\n`, cached for sizes seen before. */
function sizeLine(n: number): Uint8Array {
  const cached = sizeLines.get(n)
  if (cached !== undefined) return cached
  const line = latin1(n.toString(16) + '\r\n')
  if (sizeLines.size < SIZE_LINE_CACHE_MAX) sizeLines.set(n, line)
  return line
}

function lastChunkWithTrailers(trailers: HeaderMap): Uint8Array {
  let out = '0\r\n'
  let forbidden: string | null = null
  trailers.forEach((value, name) => {
    if (FORBIDDEN_TRAILERS.has(name)) forbidden ??= name
    out += name + ': ' + value + '\r\n'
  })
  if (forbidden !== null) {
    throw new EncodeError('trailers', `${forbidden} cannot be sent as a trailer field`)
  }
  return latin1(out + '\r\n')
}

/** Header values are byte strings (one char per byte), so latin1 is the exact encoding. */
function latin1(s: string): Uint8Array {
  const bytes = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i)
  return bytes
}
