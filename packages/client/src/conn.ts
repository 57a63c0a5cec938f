import type { Duplex } from 'node:stream'
import { debuglog } from 'node:util'
import type { Body } from '@touche/body'
import { ResponseParser } from '@touche/h1'
import type { Response } from '@touche/http-types'
import { isFixed, isRetryable, keepsAlive } from './client-role.js'
import { ConnState } from './conn-state.js'
import { ClientError } from './errors.js'
import type { Exchange } from './exchange.js'
import type { ResolvedConnectionOptions } from './options.js'
import { RequestWriter } from './request-writer.js'
import type { WriterHost } from './request-writer.js'
import { ResponseReader } from './response-reader.js'
import { ConnTimer, armFor } from './timer.js'
import type { TimerKind } from './timer.js'
import { Upgraded, handOver } from './upgraded.js'

const trace = debuglog('touche:client')

/** What a connection tells its owner (a pool, or nobody for `handshake`). */
export interface ConnEvents {
  /** A response finished or a request was written: the connection may take more. */
  onCapacity(conn: ClientConnection): void
  /** The connection is closed, or handed over by an upgrade; it takes no more requests. */
  onClose(conn: ClientConnection): void
}

const NO_EVENTS: ConnEvents = { onCapacity() {}, onClose() {} }

/**
 * One client connection (hyper's `proto::h1::Conn` in the client role): reacts to socket events,
 * timers and the caller's requests by moving its `ConnState`, and does the I/O that follows. The
 * write half is a `RequestWriter`, the read half a `ResponseReader`; the policy is
 * `client-role.ts`.
 *
 * @example
 * ```ts
 * const conn = new ClientConnection(socket, options)
 * conn.enqueue(exchange)
 * ```
 */
