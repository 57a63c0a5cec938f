import { stat } from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import { ReadableStream } from 'node:stream/web'
import type { HeaderMap } from '@touche/http-types'
import { ChunkQueue, DEFAULT_CHANNEL_HIGH_WATER_MARK } from './body-queue.js'
import { BodySender } from './body-sender.js'
import { BodyError } from './errors.js'
import { collect, readerOf } from './body-source.js'
import type {
  BodyFromOptions,
  BodyInit,
  BodySource,
  ReadableStreamLike,
  SizeHint,
} from './body-source.js'

const utf8 = new TextEncoder()
const EMPTY_SOURCE: BodySource = { kind: 'empty', length: 0 }
let sourceOf: (body: Body) => BodySource
let takeSource: (body: Body) => BodySource

/**
 * The body of requests and responses (touché's `Body`): fixed bytes, a string, a stream, an async
 * iterable, a channel or a file. Read it once, as a WHATWG stream (`stream()`, created only when
 * asked for), whole (`bytes()`, `text()`, `json()`) or by `for await`; trailers arrive through
 * `trailers()`.
 *
 * @example
 * ```ts
 * import { Body } from '@touche/body'
 * import { Response } from '@touche/http-types'
 * const handler = async (req: Request<Body>) => {
 *   const name = await req.body.text()
 *   return Response.builder().body(Body.from(`hello ${name}`))
 * }
 * ```
 */
export class Body implements AsyncIterable<Uint8Array> {
  #src: BodySource
  #used = false

  static {
    sourceOf = (body) => body.#src
    takeSource = (body) => {
      if (body.#src.kind !== 'empty' && body.#used) throw new TypeError('body already used')
      body.#used = true
      return body.#src
    }
  }

  /** @internal Use the static constructors. */
  constructor(src: BodySource) {
    this.#src = src
  }

  /**
   * A body with no bytes.
   *
   * @example
   * ```ts
   * Response.builder().status(204).body(Body.empty())
   * ```
   */
  static empty(): Body {
    return EMPTY_BODY
  }

  /**
   * Wraps any supported body source. Strings are UTF-8; streams and iterables are read lazily.
   * A `length` option declares the exact length of a streamed body (also of a `Body` given here).
   *
   * @example
   * ```ts
   * Body.from('hi')
   * Body.from(new Uint8Array([1, 2]))
   * Body.from(fs.createReadStream('big.bin'), { length: size })
   * ```
   */
  static from(init: BodyInit, options: BodyFromOptions = {}): Body {
    if (init instanceof Body)
      return options.length === undefined ? init : withLength(init, options.length)
    if (init === null || init === undefined) return EMPTY_BODY
    if (typeof init === 'string') return new Body({ kind: 'string', data: init, length: -1 })
    if (init instanceof Uint8Array) {
      return new Body({ kind: 'bytes', data: init, length: init.length })
    }
    const length = options.length ?? -1
    const trailers = options.trailers ?? null
    if (typeof (init as ReadableStreamLike).getReader === 'function') {
      const own = options.trailers === undefined ? takeUnread(init as ReadableStreamLike) : null
      if (own !== null) {
        return options.length === undefined ? new Body(own) : withLength(new Body(own), length)
      }
      return new Body({ kind: 'stream', stream: init as ReadableStreamLike, length, trailers })
    }
    if (typeof (init as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
      return new Body({
        kind: 'iterable',
        iterable: init as AsyncIterable<Uint8Array>,
        length,
        trailers,
      })
    }
    throw new TypeError('unsupported body type')
  }

  /**
   * A body streamed from a file, with its length known up front (so it gets Content-Length).
   *
   * @example
   * ```ts
   * return Response.builder().header('content-type', 'image/png').body(await Body.file('a.png'))
   * ```
   */
  static async file(path: string): Promise<Body> {
    const info = await stat(path)
    if (!info.isFile()) throw new TypeError(`not a file: ${path}`)
    const iterable = createReadStream(path, { highWaterMark: 64 * 1024 })
    return new Body({ kind: 'iterable', iterable, length: info.size, trailers: null })
  }

  /**
   * A body fed by a sender (hyper's `Body::channel`): `send` resolves when there is room, so the
   * producer follows the reader's pace.
   *
   * @example
   * ```ts
   * const [sender, body] = Body.channel()
   * void produce(sender)
   * return Response.builder().body(body)
   * ```
   */
  static channel(options: { highWaterMark?: number } = {}): [BodySender, Body] {
    const queue = new ChunkQueue(options.highWaterMark ?? DEFAULT_CHANNEL_HIGH_WATER_MARK)
    const sender = new BodySender(queue)
    return [sender, new Body({ kind: 'queue', queue, length: -1 })]
  }

  /** Whether the body was already read (a body can be read once). */
  get bodyUsed(): boolean {
    return this.#used
  }

  /** The exact length in bytes, when known. */
  get length(): number | undefined {
    const src = this.#src
    if (src.kind === 'string' && src.length < 0) src.length = Buffer.byteLength(src.data)
    return src.length < 0 ? undefined : src.length
  }

  /** Bounds on the length. */
  sizeHint(): SizeHint {
    const length = this.length
    return length === undefined ? { lower: 0, upper: undefined } : { lower: length, upper: length }
  }

  /**
   * The body as a WHATWG `ReadableStream` (created on this call, not before).
   *
   * @example
   * ```ts
   * await req.body.stream().pipeTo(writable)
   * ```
   */
  stream(): ReadableStream<Uint8Array> {
    const src = takeSource(this)
    if (src.kind === 'stream' && src.stream instanceof ReadableStream) {
      return src.stream as ReadableStream<Uint8Array>
    }
    const reader = readerOf(src)
    const stream: ReadableStream<Uint8Array> = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (taken.has(stream)) {
            controller.error(new TypeError('the body was moved into another body'))
            return
          }
          unread.delete(stream)
          const chunk = await reader.read()
          if (chunk === null) controller.close()
          else controller.enqueue(chunk)
        },
        cancel(reason) {
          unread.delete(stream)
          reader.cancel(reason)
        },
      },
      { highWaterMark: 0 }
    )
    unread.set(stream, src)
    return stream
  }

  /**
   * Reads the whole body.
   *
   * @example
   * ```ts
   * const bytes = await req.body.bytes()
   * ```
   */
  bytes(): Promise<Uint8Array> {
    const src = takeSource(this)
    switch (src.kind) {
      case 'empty':
        return Promise.resolve(new Uint8Array(0))
      case 'bytes':
        return Promise.resolve(src.data)
      case 'string':
        return Promise.resolve(utf8.encode(src.data))
      case 'queue':
      case 'stream':
      case 'iterable':
        return collect(readerOf(src))
    }
  }

  /**
   * Reads the whole body as UTF-8 text.
   *
   * @example
   * ```ts
   * const text = await req.body.text()
   * ```
   */
  async text(): Promise<string> {
    const src = this.#src
    if (src.kind === 'string') {
      takeSource(this)
      return src.data
    }
    const bytes = await this.bytes()
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
  }

  /**
   * Reads the whole body and parses it as JSON.
   *
   * @example
   * ```ts
   * const { name } = (await req.body.json()) as { name: string }
   * ```
   */
  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown
  }

  /**
   * The trailer fields, once the body has been read to its end; null when there were none.
   *
   * @example
   * ```ts
   * await req.body.bytes()
   * const trailers = await req.body.trailers()
   * trailers?.get('x-checksum')
   * ```
   */
  trailers(): Promise<HeaderMap | null> {
    const src = this.#src
    switch (src.kind) {
      case 'queue':
        return src.queue.trailers()
      case 'stream':
      case 'iterable':
        return src.trailers === null ? Promise.resolve(null) : Promise.resolve(src.trailers())
      case 'empty':
      case 'bytes':
      case 'string':
        return Promise.resolve(null)
    }
  }

  /**
   * Iterates the chunks.
   *
   * @example
   * ```ts
   * for await (const chunk of req.body) hash.update(chunk)
   * ```
   */
  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    const reader = readerOf(takeSource(this))
    let done = false
    try {
      for (;;) {
        const chunk = await reader.read()
        if (chunk === null) {
          done = true
          return
        }
        yield chunk
      }
    } finally {
      if (!done) reader.cancel(undefined)
    }
  }
}

