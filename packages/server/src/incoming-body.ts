import type { Decoder } from '@touche/h1'
import { ChunkQueue } from './body-queue.js'
import type { QueueProducer } from './body-queue.js'

/** The least rest of a body read into memory of the connection's own. */
const LARGE_REST = 16 * 1024

/** What an incoming body tells the connection. */
export interface IncomingHooks {
  /** The reader wants bytes: resume the socket if it was paused for this body. */
  onBodyDemand(body: IncomingBody): void
  /** First read of a body whose request expects `100 Continue`: send it now. */
  onContinue(body: IncomingBody): void
  /** The reader canceled: the rest of the body is drained, not queued. */
  onBodyCanceled(body: IncomingBody): void
}

/**
 * The connection side of a request body: decodes bytes through the h1 `Decoder` into the
 * `ChunkQueue` behind the request's `Body`. A full queue makes the connection pause the socket;
 * a read below the mark resumes it (ws `socketOnData`, node-server's `createStreamBody`). After a
 * cancel, decoded bytes are counted and dropped, so the next request is never misread.
 *
 * @example
 * ```ts
 * const body = new IncomingBody(Decoder.length(5), 65536, false, hooks)
 * const used = body.feed(bytes)
 * if (body.isFull) transport.pause()
 * ```
 */
export class IncomingBody implements QueueProducer {
  readonly queue: ChunkQueue
  readonly #decoder: Decoder
  readonly #hooks: IncomingHooks
  readonly #hwm: number
  readonly expectsContinue: boolean
  continueSent = false
  /** Bytes decoded and dropped after a cancel. */
  drained = 0
  /** Set by the dispatcher: the exchange this body belongs to. */
  owner: unknown = null

  constructor(
    decoder: Decoder,
    highWaterMark: number,
    expectsContinue: boolean,
    hooks: IncomingHooks
  ) {
    this.queue = new ChunkQueue(highWaterMark)
    this.#decoder = decoder
    this.#hooks = hooks
    this.#hwm = highWaterMark
    this.expectsContinue = expectsContinue
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

  /** Body bytes still expected, when the length is known. */
  get remaining(): number | null {
    return this.#decoder.remaining
  }

  /**
   * Whether an unknown or large rest of the body is still to be read: worth reading into memory
   * of its own (`direct-read.ts`).
   */
  get isLarge(): boolean {
    if (this.isDraining) return false
    const remaining = this.#decoder.remaining
    return remaining === null || remaining >= LARGE_REST
  }

  /** Whether the client is (or may be) still sending the body. */
  get clientMaySend(): boolean {
    return !this.expectsContinue || this.continueSent
  }

  /**
   * Decodes as much of `buf` as belongs to this body and returns how many bytes were used.
   *
   * @throws ParseError on a malformed chunked body.
   */
  feed(buf: Uint8Array): number {
    const decoder = this.#decoder
    let off = 0
    while (!decoder.isDone) {
      const step = decoder.decode(off === 0 ? buf : buf.subarray(off))
      off += step.consumed
      const data = step.data
      if (data !== null && data.length > 0) {
        if (this.queue.isOpen) this.queue.push(data)
        else this.drained += data.length
      }
      if (step.done) {
        this.queue.end(step.trailers)
        break
      }
      if (step.consumed === 0 || off >= buf.length) break
    }
    return off
  }

  /** The stream ended: a length or chunked body that stopped short is incomplete. */
  finish(): void {
    this.#decoder.finish()
  }

  /** Fails the body (the handler's reads reject). */
  fail(error: unknown): void {
    this.queue.fail(error)
  }

  /** @internal */
  onDemand(): void {
    if (this.expectsContinue && !this.continueSent && !this.#decoder.isDone) {
      this.continueSent = true
      this.#hooks.onContinue(this)
    }
    this.#hooks.onBodyDemand(this)
  }

  /** @internal */
  onCancel(): void {
    this.#hooks.onBodyCanceled(this)
  }
}