export class ClientConnection implements WriterHost {
  readonly socket: Duplex
  readonly state: ConnState
  readonly writer: RequestWriter
  readonly reader: ResponseReader
  readonly timer: ConnTimer
  events: ConnEvents = NO_EVENTS
  /** Milliseconds a server's `Keep-Alive: timeout=N` lets the connection idle (less a margin). */
  idleLimit = Infinity
  /**
   * Whether an idle connection lets the process exit (set by a pool, as node:http's `Agent` does
   * for its free sockets): a forgotten `close()` then costs nothing at exit.
   */
  unrefWhenIdle = false
  #refd = true
  #ioError: Error | null = null
  /**
   * The socket was handed over still connecting and has not connected yet: a failure now is a
   * connect error (refused, DNS, unreachable, a TLS handshake). A failed socket never connects.
   */
  #connecting = false
  #closing = false
  #closedWaiters: Array<() => void> = []
  readonly #onData = (chunk: Uint8Array): void => this.reader.onData(chunk)
  readonly #onEnd = (): void => this.#onPeerEnd()
  readonly #onError = (error: Error): void => {
    this.#ioError ??= error
  }
  readonly #onClose = (): void => this.#finish()
  readonly #onDrain = (): void => this.writer.onDrain()
  readonly #onAbort = (ex: Exchange): void => this.#abort(ex)

  constructor(socket: Duplex, options: ResolvedConnectionOptions) {
    this.socket = socket
    this.state = new ConnState(options)
    this.writer = new RequestWriter(socket, this)
    this.reader = new ResponseReader(this, new ResponseParser(options.limits))
    this.timer = new ConnTimer((kind) => this.#onTimeout(kind))
    if ((socket as { connecting?: boolean }).connecting === true) {
      // Handed over still connecting (`handshake(net.connect(...))`): until it connects (for
      // TLS, until its handshake is done), a failure is a connect error, as in a `Client`.
      this.#connecting = true
      const tls = (socket as { encrypted?: boolean }).encrypted === true
      socket.once(tls ? 'secureConnect' : 'connect', () => (this.#connecting = false))
    }
    socket.on('data', this.#onData)
    socket.on('end', this.#onEnd)
    socket.on('error', this.#onError)
    socket.on('close', this.#onClose)
    socket.on('drain', this.#onDrain)
    if (socket.destroyed) queueMicrotask(this.#onClose)
    this.rearm()
  }

  get options(): ResolvedConnectionOptions {
    return this.state.options
  }

  /** Whether the connection takes no more requests. */
  get isClosed(): boolean {
    return this.state.isClosed || this.#closing
  }

  /** Whether a request sent now would be written at once. */
  canTake(ex: Exchange): boolean {
    return !this.#closing && this.state.canTake(ex)
  }

  /** Sends `ex` when the connection may: now, or after the requests before it. */
  enqueue(ex: Exchange): void {
    if (this.isClosed) {
      ex.fail(new ClientError('ERR_CLIENT_CLOSED'), true)
      return
    }
    ex.onAbort = this.#onAbort
    if (this.unrefWhenIdle) this.#ref(true)
    this.state.enqueue(ex)
    this.pump()
  }

  /** Writes every pending request the state allows now (one batch). */
  pump(): void {
    const state = this.state
    let wrote = false
    for (let ex = state.nextWritable(); ex !== null; ex = state.nextWritable()) {
      wrote = true
      this.#write(ex)
    }
    if (wrote) this.rearm()
  }

  /** Ends the connection once what is in flight and pending is answered. */
  close(): Promise<void> {
    this.#closing = true
    if (this.state.isIdle) this.#end()
    return this.#closed()
  }

  /** Tears the connection down now; what is in flight fails with `error`. */
  destroy(error?: ClientError): void {
    if (this.state.isClosed) return
    this.#finish(error ?? new ClientError('ERR_CLIENT_CANCELED'))
    this.socket.destroy()
  }

  // --- writing

  #write(ex: Exchange): void {
    const req = ex.req
    this.writer.writeHead(req.head)
    if (req.length === 0) this.state.finishWrite(ex, 'done')
    else if (req.expectContinue) this.state.holdBody(ex)
    else if (isFixed(req.body)) {
      this.writer.writeFixedBody(ex)
      this.state.finishWrite(ex, 'done')
    } else this.#streamBody(ex)
  }

  /** The server said `100 Continue`, or the wait for it ended: the held body goes. */
  releaseBody(ex: Exchange): void {
    if (ex.write !== 'continue') return
    if (isFixed(ex.req.body)) {
      this.writer.writeFixedBody(ex)
      this.state.finishWrite(ex, 'done')
      this.pump()
    } else this.#streamBody(ex)
    this.rearm()
  }

  /**
   * A final status came before `100 Continue` (RFC 9110 §10.1.1): the body is not sent. A chunked
   * request is ended with an empty last chunk and the connection stays usable; one with a
   * Content-Length cannot be completed, so the connection closes after the response.
   */
  skipBody(ex: Exchange): void {
    if (ex.req.chunked) this.writer.writeEmptyChunkedEnd()
    else this.state.disableKeepAlive()
    this.state.finishWrite(ex, 'skipped')
  }

  #streamBody(ex: Exchange): void {
    this.state.streamBody(ex)
    void this.writer.pumpBody(ex)
  }

  canWrite(ex: Exchange): boolean {
    return !this.state.isClosed && !ex.abandoned && ex.write === 'body'
  }

  onBodySent(ex: Exchange): void {
    this.state.finishWrite(ex, 'done')
    if (ex.read === 'done') this.afterResponse()
    else this.pump()
  }

  onBodyFailed(ex: Exchange, cause: unknown): void {
    const error = new ClientError('ERR_CLIENT_BODY_WRITE', { cause })
    ex.fail(error, false)
    ex.queue?.fail(error)
    this.destroy(error)
  }

  // --- reading (called by the reader)

  /** Resolves `ex` with its response head and body. */
  respond(ex: Exchange, res: Response<Body>): void {
    ex.resolve(res)
  }

  /**
   * A response was read to its end: the connection is kept or closed (hyper's `try_keep_alive`),
   * and the requests waiting for it are written.
   */
  finishResponse(ex: Exchange): void {
    const requestDone = ex.write === 'done' || ex.write === 'skipped'
    const keep = this.state.finishResponse(
      ex,
      keepsAlive(ex.req, ex.keep, requestDone) && !this.#closing
    )
    if (!keep) {
      // Requests written behind it will not be answered (RFC 9112 §9.6): they fail, or are sent
      // again elsewhere, once the connection is closed.
      if (ex.write === 'body') {
        // The server answered and is closing while the body still goes out: the rest is not
        // sent, and the client closes its side (RFC 9112 §9.5). The pump sees it and stops.
        if (!ex.keep) {
          this.state.finishWrite(ex, 'skipped')
          this.#end()
        }
        return
      }
      if (this.state.inFlight.length === 0) this.#end()
      else this.destroy(new ClientError('ERR_CLIENT_INCOMPLETE_MESSAGE'))
      return
    }
    if (ex.write === 'body') return
    this.afterResponse()
  }

  afterResponse(): void {
    if (this.#closing && this.state.isIdle) {
      this.#end()
      return
    }
    if (this.state.keepAlive === 'disabled' && this.state.inFlight.length === 0) {
      this.#end()
      return
    }
    this.pump()
    this.rearm()
    this.events.onCapacity(this)
  }

  /**
   * A 101, or a 2xx to CONNECT: the socket goes to the caller with the bytes read past the head.
   * The connection's `'error'` listener stays, so an error before the new owner listens does not
   * crash the process.
   */
  upgrade(ex: Exchange, res: Response<Body>, head: Uint8Array): void {
    const socket = this.socket
    socket.pause()
    socket.off('data', this.#onData)
    socket.off('end', this.#onEnd)
    socket.off('close', this.#onClose)
    socket.off('drain', this.#onDrain)
    socket.off('error', this.#onError)
    handOver(socket)
    const copy = head.length === 0 ? new Uint8Array(0) : Uint8Array.from(head)
    res.extensions.insert(Upgraded, new Upgraded(socket, copy))
    ex.finish()
    this.#finish(new ClientError('ERR_CLIENT_CLOSED'), ex)
    ex.resolve(res)
  }

  /** The server broke the protocol: the connection is unusable. */
  protocolError(error: ClientError): void {
    trace('protocol error: %s', error.message)
    const first = this.state.inFlight[0]
    if (first !== undefined) {
      first.fail(error, false)
      first.queue?.fail(error)
    }
    this.destroy(error)
  }

  /** Arms the timer for what the connection waits on now; an idle pooled socket is unref'd. */
  rearm(): void {
    const state = this.state
    armFor(this.timer, state, this.idleLimit, this.reader.isPaused)
    if (this.unrefWhenIdle && state.reading === 'idle' && state.isIdle) this.#ref(false)
  }

  // --- closing

  #abort(ex: Exchange): void {
    const state = this.state
    const i = state.pending.indexOf(ex)
    if (i >= 0) {
      state.pending.splice(i, 1)
      return
    }
    if (state.inFlight.indexOf(ex) < 0) return
    if (ex.write === 'body' || ex.write === 'continue') {
      // Half a request is on the wire: the connection cannot carry another.
      this.destroy(new ClientError('ERR_CLIENT_CANCELED'))
    } else if (ex.read === 'body') this.reader.onBodyCanceled(ex)
    else if (state.inFlight.length === 1) this.destroy(new ClientError('ERR_CLIENT_CANCELED'))
    // Otherwise its response is read and dropped when it comes, keeping the others in order.
  }

  #onTimeout(kind: TimerKind): void {
    trace('%s timeout', kind)
    switch (kind) {
      case 'idle':
        this.#end()
        return
      case 'continue': {
        const first = this.state.inFlight[0]
        if (first !== undefined) this.releaseBody(first)
        return
      }
      case 'headers':
        this.protocolError(new ClientError('ERR_CLIENT_HEADERS_TIMEOUT'))
        return
      case 'body':
        this.protocolError(new ClientError('ERR_CLIENT_BODY_TIMEOUT'))
        return
    }
  }

  #onPeerEnd(): void {
    this.reader.onEnd()
    if (!this.state.isClosed) this.socket.end()
  }

  /** Closes the write side once flushed; the socket closes when the server closes its side. */
  #end(): void {
    this.#closing = true
    // Whoever awaits the close (a `close()`, `await using`) keeps the process alive until it is.
    if (this.unrefWhenIdle) this.#ref(true)
    this.timer.clear()
    this.writer.flush()
    this.socket.end()
    // Nothing more is read from a connection the client is done with.
    this.socket.resume()
  }

  /** `ref()`s or `unref()`s the socket when that changes (a `net.Socket`; others have neither). */
  #ref(ref: boolean): void {
    if (this.#refd === ref) return
    this.#refd = ref
    const socket = this.socket as Duplex & { ref?: () => unknown; unref?: () => unknown }
    if (ref) socket.ref?.()
    else socket.unref?.()
  }

  #closed(): Promise<void> {
    if (this.state.isClosed) return Promise.resolve()
    return new Promise((resolve) => this.#closedWaiters.push(resolve))
  }

  /**
   * The connection is over: whatever was in flight fails, or is sent again elsewhere when that is
   * safe (`isRetryable`); requests never written are always safe to send elsewhere.
   */
  #finish(reason?: ClientError, handedOver?: Exchange): void {
    if (this.state.isClosed) return
    this.timer.clear()
    const { inFlight, pending } = this.state.close()
    this.writer.onDrain()
    const error =
      reason ??
      (this.#ioError !== null
        ? new ClientError(this.#connecting ? 'ERR_CLIENT_CONNECT' : 'ERR_CLIENT_IO', {
            cause: this.#ioError,
          })
        : new ClientError('ERR_CLIENT_INCOMPLETE_MESSAGE'))
    for (const ex of inFlight) {
      if (ex === handedOver) continue
      if (ex.read === 'body') {
        ex.queue?.fail(error)
        ex.finish()
      } else ex.fail(error, isRetryable(ex.req, ex.attempt, ex.reused, ex.received))
    }
    for (const ex of pending) ex.fail(error, true)
    trace('connection closed: %s', error.code)
    this.events.onClose(this)
    for (const w of this.#closedWaiters.splice(0)) w()
  }
}