const EMPTY_BODY = new Body(EMPTY_SOURCE)

function withLength(body: Body, length: number): Body {
  const src = takeSource(body)
  switch (src.kind) {
    case 'queue':
    case 'stream':
    case 'iterable':
      return new Body({ ...src, length })
    case 'empty':
    case 'bytes':
    case 'string':
      return new Body(src)
  }
}

/** @internal The source of a body, without marking it used (for framing decisions). */
export function peekSource(body: Body): BodySource {
  return sourceOf(body)
}

/** @internal Marks the body used and returns its source (for the writer of a message). */
export function useSource(body: Body): BodySource {
  return takeSource(body)
}

/**
 * @internal Releases a body that will never be written (its connection closed): a file
 * is closed, a stream canceled, an iterator returned.
 */
export function discardBody(init: BodyInit): void {
  if (init === null || init === undefined || typeof init === 'string') return
  if (init instanceof Uint8Array) return
  const body = init instanceof Body ? init : Body.from(init)
  if (body.bodyUsed) return
  readerOf(takeSource(body)).cancel(new BodyError('ERR_BODY_CANCELED'))
}

/**
 * Streams made by `stream()` that nothing has read yet, to the source they would read. A body
 * made from one of them (a request body echoed or forwarded as it came, as fetch handlers do with
 * `new Response(request.body)`) reads that source directly: no stream in between, and what has
 * arrived already is sent with the head.
 */
const unread = new WeakMap<object, BodySource>()

/** Streams whose source a body took: reading them fails, so the source is read only once. */
const taken = new WeakSet<object>()

/** The source of an unread stream of ours, which from then on is an error to read. */
function takeUnread(stream: ReadableStreamLike): BodySource | null {
  const src = unread.get(stream)
  if (src === undefined || (stream as { locked?: boolean }).locked === true) return null
  unread.delete(stream)
  taken.add(stream)
  return src
}
