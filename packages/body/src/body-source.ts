import type { HeaderMap } from '@touche/http-types'
import type { ChunkQueue } from './body-queue.js'
import type { Body } from './body.js'

/**
 * Any object with `getReader()` in the WHATWG shape: Node's `ReadableStream`, a polyfill's, or a
 * `fetch` response body. touche never relies on `instanceof ReadableStream`.
 *
 * @example
 * ```ts
 * const s: ReadableStreamLike = new ReadableStream({ pull(c) { c.close() } })
 * ```
 */
export interface ReadableStreamLike {
  getReader(): {
    read(): PromiseLike<{ done: boolean; value?: Uint8Array | undefined }>
    cancel(reason?: unknown): PromiseLike<void>
  }
}

/**
 * Anything a message (or `Body.from`) accepts as a body.
 *
 * @example
 * ```ts
 * const init: BodyInit = 'Hello World'
 * ```
 */
export type BodyInit =
  | Body
  | string
  | Uint8Array
  | ReadableStreamLike
  | AsyncIterable<Uint8Array | string>
  | null
  | undefined

/**
 * Options for `Body.from`.
 *
 * @example
 * ```ts
 * Body.from(stream, { length: 1024, trailers: () => checksumTrailers() })
 * ```
 */
export interface BodyFromOptions {
  /** The exact length, when known: the message then uses Content-Length instead of chunked. */
  readonly length?: number
  /** Called after the last chunk; its fields are sent as trailers when the message is chunked. */
  readonly trailers?: () => HeaderMap | null | PromiseLike<HeaderMap | null>
}

/**
 * Bounds on a body's length in bytes; `lower === upper` when the length is exact (http-body's
 * `SizeHint`).
 *
 * @example
 * ```ts
 * const { lower, upper } = req.body.sizeHint()
 * ```
 */
export interface SizeHint {
  readonly lower: number
  readonly upper: number | undefined
}

/**
 * Computes trailer fields after the last chunk of a streamed body.
 *
 * @example
 * ```ts
 * const trailers: TrailersFn = () => new HeaderMap({ 'x-checksum': hash.digest('hex') })
 * ```
 */
export type TrailersFn = () => HeaderMap | null | PromiseLike<HeaderMap | null>

/** @internal Where a body's bytes come from; `length` is -1 when unknown. */
export type BodySource =
  | { readonly kind: 'empty'; readonly length: 0 }
  | { readonly kind: 'bytes'; readonly data: Uint8Array; readonly length: number }
  | { readonly kind: 'string'; readonly data: string; length: number }
  | { readonly kind: 'queue'; readonly queue: ChunkQueue; readonly length: number }
  | {
      readonly kind: 'stream'
      readonly stream: ReadableStreamLike
      readonly length: number
      readonly trailers: TrailersFn | null
    }
  | {
      readonly kind: 'iterable'
      readonly iterable: AsyncIterable<Uint8Array | string>
      readonly length: number
      readonly trailers: TrailersFn | null
    }

/** @internal One pull-based reading interface over every source. */
export interface BodyReader {
  /** The next chunk, or null at the end. */
  read(): Promise<Uint8Array | null>
  /**
   * The next chunk or null (the end) when either is known now, undefined when only `read()` can
   * tell: a writer that takes what is ready sends it with the head, in one write.
   */
  readNow(): Uint8Array | null | undefined
  /** Abandons the source (releases a file, cancels a stream). Never throws. */
  cancel(reason: unknown): void
  /** Trailers, valid after `read()` returned null. */
  trailers(): HeaderMap | null | PromiseLike<HeaderMap | null>
}

const utf8 = new TextEncoder()

/** Converts a chunk given by user code to bytes (strings are UTF-8). */
export function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk
  if (typeof chunk === 'string') return utf8.encode(chunk)
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk)
  throw new TypeError('body chunks must be Uint8Array or string')
}

/** @internal */
export function readerOf(src: BodySource): BodyReader {
  switch (src.kind) {
    case 'empty':
      return new FixedReader(null)
    case 'bytes':
      return new FixedReader(src.data)
    case 'string':
      return new FixedReader(utf8.encode(src.data))
    case 'queue':
      return new QueueReader(src.queue)
    case 'stream':
      return new StreamReader(src.stream, src.trailers)
    case 'iterable':
      return new IterableReader(src.iterable, src.trailers)
  }
}

class FixedReader implements BodyReader {
  #chunk: Uint8Array | null
  constructor(chunk: Uint8Array | null) {
    this.#chunk = chunk !== null && chunk.length > 0 ? chunk : null
  }
  read(): Promise<Uint8Array | null> {
    return Promise.resolve(this.readNow())
  }
  readNow(): Uint8Array | null {
    const c = this.#chunk
    this.#chunk = null
    return c
  }
  cancel(): void {
    this.#chunk = null
  }
  trailers(): null {
    return null
  }
}

class QueueReader implements BodyReader {
  readonly #queue: ChunkQueue
  constructor(queue: ChunkQueue) {
    this.#queue = queue
  }
  read(): Promise<Uint8Array | null> {
    return this.#queue.read()
  }
  readNow(): Uint8Array | null | undefined {
    return this.#queue.tryRead()
  }
  cancel(reason: unknown): void {
    this.#queue.cancel(reason)
  }
  trailers(): HeaderMap | null {
    return this.#queue.endTrailers
  }
}

class StreamReader implements BodyReader {
  readonly #reader: ReturnType<ReadableStreamLike['getReader']>
  readonly #trailers: TrailersFn | null
  constructor(stream: ReadableStreamLike, trailers: TrailersFn | null) {
    this.#reader = stream.getReader()
    this.#trailers = trailers
  }
  async read(): Promise<Uint8Array | null> {
    const r = await this.#reader.read()
    return r.done ? null : toBytes(r.value)
  }
  readNow(): undefined {
    return undefined
  }
  cancel(reason: unknown): void {
    Promise.resolve(this.#reader.cancel(reason)).catch(ignore)
  }
  trailers(): HeaderMap | null | PromiseLike<HeaderMap | null> {
    return this.#trailers === null ? null : this.#trailers()
  }
}

class IterableReader implements BodyReader {
  readonly #it: AsyncIterator<Uint8Array | string>
  readonly #trailers: TrailersFn | null
  constructor(iterable: AsyncIterable<Uint8Array | string>, trailers: TrailersFn | null) {
    this.#it = iterable[Symbol.asyncIterator]()
    this.#trailers = trailers
  }
  async read(): Promise<Uint8Array | null> {
    const r = await this.#it.next()
    return r.done === true ? null : toBytes(r.value)
  }
  readNow(): undefined {
    return undefined
  }
  cancel(reason: unknown): void {
    const ret = this.#it.return
    if (ret === undefined) return
    Promise.resolve()
      .then(() => ret.call(this.#it, reason))
      .catch(ignore)
  }
  trailers(): HeaderMap | null | PromiseLike<HeaderMap | null> {
    return this.#trailers === null ? null : this.#trailers()
  }
}

function ignore(): void {}

/** Reads a whole body into one buffer (no copy for a single chunk). */
export async function collect(reader: BodyReader): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const chunk = await reader.read()
    if (chunk === null) break
    chunks.push(chunk)
    total += chunk.length
  }
  if (chunks.length === 1) return chunks[0]!
  return Buffer.concat(chunks, total)
}
