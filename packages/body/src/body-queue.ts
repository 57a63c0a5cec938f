import type { HeaderMap } from '@touche/http-types'
import { BodyError } from './errors.js'

/** The producer side's view of a queue: told when the reader wants more, or gave up. */
export interface QueueProducer {
  /** The reader is waiting, or the queue fell below its high-water mark. */
  onDemand(): void
  /** The reader canceled; stop producing and release the source. */
  onCancel(reason: unknown): void
}

type Waiter = {
  resolve: (chunk: Uint8Array | null) => void
  reject: (error: unknown) => void
}

type TrailerWaiter = {
  resolve: (trailers: HeaderMap | null) => void
  reject: (error: unknown) => void
}

/** 64 KiB queued in a `Body.channel()` before `send` waits for the reader. */
export const DEFAULT_CHANNEL_HIGH_WATER_MARK = 64 * 1024

const NOOP_PRODUCER: QueueProducer = { onDemand() {}, onCancel() {} }

/**
 * A single-reader queue of body chunks with a high-water mark: the shared core of incoming
 * request bodies and `Body.channel()`. Pushing past the mark returns false (the producer pauses);
 * reading below it calls `onDemand` (the producer resumes). Trailers travel beside the chunks.
 *
 * @example
 * ```ts
 * const q = new ChunkQueue(64 * 1024)
 * q.push(bytes)
 * q.end(null)
 * await q.read() // bytes, then null
 * ```
 */
export class ChunkQueue {
  readonly #hwm: number
  #producer: QueueProducer = NOOP_PRODUCER
  #chunks: Uint8Array[] = []
  #bytes = 0
  #state: 'open' | 'ended' | 'errored' | 'canceled' = 'open'
  #error: unknown = null
  #trailers: HeaderMap | null = null
  #waiter: Waiter | null = null
  #full = false
  #endSeen = false
  #trailerWaiters: Array<TrailerWaiter> | null = null

  constructor(highWaterMark: number) {
    this.#hwm = highWaterMark
  }

  /** Connects the producer's callbacks. */
  setProducer(producer: QueueProducer): void {
    this.#producer = producer
  }

  /** Whether the producer may still push. */
  get isOpen(): boolean {
    return this.#state === 'open'
  }

  /** Whether the reader has seen the end, or the body was canceled or failed. */
  get isConsumed(): boolean {
    return this.#state === 'ended' ? this.#endSeen : this.#state !== 'open'
  }

  /** Whether the reader has everything (ended, errored or canceled). */
  get isDone(): boolean {
    return this.#state !== 'open'
  }

  get isCanceled(): boolean {
    return this.#state === 'canceled'
  }

  /** Bytes queued and not yet read. */
  get queuedBytes(): number {
    return this.#bytes
  }

  /** Adds a chunk; false when the queue is at or over its high-water mark. */
  push(chunk: Uint8Array): boolean {
    if (this.#state !== 'open') return false
    const w = this.#waiter
    if (w !== null && this.#chunks.length === 0) {
      this.#waiter = null
      w.resolve(chunk)
      return true
    }
    this.#chunks.push(chunk)
    this.#bytes += chunk.length
    if (this.#bytes >= this.#hwm) {
      this.#full = true
      return false
    }
    return true
  }

  /** Ends the body, with trailers if the message had any. */
  end(trailers: HeaderMap | null): void {
    if (this.#state !== 'open') return
    this.#state = 'ended'
    this.#trailers = trailers
    const w = this.#waiter
    if (w !== null && this.#chunks.length === 0) {
      this.#waiter = null
      this.#endSeen = true
      w.resolve(null)
    }
    this.#settleTrailers()
  }

  /** Fails the body: pending and later reads reject with `error`. */
  fail(error: unknown): void {
    if (this.#state !== 'open') return
    this.#state = 'errored'
    this.#error = error
    this.#chunks = []
    this.#bytes = 0
    const w = this.#waiter
    this.#waiter = null
    w?.reject(error)
    this.#settleTrailers()
  }

  /** The reader gives up: queued chunks are dropped and the producer is told. */
  cancel(reason?: unknown): void {
    if (this.#state !== 'open' && this.#state !== 'ended') return
    const wasOpen = this.#state === 'open'
    this.#state = 'canceled'
    this.#error = reason ?? new BodyError('ERR_BODY_CANCELED')
    this.#chunks = []
    this.#bytes = 0
    const w = this.#waiter
    this.#waiter = null
    w?.reject(this.#error)
    this.#settleTrailers()
    if (wasOpen) this.#producer.onCancel(reason)
  }

  /** The next chunk, or null at the end. Synchronous when a chunk is already queued. */
  read(): Promise<Uint8Array | null> {
    const chunk = this.#shift()
    if (chunk !== undefined) return Promise.resolve(chunk)
    switch (this.#state) {
      case 'ended':
        this.#sawEnd()
        return Promise.resolve(null)
      case 'errored':
      case 'canceled':
        return Promise.reject(this.#error)
      case 'open':
        break
    }
    if (this.#waiter !== null) return Promise.reject(new TypeError('body has a pending read'))
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject }
      this.#producer.onDemand()
    })
  }

  /** A queued chunk, null at the end, or undefined when the reader would have to wait. */
  tryRead(): Uint8Array | null | undefined {
    const chunk = this.#shift()
    if (chunk !== undefined) return chunk
    if (this.#state !== 'ended') return undefined
    this.#sawEnd()
    return null
  }

  /** Trailers, once the body has ended; null if there were none. */
  trailers(): Promise<HeaderMap | null> {
    if (this.#state === 'ended') return Promise.resolve(this.#trailers)
    if (this.#state !== 'open') return Promise.reject(this.#error)
    return new Promise((resolve, reject) => {
      ;(this.#trailerWaiters ??= []).push({ resolve, reject })
    })
  }

  /** Trailers if the body has ended, else null. */
  get endTrailers(): HeaderMap | null {
    return this.#trailers
  }

  #shift(): Uint8Array | undefined {
    const chunk = this.#chunks.shift()
    if (chunk === undefined) return undefined
    this.#bytes -= chunk.length
    if (this.#full && this.#bytes < this.#hwm) {
      this.#full = false
      if (this.#state === 'open') this.#producer.onDemand()
    }
    return chunk
  }

  /** The reader saw the end: the producer may move on (the next pipelined request). */
  #sawEnd(): void {
    if (this.#endSeen) return
    this.#endSeen = true
    this.#producer.onDemand()
  }

  #settleTrailers(): void {
    const waiters = this.#trailerWaiters
    if (waiters === null) return
    this.#trailerWaiters = null
    for (const w of waiters) {
      if (this.#state === 'ended') w.resolve(this.#trailers)
      else w.reject(this.#error)
    }
  }
}
