import { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { debuglog } from 'node:util'
import { Method } from '@touche/http-types'
import { ConnectionInfo } from './conn-info.js'
import { Connection } from './connection.js'
import { Dispatcher } from './dispatcher.js'
import { ServerError } from './errors.js'
import { Exchange } from './exchange.js'
import { resolveOptions } from './options.js'
import type { ServerOptions, ServerOptionsInit } from './options.js'
import { RequestReader } from './request-reader.js'
import { errorResponse } from './response-writer.js'
import { errorStatus } from './server-role.js'
import { toServiceObject } from './service.js'
import type { Service } from './service.js'
import { ConnectionTimer } from './timer.js'
import type { TimerKind } from './timer.js'
import { Transport } from './transport.js'
import type { TransportEvents } from './transport.js'
import type { UpgradeHandler } from './upgrade.js'

const trace = debuglog('touche:server')

/**
 * Serves HTTP/1.1 on any duplex stream: a `net.Socket`, a `tls.TLSSocket`, or an in-memory pair
 * in tests (hyper's `serve_connection`). Resolves when the connection has closed or was handed to
 * an upgrade handler; it never rejects: errors go to `options.onError`.
 *
 * Sockets should allow half-open connections (`allowHalfOpen: true`), so that requests sent
 * before the client's FIN are still answered.
 *
 * @example
 * ```ts
 * import net from 'node:net'
 * import { serveConnection, Response } from '@touche/server'
 * net.createServer({ allowHalfOpen: true }, (socket) => {
 *   void serveConnection(socket, () => Response.builder().body('hi'))
 * }).listen(8080)
 * ```
 */
export function serveConnection(
  duplex: Duplex,
  service: Service,
  options: ServerOptionsInit = {}
): Promise<void> {
  return startConnection(duplex, service, resolveOptions(options), ConnectionInfo.of(duplex)).done
}

/** @internal A served connection, as the listener tracks it. */
export interface ServedConnection {
  readonly done: Promise<void>
  readonly info: ConnectionInfo
  /** Finish in-flight exchanges with `Connection: close`, close idle ones after the grace. */
  shutdown(): void
  /** Tear down now. */
  destroy(error?: ServerError): void
}

/** @internal */
export function startConnection(
  duplex: Duplex,
  service: Service,
  options: ServerOptions,
  info: ConnectionInfo,
  direct = false
): ServedConnection {
  if (duplex instanceof Socket) duplex.setNoDelay(true)
  return new ConnectionDriver(duplex, service, options, info, direct)
}

/**
 * Wires one connection's parts together and reacts to what crosses them: socket events, timers,
 * finished exchanges, errors, shutdown. It holds no protocol logic of its own.
 */
class ConnectionDriver implements ServedConnection, TransportEvents {
  readonly options: ServerOptions
  readonly info: ConnectionInfo
  readonly state: Connection
  readonly timer: ConnectionTimer
  readonly dispatcher: Dispatcher
  readonly reader: RequestReader
  readonly transport: Transport
  readonly done: Promise<void>
  #resolveDone!: () => void
  #finished = false
  #closing = false

  constructor(
    duplex: Duplex,
    service: Service,
    options: ServerOptions,
    info: ConnectionInfo,
    direct: boolean
  ) {
    this.options = options
    this.info = info
    this.state = new Connection(options.keepAlive)
    this.timer = new ConnectionTimer((kind) => this.#onTimeout(kind))
    this.dispatcher = new Dispatcher(this, toServiceObject(service))
    this.reader = new RequestReader(this)
    this.done = new Promise((resolve) => (this.#resolveDone = resolve))
    this.transport = new Transport(duplex, this, direct)
    this.timer.arm('header', options.headerReadTimeout)
    trace('connection %d open', info.id)
  }

  // --- transport events

  onData(chunk: Uint8Array, transient: boolean): void {
    this.reader.onData(chunk, transient)
  }

  wantsOwnMemory(): boolean {
    return this.reader.expectsLargeBody()
  }

  onEnd(): void {
    const error = this.reader.onEnd()
    if (error !== null) this.report(error)
    this.state.peerEnded()
    if (this.dispatcher.isIdle) this.#closeAfterWrite()
  }

  onDrain(): void {
    this.reader.advance()
  }

  onError(error: Error): void {
    if (!this.#finished) this.report(new ServerError('ERR_SERVER_IO', { cause: error }))
  }

  onClose(): void {
    this.#finish()
  }

  // --- dispatcher host

  onExchangeDone(ex: Exchange): void {
    if (ex.closeAfter) {
      this.#closeAfterWrite()
      return
    }
    const body = ex.incoming
    if (body !== null && !body.queue.isConsumed) body.queue.cancel()
    if (this.state.reading === 'hold' && ex.upgradeRequested) {
      this.reader.release()
      return
    }
    if (this.state.reading === 'closed' && this.dispatcher.isIdle && this.reader.body === null) {
      this.#closeAfterWrite()
      return
    }
    this.reader.advance()
  }

  onUpgrade(ex: Exchange, handler: UpgradeHandler | null): void {
    if (handler === null) {
      this.#closeAfterWrite()
      return
    }
    this.transport.flush((error) => {
      if (error || this.#finished) return
      this.#handOver(ex, handler)
    })
  }

  onWriteFailed(_ex: Exchange, error: ServerError): void {
    if (!this.#finished) this.report(error)
    this.transport.destroy()
  }

  report(error: ServerError): void {
    trace('connection %d: %s', this.info.id, error.code)
    try {
      this.options.onError(error)
    } catch (thrown) {
      trace('onError threw: %o', thrown)
    }
  }

  // --- reader host

  onReadError(error: ServerError): void {
    this.report(error)
    this.state.closeRead()
    if (this.timer.kind === 'header') this.timer.disarm()
    const ex = new Exchange(
      {
        request: null,
        method: Method.GET,
        http10: false,
        keepAliveRequested: false,
        upgradeRequested: false,
        incoming: null,
      },
      null
    )
    ex.response = errorResponse(errorStatus(error))
    ex.isReady = true
    ex.closeAfter = true
    this.dispatcher.push(ex)
  }

  onReadIdle(): void {
    if (!this.dispatcher.isIdle) return
    if (this.state.isShuttingDown) this.timer.arm('shutdown', this.options.shutdownGrace)
    else this.timer.arm('idle', this.options.keepAliveTimeout)
  }

  closeNow(): void {
    this.state.disableKeepAlive()
    this.state.closeRead()
    if (this.dispatcher.isIdle) this.#closeAfterWrite()
  }

  // --- listener control

  shutdown(): void {
    if (this.#finished || this.state.isShuttingDown) return
    this.state.startShutdown()
    const last = this.dispatcher.last
    if (last === undefined) {
      if (this.reader.buffered === 0 && this.reader.body === null) {
        this.timer.arm('shutdown', this.options.shutdownGrace)
      }
      return
    }
    if (!last.headWritten) {
      last.closeAfter = true
      this.reader.stopAfterCurrent()
    }
  }

  destroy(error?: ServerError): void {
    if (this.#finished) return
    if (error !== undefined) this.report(error)
    this.transport.destroy()
  }

  // --- internals

  #onTimeout(kind: TimerKind): void {
    trace('connection %d: %s timeout', this.info.id, kind)
    switch (kind) {
      case 'header':
        if (!this.reader.onHeaderTimeout() && this.dispatcher.isIdle) this.#closeAfterWrite()
        return
      case 'idle':
      case 'shutdown':
        if (this.dispatcher.isIdle && this.reader.buffered === 0 && this.reader.body === null) {
          this.#closeAfterWrite()
        }
        return
      case 'body':
        this.reader.onBodyTimeout()
        return
      case 'drain':
        this.closeNow()
        return
      case 'linger':
        this.transport.destroy()
        return
    }
  }

  /**
   * Ends the write side once everything queued is flushed, and keeps reading (and discarding) for
   * a while, so a client still sending does not get a reset that would destroy the response.
   */
  #closeAfterWrite(): void {
    if (this.#closing) return
    this.#closing = true
    this.state.closeRead()
    const body = this.reader.body
    if (body !== null && body.queue.isOpen) body.queue.cancel()
    this.dispatcher.close(new ServerError('ERR_SERVER_CANCELED'))
    this.transport.resume()
    this.transport.end()
    this.timer.arm('linger', Math.max(this.options.drainTimeout, 1))
  }

  #handOver(_ex: Exchange, handler: UpgradeHandler): void {
    const head = this.reader.takeBuffered()
    const socket = this.transport.detach()
    this.#finish()
    trace('connection %d upgraded', this.info.id)
    try {
      const result = handler(socket, head)
      if (result !== undefined && typeof result.then === 'function') {
        result.then(undefined, (error: unknown) =>
          this.report(new ServerError('ERR_SERVER_USER', { cause: error }))
        )
      }
    } catch (error) {
      this.report(new ServerError('ERR_SERVER_USER', { cause: error }))
      socket.destroy()
    }
  }

  #finish(): void {
    if (this.#finished) return
    this.#finished = true
    this.timer.clear()
    this.state.markClosed()
    const body = this.reader.body
    if (body !== null && !body.isDone) body.fail(new ServerError('ERR_SERVER_INCOMPLETE_MESSAGE'))
    this.dispatcher.close(new ServerError('ERR_SERVER_CANCELED'))
    trace('connection %d closed', this.info.id)
    this.#resolveDone()
  }
}
