import { armTimer } from './connection-timers.js'
import type { TimerFacts } from './connection-timers.js'
import type { Dispatcher } from './dispatcher.js'
import type { IncomingBody } from './incoming-body.js'
import type { ServerOptions } from './options.js'
import { ConnectionTimer, turnNow } from './timer.js'
import type { TimerKind } from './timer.js'

/**
 * The read side (hyper's `Reading`): waiting for or parsing a `head`, feeding a request `body`,
 * on `hold` until an upgrade or CONNECT request is answered, or `closed` for good.
 */
export type Reading = 'head' | 'body' | 'hold' | 'closed'

/** The write side (hyper's `Writing`): between responses, streaming a `body`, or `closed`. */
export type Writing = 'init' | 'body' | 'closed'

/**
 * Whether the connection persists (hyper's `KA`): `busy` with requests in flight, `idle` between
 * requests, `disabled` once it is to close after the responses owed.
 */
export type KeepAlive = 'busy' | 'idle' | 'disabled'

/**
 * The state of one connection (hyper's `conn::State`): `Reading`, `Writing` and `KeepAlive`,
 * private, changed only by the small transitions below, and the one timer, armed from the state
 * after every change (`connection-timers.ts`). It does no I/O: `Connection` reacts to events,
 * calls these transitions, and does the reading and writing they call for.
 *
 * @example
 * ```ts
 * const state = new ConnectionState(options, dispatcher, (kind) => onTimeout(kind))
 * state.readHead(true, false, null)
 * state.keepAlive // 'busy'
 * ```
 */
export class ConnectionState implements TimerFacts {
  readonly options: ServerOptions
  readonly dispatcher: Dispatcher
  readonly timer: ConnectionTimer
  #reading: Reading = 'head'
  #writeClosed = false
  #keepAlive: KeepAlive = 'idle'
  /** Where reading goes once the body being read is done. */
  #afterBody: Reading = 'head'
  #body: IncomingBody | null = null
  #requests = 0
  #headStart = -1
  #peerEnded = false
  #shuttingDown = false

  constructor(
    options: ServerOptions,
    dispatcher: Dispatcher,
    onTimeout: (kind: TimerKind) => void
  ) {
    this.options = options
    this.dispatcher = dispatcher
    this.timer = new ConnectionTimer(onTimeout)
  }

  get reading(): Reading {
    return this.#reading
  }

  get writing(): Writing {
    return this.#writeClosed ? 'closed' : this.dispatcher.isWriting ? 'body' : 'init'
  }

  get keepAlive(): KeepAlive {
    return this.#keepAlive
  }

  /** The request body being received, if any. */
  get body(): IncomingBody | null {
    return this.#body
  }

  /** When the head being read began (its first byte, or its parse), or -1 between requests. */
  get headStart(): number {
    return this.#headStart
  }

  /** Requests read on this connection. */
  get requests(): number {
    return this.#requests
  }

  get isShuttingDown(): boolean {
    return this.#shuttingDown
  }

  get hasPeerEnded(): boolean {
    return this.#peerEnded
  }

  /** A head is being read: its clock starts, for the header and request timeouts. */
  beginHead(): void {
    if (this.#headStart < 0) this.#headStart = turnNow()
  }

  /**
   * Whether the server lets the request being read keep the connection (its half of
   * `keepsAlive`): not the last one `maxRequestsPerConnection` allows.
   */
  allowsKeepAlive(): boolean {
    return (
      this.options.keepAlive &&
      this.#keepAlive !== 'disabled' &&
      !this.#shuttingDown &&
      this.#requests + 1 < this.options.maxRequestsPerConnection
    )
  }

  /**
   * A head was parsed (hyper's `busy`): with its body, if any, read next; then the next head, a
   * hold for an upgrade, or nothing when the connection is not kept.
   */
  readHead(keep: boolean, upgrade: boolean, body: IncomingBody | null): void {
    this.#requests++
    if (this.#keepAlive !== 'disabled') this.#keepAlive = 'busy'
    this.timer.disarm()
    const next: Reading = !keep ? 'closed' : upgrade ? 'hold' : 'head'
    if (body !== null) {
      this.#body = body
      this.#afterBody = next
      this.#reading = 'body'
    } else {
      this.#headStart = -1
      this.#reading = next
    }
  }

  /** The body being read is complete and consumed: reading goes on with what follows it. */
  finishBody(): void {
    this.#body = null
    this.#headStart = -1
    if (this.#reading === 'body') this.#reading = this.#afterBody
  }

  /** An upgrade request was answered normally: the next head can be read. */
  releaseHold(): void {
    if (this.#reading === 'hold') this.#reading = 'head'
  }

  /** No request after the current one is read (hyper's `close_read`). */
  closeRead(): void {
    this.#reading = 'closed'
    this.#body = null
    this.#headStart = -1
  }

  /**
   * No request after the ones in flight is read, and the connection closes once they are
   * answered: the last one not yet written says `Connection: close`.
   */
  stopReading(): void {
    this.#keepAlive = 'disabled'
    this.closeRead()
    const last = this.dispatcher.last
    if (last !== undefined && !last.headWritten) last.requireClose()
  }

  /**
   * The write side ends (hyper's `close_write`): false when it already had. The connection lingers,
   * reading and dropping what still arrives, for `drainTimeout`.
   */
  closeWrite(): boolean {
    if (this.#writeClosed) return false
    this.#writeClosed = true
    this.#keepAlive = 'disabled'
    this.closeRead()
    this.timer.arm('linger', Math.max(this.options.drainTimeout, 1))
    return true
  }

  /** The peer sent FIN: a body in progress is the last thing read. */
  peerEnded(): void {
    this.#peerEnded = true
    if (this.#body === null) this.closeRead()
    else this.#afterBody = 'closed'
  }

  /**
   * Graceful shutdown: no request after the ones in flight (the last says `Connection: close`);
   * an idle connection waits `shutdownGrace` for one already on the wire. False when it had begun.
   */
  startShutdown(): boolean {
    if (this.#shuttingDown) return false
    this.#shuttingDown = true
    const last = this.dispatcher.last
    if (last !== undefined) {
      if (!last.headWritten) last.requireClose()
      if (this.#reading === 'body') this.#afterBody = 'closed'
      else this.closeRead()
    }
    return true
  }

  /** The socket is closed or handed over: nothing more happens. */
  finish(): void {
    this.#writeClosed = true
    this.#keepAlive = 'disabled'
    this.closeRead()
    this.timer.clear()
  }

  /** Arms the timer for what the connection waits on now (hyper's `idle` among the rest). */
  rearm(): void {
    if (this.#writeClosed) return
    if (this.#reading === 'head' && this.#headStart < 0 && this.dispatcher.isIdle) {
      if (this.#keepAlive === 'busy') this.#keepAlive = 'idle'
    }
    armTimer(this)
  }
}
