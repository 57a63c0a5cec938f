import type { Duplex } from 'node:stream'
import { debuglog } from 'node:util'
import type { ParsedRequest } from '@touche/h1'
import type { ConnectionInfo } from './conn-info.js'
import { onTimeout } from './connection-timers.js'
import { ConnectionState } from './connection-state.js'
import { Dispatcher } from './dispatcher.js'
import type { DispatchHost } from './dispatcher.js'
import { ServerError } from './errors.js'
import { Exchange } from './exchange.js'
import type { IncomingBody, IncomingHooks } from './incoming-body.js'
import { exchangeFor } from './incoming-request.js'
import type { ExchangeContext } from './incoming-request.js'
import type { ServerOptions } from './options.js'
import { RequestReader } from './request-reader.js'
import type { ReadEvents } from './request-reader.js'
import { canDrain, keepsAlive } from './server-role.js'
import { toServiceObject } from './service.js'
import type { Service } from './service.js'
import type { TimerKind } from './timer.js'
import { Transport } from './transport.js'
import type { TransportEvents } from './transport.js'
import { Method } from '@touche/http-types'
import { NodeRequest } from './node-request.js'
import { handOver, takeOver } from './upgrade.js'
import type { UpgradeHandler, UpgradeHooks, UpgradeListener } from './upgrade.js'

const trace = debuglog('touche:server')

/**
 * One served connection (hyper's `proto/h1/conn.rs`): it reacts to what happens (bytes, FIN,
 * drain, errors, timers, responses written, bodies read or canceled, shutdown) by moving its
 * `ConnectionState` and doing the I/O that follows. Each decision has one place here: whether a
 * connection persists after a response (`#tryKeepAlive`), whether an unread body is drained
 * (`#drainOrClose`), what a failed request leads to (`onHeadError`, `onBodyError`), what a peer FIN
 * leads to (`onEnd`). What each timer does is in `connection-timers.ts`. Reading is `RequestReader`'s, the
 * service and the order of writes are the `Dispatcher`'s.
 *
 * @example
 * ```ts
 * const conn = new Connection(socket, handler, resolveOptions(), ConnectionInfo.of(socket))
 * await conn.done
 * ```
 */
