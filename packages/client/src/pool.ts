import { debuglog } from 'node:util'
import { ClientConnection } from './conn.js'
import type { ConnEvents } from './conn.js'
import { connectTo } from './connect.js'
import type { ConnectSettings } from './connect.js'
import { ClientError } from './errors.js'
import type { Exchange, ExchangeOwner } from './exchange.js'
import type { ResolvedConnectionOptions } from './options.js'
import type { Origin } from './origin.js'

const trace = debuglog('touche:client')

/**
 * The connections to one origin (hyper-util's pool, undici's `Pool`): a request goes to an idle
 * connection (the most recently used, whose socket is warmest), else to a new one while under
 * `maxConnections`, else pipelined on a connection with room, else it waits, in order, for the
 * first connection that frees up. It is the owner of its requests: one that failed in the reuse
 * race is sent again on a fresh connection, one never written on any connection.
 *
 * @example
 * ```ts
 * const pool = new Pool(origin, options, settings, 50, () => pools.delete(origin.key))
 * pool.dispatch(exchange)
 * ```
 */
export class Pool implements ConnEvents, ExchangeOwner {
  readonly origin: Origin
  readonly #options: ResolvedConnectionOptions
  readonly #settings: ConnectSettings
  readonly #max: number
  readonly #onEmpty: (pool: Pool) => void
  /** Live connections, most recently freed last. */
  #conns: ClientConnection[] = []
  #connecting = 0
  /** Requests no connection could take yet, oldest first. */
  #waiting: Exchange[] = []
  #closed = false
  #emptyWaiters: Array<() => void> = []
  readonly #onAbort = (ex: Exchange): void => {
    const i = this.#waiting.indexOf(ex)
    if (i >= 0) this.#waiting.splice(i, 1)
  }

  constructor(
    origin: Origin,
    options: ResolvedConnectionOptions,
    settings: ConnectSettings,
    maxConnections: number,
    onEmpty: (pool: Pool) => void
  ) {
    this.origin = origin
    this.#options = options
    this.#settings = settings
    this.#max = maxConnections
    this.#onEmpty = onEmpty
  }

  /** Live connections and connections being made. */
  get size(): number {
    return this.#conns.length + this.#connecting
  }

  dispatch(ex: Exchange): void {
    ex.owner = this
    if (this.#closed) {
      ex.fail(new ClientError('ERR_CLIENT_CLOSED'), false)
      return
    }
    if (this.#waiting.length === 0 && this.#place(ex)) return
    ex.onAbort = this.#onAbort
    this.#waiting.push(ex)
    if (this.size < this.#max) this.#open()
  }

  /** A connection for `ex` now: idle first, then a new one (false: wait), then pipelined. */
  #place(ex: Exchange): boolean {
    const conns = this.#conns
    for (let i = conns.length - 1; i >= 0; i--) {
      const conn = conns[i]!
      if (conn.state.inFlight.length === 0 && conn.canTake(ex)) {
        conn.enqueue(ex)
        return true
      }
    }
    if (this.size < this.#max) return false
    for (let i = conns.length - 1; i >= 0; i--) {
      const conn = conns[i]!
      if (conn.canTake(ex)) {
        conn.enqueue(ex)
        return true
      }
    }
    return false
  }

  /** @internal A connection can take more: the oldest waiting requests go to it. */
  onCapacity(conn: ClientConnection): void {
    const waiting = this.#waiting
    while (waiting.length > 0 && conn.canTake(waiting[0]!)) conn.enqueue(waiting.shift()!)
    // The most recently freed connection is tried first next time.
    const conns = this.#conns
    if (conns[conns.length - 1] !== conn && conn.state.inFlight.length === 0) {
      const i = conns.indexOf(conn)
      if (i >= 0) {
        conns.splice(i, 1)
        conns.push(conn)
      }
    }
    if (this.#closed && waiting.length === 0) void conn.close()
  }

  /** @internal */
  onClose(conn: ClientConnection): void {
    const i = this.#conns.indexOf(conn)
    if (i >= 0) this.#conns.splice(i, 1)
    if (!this.#closed) this.#openForWaiting()
    this.#checkEmpty()
  }

  /** @internal Sends a request that failed without a response again (see `isRetryable`). */
  retry(ex: Exchange, error: ClientError): boolean {
    if (this.#closed) return false
    trace('retrying %s after %s', ex.req.method.toString(), error.code)
    const fresh = ex.write !== 'queued'
    ex.reset()
    if (fresh) {
      // The reuse race: other idle connections may be as stale, so a new one is made for it.
      this.#waiting.unshift(ex)
      ex.onAbort = this.#onAbort
      this.#openForWaiting()
    } else this.dispatch(ex)
    return true
  }

  /**
   * Lets the connections finish what they carry and what waits, then closes them; resolves when
   * every connection is closed.
   */
  close(): Promise<void> {
    this.#closed = true
    if (this.#waiting.length === 0) for (const conn of this.#conns.slice()) void conn.close()
    return new Promise((resolve) => {
      this.#emptyWaiters.push(resolve)
      this.#checkEmpty()
    })
  }

  /** Closes every connection now; what is in flight or waiting fails with `error`. */
  destroy(error: ClientError): void {
    this.#closed = true
    this.#failWaiting(error)
    for (const conn of this.#conns.slice()) conn.destroy(error)
  }

  /** One connection is made for each waiting request that no connection on the way will take. */
  #openForWaiting(): void {
    if (this.#waiting.length > this.#connecting && this.size < this.#max) this.#open()
  }

  #open(): void {
    this.#connecting++
    connectTo(this.origin, this.#settings).then(
      (socket) => {
        this.#connecting--
        if (this.#closed && this.#waiting.length === 0) {
          socket.destroy()
          this.#checkEmpty()
          return
        }
        const conn = new ClientConnection(socket, this.#options)
        conn.unrefWhenIdle = true
        conn.events = this
        this.#conns.push(conn)
        this.onCapacity(conn)
        if (conn.state.isIdle) conn.rearm()
      },
      (error: unknown) => {
        this.#connecting--
        trace('connect failed: %s', (error as Error).message)
        // With nothing else on the way to this origin, the waiting requests would wait forever.
        if (this.size === 0) this.#failWaiting(error as ClientError)
        else if (this.#waiting.length > this.#conns.length * this.#options.pipelining) this.#open()
        this.#checkEmpty()
      }
    )
  }

  #failWaiting(error: ClientError): void {
    for (const ex of this.#waiting.splice(0)) {
      ex.owner = null
      ex.fail(error, false)
    }
  }

  #checkEmpty(): void {
    if (this.size !== 0 || this.#waiting.length !== 0) return
    this.#onEmpty(this)
    for (const w of this.#emptyWaiters.splice(0)) w()
  }
}
