import type { HeaderMap } from '@touche/http-types'
import type { ChunkQueue, QueueProducer } from './body-queue.js'
import { ServerError } from './errors.js'

const encoder = new TextEncoder()

/**
 * The sending half of `Body.channel()` (hyper's `body::Sender`): push chunks as they are produced;
 * `send` resolves when the body has room again, so a fast producer follows a slow client.
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
  #room: { resolve: () => void; reject: (e: unknown) => void } | null = null
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
   * Sends a chunk (strings are UTF-8 encoded). Resolves when there is room for more; rejects
   * with a `ServerError` (`canceled`) when the receiving side went away.
   */
  send(chunk: Uint8Array | string): Promise<void> {
    if (!this.#queue.isOpen) {
      return Promise.reject(this.#canceled ?? new ServerError('ERR_SERVER_CANCELED'))
    }
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk
    if (this.#queue.push(bytes)) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.#room = { resolve, reject }
    })
  }

  /** Ends the body with trailer fields (sent when the response is chunked). */
  sendTrailers(trailers: HeaderMap): void {
    this.#queue.end(trailers)
    this.#release()
  }

  /** Ends the body normally. */
  close(): void {
    this.#queue.end(null)
    this.#release()
  }

  /** Ends the body with an error: a response being written is torn down, not ended cleanly. */
  abort(reason?: unknown): void {
    this.#queue.fail(reason ?? new ServerError('ERR_SERVER_CANCELED'))
    this.#release()
  }

  /** @internal */
  onDemand(): void {
    const room = this.#room
    this.#room = null
    room?.resolve()
  }

  /** @internal */
  onCancel(reason: unknown): void {
    this.#canceled = new ServerError('ERR_SERVER_CANCELED', { cause: reason })
    const room = this.#room
    this.#room = null
    room?.reject(this.#canceled)
  }

  #release(): void {
    const room = this.#room
    this.#room = null
    room?.resolve()
  }
}
