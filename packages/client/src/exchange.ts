import type { Body } from '@touche/body'
import type { ChunkQueue } from '@touche/body/internal'
import type { Decoder } from '@touche/h1'
import type { Response } from '@touche/http-types'
import type { PreparedRequest } from './client-role.js'
import { ClientError } from './errors.js'

/**
 * Per-request options of `send` and `Client.request`.
 *
 * @example
 * ```ts
 * await client.request(req, { signal: AbortSignal.timeout(2_000), onInformational: (r) => hint(r) })
 * ```
 */
export interface SendOptions {
  /** Aborts the request at any stage: queued, being written, waiting, or reading the body. */
  readonly signal?: AbortSignal | undefined
  /** Called with each interim 1xx response but 101 (a 103 Early Hints, a 100 Continue). */
  readonly onInformational?: ((res: Response<null>) => void) | undefined
}

/** Who gets a failed request first: a pool may send it again instead of failing it. */
export interface ExchangeOwner {
  /** Takes `ex` for another attempt; false to let it fail with `error`. */
  retry(ex: Exchange, error: ClientError): boolean
}

/** How far the request has been written. */
export type WriteState = 'queued' | 'continue' | 'body' | 'done' | 'skipped'
/** How far the response has been read. */
export type ReadState = 'head' | 'body' | 'done'

/**
 * One request and its response on a connection (the client's `Exchange`): the prepared request,
 * how far each side is, the response body's queue and decoder, and the caller's promise. It is
 * settled exactly once: resolved with the response head, or rejected (possibly after a retry
 * elsewhere, when its owner takes it).
 *
 * @example
 * ```ts
 * const ex = new Exchange(prepared, options, resolve, reject)
 * conn.enqueue(ex)
 * ```
 */
export class Exchange {
  readonly req: PreparedRequest
  readonly options: SendOptions | undefined
  owner: ExchangeOwner | null = null
  /** Attempts made before this one (a retry is attempt 1). */
  attempt = 0
  write: WriteState = 'queued'
  read: ReadState = 'head'
  /** Written on a connection that had served a response, or behind another request. */
  reused = false
  /** A byte of its response has arrived: it can no longer be sent again. */
  received = false
  /** The caller gave up (aborted): its response is read and dropped, or the connection closed. */
  abandoned = false
  /** The response body's queue, while the body is being received. */
  queue: ChunkQueue | null = null
  decoder: Decoder | null = null
  /** Body bytes decoded and dropped after the reader canceled. */
  drained = 0
  /** The server's response lets the connection persist (read off its head); see `keepsAlive`. */
  keep = false
  #resolve: (res: Response<Body>) => void
  #reject: (error: unknown) => void
  #settled = false

  constructor(
    req: PreparedRequest,
    options: SendOptions | undefined,
    resolve: (res: Response<Body>) => void,
    reject: (error: unknown) => void
  ) {
    this.req = req
    this.options = options
    this.#resolve = resolve
    this.#reject = reject
    const signal = options?.signal
    if (signal !== undefined) watch(signal, this)
  }

  get isSettled(): boolean {
    return this.#settled
  }

  /** The response head arrived. */
  resolve(res: Response<Body>): void {
    if (this.#settled) return
    this.#settled = true
    this.#resolve(res)
  }

  /** Fails the request, unless its owner sends it again. */
  fail(error: ClientError, retryable: boolean): void {
    if (this.#settled) return
    if (retryable && !this.abandoned && this.owner !== null && this.owner.retry(this, error)) return
    this.#settled = true
    this.#detachSignal()
    this.#reject(error)
  }

  /**
   * Makes the exchange new again for another connection; a request that had been written counts
   * an attempt (one that never was is simply moved).
   */
  reset(): void {
    if (this.write !== 'queued') this.attempt++
    this.write = 'queued'
    this.read = 'head'
    this.reused = false
    this.received = false
    this.queue = null
    this.decoder = null
    this.drained = 0
    this.keep = false
    this.onAbort = null
  }

  /** The exchange is over on both sides: stop listening for its abort. */
  finish(): void {
    this.read = 'done'
    this.#detachSignal()
  }

  /** Set by the connection that carries it, to be told of an abort. */
  onAbort: ((ex: Exchange) => void) | null = null

  /** @internal The request's signal fired. */
  signalAborted(): void {
    const reason: unknown = this.options?.signal?.reason
    const error = new ClientError('ERR_CLIENT_CANCELED', { cause: reason })
    this.abandoned = true
    const queue = this.queue
    if (queue !== null && queue.isOpen) queue.fail(error)
    this.fail(error, false)
    this.onAbort?.(this)
  }

  #detachSignal(): void {
    const signal = this.options?.signal
    if (signal !== undefined) unwatch(signal, this)
  }
}

/** The exchanges waiting on each signal, and the one listener the signal has for all of them. */
interface Watchers {
  readonly exchanges: Set<Exchange>
  readonly listener: () => void
}

const watching = new WeakMap<AbortSignal, Watchers>()

/**
 * Tells `ex` when `signal` aborts. A signal shared by many requests (one per batch or per user
 * session) gets one listener in all, not one per request: EventTarget warns past ten.
 */
function watch(signal: AbortSignal, ex: Exchange): void {
  let w = watching.get(signal)
  if (w === undefined) {
    const exchanges = new Set<Exchange>()
    const listener = (): void => {
      watching.delete(signal)
      for (const each of [...exchanges]) each.signalAborted()
    }
    w = { exchanges, listener }
    watching.set(signal, w)
    signal.addEventListener('abort', listener, { once: true })
  }
  w.exchanges.add(ex)
}

function unwatch(signal: AbortSignal, ex: Exchange): void {
  const w = watching.get(signal)
  if (w === undefined || !w.exchanges.delete(ex) || w.exchanges.size > 0) return
  watching.delete(signal)
  signal.removeEventListener('abort', w.listener)
}