export class Connection
  implements TransportEvents, DispatchHost, IncomingHooks, ExchangeContext, ReadEvents
{
  readonly options: ServerOptions
  readonly info: ConnectionInfo
  readonly transport: Transport
  readonly dispatcher: Dispatcher
  readonly state: ConnectionState
  readonly hooks: IncomingHooks = this
  readonly sink: Dispatcher
  readonly #reader: RequestReader
  readonly #upgrades: UpgradeHooks | null
  #finished = false
  #ioError: Error | null = null
  #running = false
  #again = false
  #done: Promise<void> | null = null
  #resolveDone: (() => void) | null = null
  readonly #onDone: (() => void) | null

  /**
   * @param direct - the socket is fresh from touche's listener and may be read directly.
   * @param upgrades - node-style `'upgrade'` and `'connect'` listeners, when any.
   * @param onDone - called once the connection has closed or was handed over (no promise per
   *   connection for the listener that tracks it).
   */
  constructor(
    duplex: Duplex,
    service: Service,
    options: ServerOptions,
    info: ConnectionInfo,
    direct = false,
    upgrades: UpgradeHooks | null = null,
    onDone: (() => void) | null = null
  ) {
    this.options = options
    this.#onDone = onDone
    this.#upgrades = upgrades
    this.info = info
    this.dispatcher = this.sink = new Dispatcher(this, toServiceObject(service))
    this.state = new ConnectionState(options, this.dispatcher, (kind) => this.#onTimeout(kind))
    this.transport = new Transport(duplex, this, direct, options.maxReadSize)
    this.#reader = new RequestReader(this.state, this.transport, this, options)
    this.state.rearm()
    trace('connection %d open', info.id)
  }

  // --- transport events

  onData(chunk: Uint8Array, transient: boolean): void {
    const state = this.state
    if (state.reading === 'closed' && state.body === null) return
    this.#reader.append(chunk, transient)
    this.#read()
    this.#reader.settle()
  }

  ownReadLimit(): number {
    return this.state.body?.largeRest ?? 0
  }

  /** The peer sent FIN: a body in progress ends here or fails; responses owed still go out. */
  onEnd(): void {
    const state = this.state
    const body = state.body
    if (body !== null) {
      try {
        body.finish()
      } catch (cause) {
        this.onBodyError(body, new ServerError('ERR_SERVER_INCOMPLETE_MESSAGE', { cause }))
      }
    } else if (state.reading === 'head' && this.#reader.buffered > 0) {
      const error = this.#reader.endHead()
      if (error.isParse()) this.onHeadError(error)
      else this.report(error)
    }
    state.peerEnded()
    if (state.reading === 'closed') this.#reader.clear()
    this.#read()
  }

  onDrain(): void {
    this.#read()
  }

  onError(error: Error): void {
    if (this.#finished) return
    this.#ioError = error
    this.report(new ServerError('ERR_SERVER_IO', { cause: error }))
  }

  onClose(): void {
    this.#finish()
  }

  // --- what the reader reports

  onHead(parsed: ParsedRequest): void {
    const state = this.state
    if (parsed.upgrade && this.#upgrades !== null) {
      const kind = parsed.method === Method.CONNECT ? 'connect' : 'upgrade'
      const listener = this.#upgrades.listener(kind)
      if (listener !== null) {
        // A node-style listener takes it in its turn, with the bytes after the head as they are.
        const ex = exchangeFor(parsed, false, this, false)
        ex.takeOver(listener)
        state.readHead(true, true, null)
        this.dispatcher.push(ex)
        return
      }
    }
    const requested = parsed.keepAlive && !parsed.mustClose
    const keep = keepsAlive(requested, state.allowsKeepAlive(), null, null, true)
    const ex = exchangeFor(parsed, keep, this)
    state.readHead(keep, parsed.upgrade, ex.incoming)
    this.dispatcher.push(ex)
  }

  /** No request after the ones in flight is read (an undrainable body, a drain too long). */
  onDrainTooLong(): void {
    this.state.stopReading()
    this.#reader.clear()
  }

  /** Bytes received and not yet parsed or fed. */
  get buffered(): number {
    return this.#reader.buffered
  }

  onReadDone(): void {
    this.closeWrite()
  }

  onResume(): void {
    this.#read()
  }

  // --- what the dispatcher reports

  onResponseWritten(ex: Exchange): void {
    this.#tryKeepAlive(ex)
  }

  onResponseFailed(_ex: Exchange, error: ServerError): void {
    if (!this.#finished) this.report(error)
    // A reset, not a FIN: a close-delimited body cut short must not look complete.
    this.release(error)
  }

  onUpgrade(ex: Exchange, handler: UpgradeHandler | null, takeover: UpgradeListener | null): void {
    if (handler === null && takeover === null) {
      this.closeWrite()
      return
    }
    this.transport.flush((error) => {
      if (error || this.#finished) return
      const head = this.#reader.take()
      // A node-style listener gets the socket as node:http gives it, with no listener of ours.
      const socket = this.transport.detach(takeover === null)
      this.#finish()
      this.#upgrades?.adopted(socket)
      trace('connection %d upgraded', this.info.id)
      const report = (e: ServerError): void => this.report(e)
      if (takeover !== null) {
        takeOver(takeover, new NodeRequest(ex.request!, socket), socket, head, report)
      } else {
        handOver(socket, head, handler!, report)
      }
    })
  }

  report(error: ServerError): void {
    trace('connection %d: %s', this.info.id, error.code)
    try {
      this.options.onError(error)
    } catch (thrown) {
      trace('onError threw: %o', thrown)
    }
  }

  // --- what request bodies report

  onBodyDemand(body: IncomingBody): void {
    if (body !== this.state.body) return
    this.dispatcher.continueIfAsked(body.exchange)
    this.#read()
  }

  onBodyCanceled(body: IncomingBody): void {
    if (body !== this.state.body) return
    this.#drainOrClose(body)
    this.#read()
  }

  // --- listener control

  /** Graceful shutdown: finish the exchanges in flight, with `Connection: close`, then close. */
  shutdown(): void {
    if (this.#finished || !this.state.startShutdown()) return
    if (this.state.reading === 'closed') this.#reader.clear()
    this.#read()
  }

  /** Tears the connection down now, with a reset. */
  destroy(error?: ServerError): void {
    if (this.#finished) return
    if (error !== undefined) this.report(error)
    this.release(error ?? new ServerError('ERR_SERVER_CANCELED'))
  }

  // --- transitions with I/O

  /**
   * Reads what was received with writes held, so that a request found malformed in the same
   * read is answered as such; then writes what is ready, and again while that made room (a call
   * made meanwhile asks for another pass instead of recursing). Then the timer is re-armed.
   */
  #read(): void {
    if (this.#finished) return
    if (this.#running) {
      this.#again = true
      return
    }
    this.#running = true
    this.#reader.newTurn()
    const t = this.transport
    const dispatcher = this.dispatcher
    t.cork()
    try {
      do {
        this.#again = false
        dispatcher.hold()
        try {
          this.#reader.read()
        } finally {
          dispatcher.release()
        }
      } while (this.#again && !this.#finished)
    } finally {
      this.#running = false
      t.uncork()
      if (!this.#finished) this.state.rearm()
    }
  }

  /** A response is written: go on with the next request, or close (hyper's `try_keep_alive`). */
  #tryKeepAlive(ex: Exchange): void {
    if (!ex.keepAlive) {
      this.closeWrite()
      return
    }
    if (ex.upgradeRequested) this.state.releaseHold()
    const body = ex.incoming
    // Canceling the unread rest calls `onBodyCanceled`, which drains it or closes.
    if (body !== null && !body.queue.isConsumed) body.queue.cancel()
    this.#read()
  }

  /** The rest of a canceled body is drained within budget, or no more requests are read. */
  #drainOrClose(body: IncomingBody): void {
    const facts = {
      isDone: body.isDone,
      clientMaySend: body.exchange.clientMaySend,
      remaining: body.remaining,
      isUsed: false,
    }
    if (!canDrain(facts, this.options.maxDrainBytes)) this.onDrainTooLong()
  }

  /** A head that cannot be answered normally: its automatic response comes in turn, then close. */
  onHeadError(error: ServerError): void {
    this.report(error)
    this.state.closeRead()
    this.#reader.clear()
    this.dispatcher.push(Exchange.automatic(error))
  }

  /**
   * A body that cannot be read to its end: the handler's reads fail, the request's automatic
   * response replaces the handler's if its head is not written yet, and nothing after it is read.
   * Earlier pipelined requests are answered as usual.
   */
  onBodyError(body: IncomingBody, error: ServerError): void {
    this.report(error)
    body.fail(error)
    this.state.closeRead()
    this.#reader.clear()
    this.dispatcher.failRequest(body.exchange, error)
  }

  /**
   * Ends the write side once everything queued is flushed, and keeps reading (and discarding)
   * for a while, so a client still sending does not get a reset that would destroy the response.
   */
  closeWrite(): void {
    const body = this.state.body
    if (!this.state.closeWrite()) return
    this.#reader.clear()
    if (body !== null && body.queue.isOpen) body.queue.cancel()
    this.dispatcher.close(canceled)
    this.transport.resume()
    this.transport.end()
  }

  /** Abandons every exchange and resets the connection. */
  release(reason: ServerError): void {
    this.state.closeWrite()
    this.dispatcher.close(() => reason)
    this.transport.reset()
  }

  #onTimeout(kind: TimerKind): void {
    trace('connection %d: %s timeout', this.info.id, kind)
    if (onTimeout(kind, this)) this.#read()
  }

  #finish(): void {
    if (this.#finished) return
    this.#finished = true
    const body = this.state.body
    this.state.finish()
    if (body !== null && !body.isDone) body.fail(new ServerError('ERR_SERVER_INCOMPLETE_MESSAGE'))
    this.#reader.dispose()
    const io = this.#ioError
    this.dispatcher.close(
      io === null ? canceled : () => new ServerError('ERR_SERVER_IO', { cause: io })
    )
    trace('connection %d closed', this.info.id)
    this.#resolveDone?.()
    this.#onDone?.()
  }

  /** Resolves once the connection has closed or was handed over. */
  get done(): Promise<void> {
    this.#done ??= this.#finished
      ? Promise.resolve()
      : new Promise((resolve) => (this.#resolveDone = resolve))
    return this.#done
  }
}

/** The error exchanges are abandoned with when their connection closes under them. */
function canceled(): ServerError {
  return new ServerError('ERR_SERVER_CANCELED')
}
