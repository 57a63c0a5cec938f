/**
 * What the read side is doing (hyper's `Reading`): waiting for or parsing a `head`, feeding a
 * request `body`, on `hold` until an upgrade or CONNECT request is answered, or `closed` for
 * good (after `Connection: close`, an error, the request limit, or the peer's FIN).
 */
export type Reading = 'head' | 'body' | 'hold' | 'closed'

/**
 * The state of one connection, and only its state (hyper's `conn::State`): the driving lives in
 * `request-reader.ts` and `dispatcher.ts`, the I/O in `transport.ts`, the policy in
 * `server-role.ts`.
 *
 * @example
 * ```ts
 * const state = new Connection(true)
 * state.disableKeepAlive()
 * state.wantsKeepAlive // false
 * ```
 */
export class Connection {
  reading: Reading = 'head'
  /** Requests read on this connection. */
  requests = 0
  #keepAlive: boolean
  #shuttingDown = false
  #peerEnded = false
  #closed = false

  constructor(keepAlive: boolean) {
    this.#keepAlive = keepAlive
  }

  /**
   * Whether responses may keep the connection open. Reading being closed does not turn this off
   * by itself: the responses owed to requests already read still keep-alive, and the exchange
   * that ends the connection carries its own `closeAfter`.
   */
  get wantsKeepAlive(): boolean {
    return this.#keepAlive
  }

  /** No request after the in-flight ones will be read. */
  closeRead(): void {
    this.reading = 'closed'
  }

  /** The connection closes once the in-flight exchanges are answered. */
  disableKeepAlive(): void {
    this.#keepAlive = false
  }

  /** Graceful shutdown started. */
  startShutdown(): void {
    this.#shuttingDown = true
  }

  get isShuttingDown(): boolean {
    return this.#shuttingDown
  }

  /** The peer sent FIN: nothing more will be read. */
  peerEnded(): void {
    this.#peerEnded = true
    this.reading = 'closed'
  }

  get hasPeerEnded(): boolean {
    return this.#peerEnded
  }

  /** The socket closed. */
  markClosed(): void {
    this.#closed = true
    this.reading = 'closed'
  }

  get isClosed(): boolean {
    return this.#closed
  }
}
