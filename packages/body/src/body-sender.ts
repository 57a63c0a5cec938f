import type { HeaderMap } from '@touche/http-types'
import type { ChunkQueue, QueueProducer } from './body-queue.js'
import { BodyError } from './errors.js'

const encoder = new TextEncoder()

/**
 * The sending half of `Body.channel()` (hyper's `body::Sender`): push chunks as they are produced;
 * `send` resolves when the body has room again, so a fast producer follows a slow reader
 * (the peer at the other end of the connection).
 *
 * @example
 * ```ts
 * const [sender, body] = Body.channel()
 * void (async () => {
 *   await sender.send('tick\n')
 *   sender.sendTrailers(new HeaderMap([['x-checksum', 'abc']]))
 * })()
 * return Response.builder().body(body)
 * ```
 */
export class BodySender implements QueueProducer {
  readonly #queue: ChunkQueue
  /** Sends waiting for room, oldest first: every one settles, whatever comes first. */
  #waiting: Array<{ resolve: () => void; reject: (e: unknown) => void }> = []
  #canceled: unknown = null

  /** @internal Created by `Body.channel()`. */
  constructor(queue: ChunkQueue) {
    this.#queue = queue
    queue.setProducer(this)
  }

  /** Whether the body can still take chunks (not closed, aborted or canceled by the reader). */
  get isOpen(): boolean {
    return this.#queue.isOpen
  }

  /**
   * Sends a chunk (strings are UTF-8 encoded). Resolves when there is room for more (at once
   * while there is), or when the sender is closed; rejects with a `BodyError`
   * (`ERR_BODY_CANCELED`, its `cause` the reason when there is one) once the receiving side is
   * gone: the peer disconnected, the message was abandoned, or the reader canceled. Sends need not be awaited one by one, but each promise must be handled:
   * `sender.send(x).catch(() => {})` where a disconnect needs no action.
   */
  send(chunk: Uint8Array | string): Promise<void> {
    if (!this.#queue.isOpen) {
      return Promise.reject(this.#canceled ?? new BodyError('ERR_BODY_CANCELED'))
    }
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk
    if (this.#queue.push(bytes)) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject })
    })
  }

  /** Ends the body with trailer fields (sent when the message is chunked). */
  sendTrailers(trailers: HeaderMap): void {
    this.#queue.end(trailers)
    this.#release()
  }

  /** Ends the body normally. */
  close(): void {
    this.#queue.end(null)
    this.#release()
  }

  /** Ends the body with an error: a message being written is torn down, not ended cleanly. */
  abort(reason?: unknown): void {
    this.#queue.fail(reason ?? new BodyError('ERR_BODY_CANCELED'))
    this.#release()
  }

  /** @internal */
  onDemand(): void {
    this.#release()
  }

  /** @internal */
  onCancel(reason: unknown): void {
    const error = new BodyError('ERR_BODY_CANCELED', { cause: reason })
    this.#canceled = error
    for (const w of this.#waiting.splice(0)) w.reject(error)
  }

  #release(): void {
    if (this.#waiting.length === 0) return
    for (const w of this.#waiting.splice(0)) w.resolve()
  }
}
