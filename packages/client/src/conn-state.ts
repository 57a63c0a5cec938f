import { canWrite, holdsConnection } from './client-role.js'
import type { Exchange } from './exchange.js'
import type { ResolvedConnectionOptions } from './options.js'

/**
 * The read side (hyper's `Reading`): nothing in flight (`idle`), waiting for or parsing a response
 * `head`, receiving a response `body`, or `closed` for good.
 */
export type Reading = 'idle' | 'head' | 'body' | 'closed'

/**
 * The write side (hyper's `Writing`): between requests (`init`), holding a body until `100
 * Continue` (`continue`), streaming a request `body`, or `closed`.
 */
export type Writing = 'init' | 'continue' | 'body' | 'closed'

/**
 * Whether the connection persists (hyper's `KA`): `busy` with requests in flight, `idle` between
 * them, `disabled` once it is to close after the responses owed.
 */
export type KeepAlive = 'busy' | 'idle' | 'disabled'

/**
 * The state of one client connection (hyper's `conn::State`, client role): the requests written
 * and waiting for their responses, in order (`inFlight`, the first one being read), the requests
 * not written yet (`pending`), and the `Writing` and `KeepAlive` states. It does no I/O: the
 * connection calls these transitions and does what follows from them.
 *
 * @example
 * ```ts
 * const state = new ConnState(options)
 * state.enqueue(ex)
 * const next = state.nextWritable()
 * ```
 */
export class ConnState {
  readonly options: ResolvedConnectionOptions
  /** Written (or being written), oldest first; `inFlight[0]` is the response being read. */
  readonly inFlight: Exchange[] = []
  /** Not written yet, in the order they were sent. */
  pending: Exchange[] = []
  /** Responses read to their end. */
  served = 0
  #writing: Writing = 'init'
  #keepAlive: KeepAlive = 'idle'
  #closed = false

  constructor(options: ResolvedConnectionOptions) {
    this.options = options
  }

  get reading(): Reading {
    if (this.#closed) return 'closed'
    const first = this.inFlight[0]
    if (first === undefined) return 'idle'
    return first.read === 'body' ? 'body' : 'head'
  }

  get writing(): Writing {
    return this.#closed ? 'closed' : this.#writing
  }

  get keepAlive(): KeepAlive {
    return this.#keepAlive
  }

  get isClosed(): boolean {
    return this.#closed
  }

  /** Nothing in flight and nothing waiting. */
  get isIdle(): boolean {
    return this.inFlight.length === 0 && this.pending.length === 0
  }

  /** Whether a request `req` sent now would be written at once. */
  canTake(ex: Exchange): boolean {
    return (
      !this.#closed &&
      this.#keepAlive !== 'disabled' &&
      this.#writing === 'init' &&
      this.pending.length === 0 &&
      canWrite(ex.req, this.#facts())
    )
  }

  enqueue(ex: Exchange): void {
    this.pending.push(ex)
  }

  /** The next pending request that may be written now, taken off `pending`; null for none. */
  nextWritable(): Exchange | null {
    if (this.#closed || this.#keepAlive === 'disabled' || this.#writing !== 'init') return null
    const ex = this.pending[0]
    if (ex === undefined || !canWrite(ex.req, this.#facts())) return null
    this.pending.shift()
    ex.reused = this.served > 0 || this.inFlight.length > 0
    this.inFlight.push(ex)
    this.#keepAlive = 'busy'
    return ex
  }

  /** The request's body waits for `100 Continue`. */
  holdBody(ex: Exchange): void {
    ex.write = 'continue'
    this.#writing = 'continue'
  }

  /** The request's body is being streamed. */
  streamBody(ex: Exchange): void {
    ex.write = 'body'
    this.#writing = 'body'
  }

  /** The request went out whole (or its body was skipped): the next one may be written. */
  finishWrite(ex: Exchange, state: 'done' | 'skipped'): void {
    ex.write = state
    if (this.#writing !== 'closed') this.#writing = 'init'
  }

  /**
   * A response was read to its end (hyper's `try_keep_alive`): it leaves the queue, and the
   * connection is kept or not. Returns whether it is.
   */
  finishResponse(ex: Exchange, keep: boolean): boolean {
    ex.finish()
    if (this.inFlight[0] === ex) this.inFlight.shift()
    else {
      const i = this.inFlight.indexOf(ex)
      if (i >= 0) this.inFlight.splice(i, 1)
    }
    this.served++
    if (!keep) this.#keepAlive = 'disabled'
    else if (this.#keepAlive === 'busy' && this.inFlight.length === 0) this.#keepAlive = 'idle'
    return this.#keepAlive !== 'disabled'
  }

  /** No request after those in flight (hyper's `disable_keep_alive`). */
  disableKeepAlive(): void {
    this.#keepAlive = 'disabled'
  }

  /** The socket is gone or handed over: returns what was in flight and pending, to be failed. */
  close(): { inFlight: Exchange[]; pending: Exchange[] } {
    this.#closed = true
    this.#writing = 'closed'
    this.#keepAlive = 'disabled'
    const out = { inFlight: this.inFlight.splice(0), pending: this.pending }
    this.pending = []
    return out
  }

  #facts(): {
    inFlight: number
    pipelining: number
    pipelineNonIdempotent: boolean
    lastHolds: boolean
  } {
    const n = this.inFlight.length
    return {
      inFlight: n,
      pipelining: this.options.pipelining,
      pipelineNonIdempotent: this.options.pipelineNonIdempotent,
      lastHolds: n > 0 && holdsConnection(this.inFlight[n - 1]!.req),
    }
  }
}
