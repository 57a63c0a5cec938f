import type { DecodeStep, Decoder } from '@touche/h1'
import { ChunkQueue } from '@touche/body/internal'
import type { QueueProducer } from '@touche/body/internal'
import type { Exchange } from './exchange.js'

/** The least rest of a body read into memory of the connection's own. */
const LARGE_REST = 16 * 1024

/** What an incoming body tells its connection. */
export interface IncomingHooks {
  /** The reader wants bytes (its first read, or its queue fell below the mark). */
  onBodyDemand(body: IncomingBody): void
  /** The reader canceled: the rest of the body is to be drained, or the connection closed. */
  onBodyCanceled(body: IncomingBody): void
}

/**
 * The connection side of a request body: decodes bytes through the h1 `Decoder` into the
 * `ChunkQueue` behind the request's `Body`. A full queue makes the connection pause the socket;
 * a read below the mark resumes it (ws `socketOnData`, node-server's `createStreamBody`). After a
 * cancel, decoded bytes are counted and dropped, so the next request is never misread.
 *
 * It also keeps the body's pace for the connection's rate rule: the bytes received, and the time
 * spent waiting for them (not the time the socket was paused because the handler did not read).
 *
 * @example
 * ```ts
 * const body = new IncomingBody(Decoder.length(5), 65536, hooks)
 * const used = body.feed(bytes)
 * if (body.isFull) transport.pause()
 * ```
 */
export class IncomingBody implements QueueProducer {
  readonly queue: ChunkQueue
  readonly #decoder: Decoder
  readonly #hooks: IncomingHooks
  readonly #hwm: number
  /** The exchange whose request this is the body of (set once, when the exchange is made). */
  exchange!: Exchange
  /** Bytes decoded and dropped after a cancel. */
  drained = 0
  /** Bytes of the message received so far (framing included). */
  received = 0
  /** When the last bytes arrived, or the server began waiting for them. */
  progressAt = 0
  #demanded = false
  /** Milliseconds spent waiting for the client's bytes, up to `#waitingSince`. */
  #waited = 0
  #waitingSince = -1

  constructor(decoder: Decoder, highWaterMark: number, hooks: IncomingHooks) {
    this.queue = new ChunkQueue(highWaterMark)
    this.#decoder = decoder
    this.#hooks = hooks
    this.#hwm = highWaterMark
    this.queue.setProducer(this)
  }

  /** The whole body has been received (and queued or dropped). */
  get isDone(): boolean {
    return this.#decoder.isDone
  }

  /** The queue is at its mark: stop reading until the handler catches up. */
  get isFull(): boolean {
    return this.queue.isOpen && this.queue.queuedBytes >= this.#hwm
  }

  /** The reader gave up (or the response finished first): bytes are drained. */
  get isDraining(): boolean {
    return !this.queue.isOpen && !this.#decoder.isDone
  }

  /** Whether the handler has asked for the body at least once. */
  get wasDemanded(): boolean {
    return this.#demanded
  }

  /** Body bytes still expected, when the length is known. */
  get remaining(): number | null {
    return this.#decoder.remaining
  }

  /**
   * The bytes of a large rest of the body still to be read, worth reading into memory of its own
   * (`direct-read.ts`): `Infinity` for a chunked or close-delimited body, 0 when the rest is short,
   * the body is complete or it is being drained.
   */
  get largeRest(): number {
    if (this.isDraining || this.#decoder.isDone) return 0
    const remaining = this.#decoder.remaining
    if (remaining === null) return Infinity
    return remaining >= LARGE_REST ? remaining : 0
  }

  /**
   * Decodes as much of `buf` as belongs to this body and returns how many bytes were used.
   *
   * @throws ParseError on a malformed chunked body.
   */
  feed(buf: Uint8Array): number {
    const decoder = this.#decoder
    let off = 0
    // A consumer may transfer a chunk's `ArrayBuffer` (to a worker, or into a byte stream), which
    // takes every byte of it away. So the first piece waits: it is handed over as a view only if
    // nothing else in `buf` is kept, neither another piece (chunked) nor the bytes after it (a
    // pipelined request); every other piece is a copy.
    let first: Uint8Array | null = null
    let pieces = 0
    let last: DecodeStep | null = null
    while (!decoder.isDone) {
      const step = decoder.decode(off === 0 ? buf : buf.subarray(off))
      off += step.consumed
      const data = step.data
      if (data !== null && data.length > 0) {
        if (!this.queue.isOpen) this.drained += data.length
        else if (pieces++ === 0) first = data
        else {
          if (first !== null) this.queue.push(first.slice())
          first = null
          this.queue.push(data.slice())
        }
      }
      if (step.done) {
        last = step
        break
      }
      if (step.consumed === 0 || off >= buf.length) break
    }
    if (first !== null) this.queue.push(off === buf.length ? first : first.slice())
    if (last !== null) this.queue.end(last.trailers)
    this.received += off
    return off
  }

  /**
   * The stream ended: a length or chunked body that stopped short is incomplete.
   *
   * @throws ParseError 'incomplete' when the body is not complete.
   */
  finish(): void {
    this.#decoder.finish()
  }

  /** Fails the body (the handler's reads reject). */
  fail(error: unknown): void {
    this.queue.fail(error)
  }

  /** The server is now waiting for the client's bytes (the socket reads for this body). */
  startWaiting(now: number): void {
    if (this.#waitingSince >= 0) return
    this.#waitingSince = now
    this.progressAt = now
  }

  /** The server stopped waiting: the queue is full, or the body is complete. */
  stopWaiting(now: number): void {
    if (this.#waitingSince < 0) return
    this.#waited += now - this.#waitingSince
    this.#waitingSince = -1
  }

  /** Milliseconds spent waiting for the client's bytes so far. */
  waited(now: number): number {
    return this.#waitingSince < 0 ? this.#waited : this.#waited + now - this.#waitingSince
  }

  /** @internal */
  onDemand(): void {
    this.#demanded = true
    this.#hooks.onBodyDemand(this)
  }

  /** @internal */
  onCancel(): void {
    this.#hooks.onBodyCanceled(this)
  }
}
