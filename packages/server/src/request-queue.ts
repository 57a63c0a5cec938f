import { Response, StatusCode } from '@touche/http-types'
import type { Request } from '@touche/http-types'
import type { Body } from '@touche/body'
import type { BodyInit } from '@touche/body'
import { PendingRequest } from './pending-request.js'
import type { Handler } from './service.js'

/** 64 requests waiting to be taken before the server stops reading new connections. */
export const DEFAULT_INCOMING_CAPACITY = 64

/**
 * The requests of a server that was started with `listen()` instead of a handler, waiting for
 * `server.incoming()` to take them.
 *
 * Its service never answers by itself: each request stays in its connection's pipeline until
 * `respond()` is called, so a connection stops reading once `maxPipelinedRequests` of its requests
 * are unanswered (the server's own backpressure), and responses go out in request order. While
 * `capacity` or more requests wait untaken, the server reads no new connection (accepted sockets
 * wait unread, as with `maxConnections`), so the queue holds at most `capacity` plus
 * `maxPipelinedRequests` for each connection already open.
 */
export class RequestQueue {
  readonly #capacity: number
  readonly #waiting: PendingRequest[] = []
  readonly #takers: ((request: PendingRequest | null) => void)[] = []
  #closed = false
  /** Called when the queue has room again (the server then serves waiting connections). */
  onRoom: () => void = () => {}

  constructor(capacity: number = DEFAULT_INCOMING_CAPACITY) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${String(capacity)}`)
    }
    this.#capacity = capacity
  }

  /** The service every connection runs: it queues the request and waits for `respond()`. */
  readonly service: Handler = (request: Request<Body>) =>
    new Promise<Response<BodyInit>>((resolve) => this.#push(new PendingRequest(request, resolve)))

  /** Requests waiting to be taken. */
  get size(): number {
    return this.#waiting.length
  }

  get isFull(): boolean {
    return this.#waiting.length >= this.#capacity
  }

  /** The next request that is still wanted, or null once the queue is closed. */
  take(): Promise<PendingRequest | null> {
    for (;;) {
      const next = this.#waiting.shift()
      if (next === undefined) break
      if (this.#waiting.length === this.#capacity - 1) this.onRoom()
      // A client that left while its request waited is owed nothing.
      if (next.extensions.get(AbortSignal)?.aborted === true) {
        next.respond(unavailable())
        continue
      }
      return Promise.resolve(next)
    }
    if (this.#closed) return Promise.resolve(null)
    return new Promise((resolve) => this.#takers.push(resolve))
  }

  /**
   * No more requests are handed out: those not taken are answered 503, and every `take` waiting
   * gets null. Requests already taken are answered by whoever took them.
   */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    for (const request of this.#waiting.splice(0)) request.respond(unavailable())
    for (const taker of this.#takers.splice(0)) taker(null)
  }

  #push(request: PendingRequest): void {
    if (this.#closed) {
      request.respond(unavailable())
      return
    }
    const taker = this.#takers.shift()
    if (taker !== undefined) taker(request)
    else this.#waiting.push(request)
  }
}

/** RFC 9110 §15.6.4: the server is going away; the request may be retried elsewhere. */
function unavailable(): Response<BodyInit> {
  return Response.builder()
    .status(StatusCode.SERVICE_UNAVAILABLE)
    .header('connection', 'close')
    .body(null)
}

/**
 * The iterator `server.incoming()` returns: each `next()` takes a request; `return()` (a `break`
 * out of `for await`) closes the server gracefully, and resolves when it has closed.
 */
export function incomingIterator(
  queue: RequestQueue,
  close: () => Promise<void>
): AsyncIterableIterator<PendingRequest> {
  const iterator: AsyncIterableIterator<PendingRequest> = {
    async next() {
      const request = await queue.take()
      return request === null ? { done: true, value: undefined } : { done: false, value: request }
    },
    async return() {
      await close()
      return { done: true, value: undefined }
    },
    [Symbol.asyncIterator]() {
      return iterator
    },
  }
  return iterator
}
