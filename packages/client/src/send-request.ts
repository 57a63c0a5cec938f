import type { Body, BodyInit } from '@touche/body'
import type { Request, Response } from '@touche/http-types'
import { prepareRequest } from './client-role.js'
import type { ClientConnection } from './conn.js'
import { ClientError } from './errors.js'
import { Exchange } from './exchange.js'
import type { SendOptions } from './exchange.js'
import { targetOf } from './origin.js'

/**
 * The sending half of one connection (hyper's `client::conn::http1::SendRequest`), made by
 * `handshake`. Requests sent together are written together and pipelined as the connection's
 * options allow; responses come back in order. It knows nothing of pools or DNS: a request's URI
 * may be origin-form with a Host field, or absolute (its authority becomes Host).
 *
 * @example
 * ```ts
 * const send = handshake(net.connect(3000, '127.0.0.1'))
 * const res = await send.send(Request.get('/').header('host', 'localhost').body(null))
 * console.log(res.status.code, await res.body.text())
 * await send.close()
 * ```
 */
export class SendRequest {
  readonly #conn: ClientConnection
  #readyWaiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = []

  /** @internal Made by `handshake`. */
  constructor(conn: ClientConnection) {
    this.#conn = conn
    conn.events = {
      onCapacity: () => this.#wake(null),
      onClose: () => this.#wake(new ClientError('ERR_CLIENT_CLOSED')),
    }
  }

  /**
   * Sends a request; resolves with the response once its head has arrived (the body streams
   * after). Rejects with a `ClientError` if the request cannot be sent or answered.
   *
   * @example
   * ```ts
   * const res = await send.send(Request.post('http://a/items').body('{"a":1}'))
   * ```
   */
  send(req: Request<BodyInit>, options?: SendOptions): Promise<Response<Body>> {
    if (options?.signal?.aborted === true) {
      return Promise.reject(
        new ClientError('ERR_CLIENT_CANCELED', { cause: options.signal.reason })
      )
    }
    let prepared
    try {
      prepared = prepareRequest(req, targetOf(req.uri, null), this.#conn.options.keepAlive)
    } catch (error) {
      return Promise.reject(error)
    }
    return new Promise((resolve, reject) => {
      this.#conn.enqueue(new Exchange(prepared, options, resolve, reject))
    })
  }

  /**
   * Resolves when a request sent now would be written at once (hyper's `ready`); rejects when the
   * connection is closed.
   *
   * @example
   * ```ts
   * await send.ready()
   * ```
   */
  ready(): Promise<void> {
    const conn = this.#conn
    if (conn.isClosed) return Promise.reject(new ClientError('ERR_CLIENT_CLOSED'))
    if (this.#hasRoom()) return Promise.resolve()
    return new Promise((resolve, reject) => this.#readyWaiters.push({ resolve, reject }))
  }

  /**
   * Whether the connection takes no more requests (closed by either side, or handed over).
   *
   * @example
   * ```ts
   * if (send.isClosed()) send = handshake(await reconnect())
   * ```
   */
  isClosed(): boolean {
    return this.#conn.isClosed
  }

  /**
   * Closes the connection once the requests sent are answered; resolves when it is closed.
   *
   * @example
   * ```ts
   * await send.close()
   * ```
   */
  close(): Promise<void> {
    return this.#conn.close()
  }

  /**
   * Closes the connection now: requests in flight fail with `ERR_CLIENT_CANCELED`.
   *
   * @example
   * ```ts
   * send.destroy()
   * ```
   */
  destroy(): void {
    this.#conn.destroy()
  }

  #hasRoom(): boolean {
    const state = this.#conn.state
    return (
      state.writing === 'init' &&
      state.keepAlive !== 'disabled' &&
      state.pending.length === 0 &&
      state.inFlight.length < state.options.pipelining
    )
  }

  #wake(error: ClientError | null): void {
    if (this.#readyWaiters.length === 0) return
    if (error === null && !this.#hasRoom()) return
    for (const w of this.#readyWaiters.splice(0)) {
      if (error === null) w.resolve()
      else w.reject(error)
    }
  }
}
