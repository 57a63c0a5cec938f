import { RequestParser } from '@touche/h1'
import type { ParsedRequest } from '@touche/h1'
import { StatusCode } from '@touche/http-types'
import type { ConnectionInfo } from './conn-info.js'
import type { Connection } from './connection.js'
import type { Dispatcher } from './dispatcher.js'
import { ServerError } from './errors.js'
import { exchangeFor } from './exchange.js'
import type { Exchange } from './exchange.js'
import type { IncomingBody } from './incoming-body.js'
import type { IncomingHooks } from './incoming-body.js'
import type { ServerOptions } from './options.js'
import { ReadBuffer } from './read-buffer.js'
import type { ConnectionTimer } from './timer.js'
import type { Transport } from './transport.js'

/** What the reader needs from its connection. */
export interface ReaderHost {
  readonly transport: Transport
  readonly options: ServerOptions
  readonly state: Connection
  readonly timer: ConnectionTimer
  readonly dispatcher: Dispatcher
  readonly info: ConnectionInfo
  /** A head could not be parsed, or did not arrive in time: answer `error` in turn and close. */
  onReadError(error: ServerError): void
  /** Nothing is buffered and the read side waits for a new request. */
  onReadIdle(): void
  /** Closes the connection now (an undrainable body). */
  closeNow(): void
  report(error: ServerError): void
}

/**
 * The read side of a connection (hyper's `Conn::poll_read_head` / `poll_read_body`): appends
 * socket bytes to the read buffer, parses heads with the h1 `RequestParser`, feeds request
 * bodies, and queues each exchange on the dispatcher. Reading pauses while the pipeline is full,
 * the socket needs to drain, or a body's queue is full; at most `maxPipelinedRequests` heads are
 * parsed per turn before yielding to the event loop.
 *
 * @example
 * ```ts
 * const reader = new RequestReader(host)
 * socket.on('data', (chunk) => reader.onData(chunk))
 * ```
 */
export class RequestReader implements IncomingHooks {
  readonly #host: ReaderHost
  readonly #buf = new ReadBuffer()
  readonly #parser: RequestParser
  #body: IncomingBody | null = null
  #afterBody: 'head' | 'hold' | 'closed' = 'head'
  #running = false
  #scheduled = false
  readonly #resume = (): void => {
    this.#scheduled = false
    this.advance()
  }

  constructor(host: ReaderHost) {
    this.#host = host
    this.#parser = new RequestParser(host.options.limits)
  }

  /** Bytes received and not yet parsed or fed. */
  get buffered(): number {
    return this.#buf.length
  }

  /** The body being received, if any. */
  get body(): IncomingBody | null {
    return this.#body
  }

  /** New bytes; a `transient` chunk is overwritten after this call, so what is left is copied. */
  onData(chunk: Uint8Array, transient = false): void {
    if (this.#host.state.reading === 'closed' && this.#body === null) return
    this.#buf.append(chunk, transient)
    this.advance()
    this.#buf.settle()
  }

  /** Whether a body of unknown or large remaining length is being received. */
  expectsLargeBody(): boolean {
    return this.#body?.isLarge === true
  }

  /** Makes as much progress as the buffered bytes and the pipeline allow. */
  advance(): void {
    if (this.#running) return
    this.#running = true
    const t = this.#host.transport
    t.cork()
    try {
      this.#loop()
    } finally {
      this.#running = false
      t.uncork()
    }
  }

  /** Removes the bytes read past the last head (for an upgrade). */
  takeBuffered(): Uint8Array {
    return this.#buf.take()
  }

  /** After the read side is on hold, continue with the next request. */
  release(): void {
    if (this.#host.state.reading === 'hold') this.#host.state.reading = 'head'
    this.advance()
  }

  /** Reads no request after the current one (graceful shutdown). */
  stopAfterCurrent(): void {
    const state = this.#host.state
    if (state.reading === 'body') this.#afterBody = 'closed'
    else state.closeRead()
  }

  /** The peer sent FIN: a body in progress either ends here (close-delimited) or is cut short. */
  onEnd(): ServerError | null {
    const body = this.#body
    let error: ServerError | null = null
    if (body !== null) {
      try {
        body.finish()
      } catch (cause) {
        error = new ServerError('ERR_SERVER_INCOMPLETE_MESSAGE', { cause })
        body.fail(error)
      }
      this.#body = null
    } else if (this.#host.state.reading === 'head' && this.#buf.length > 0) {
      error = new ServerError('ERR_SERVER_INCOMPLETE_MESSAGE')
    }
    this.#buf.clear()
    return error
  }

  /** The header-read timer fired: a partial head gets 408. */
  onHeaderTimeout(): boolean {
    if (this.#host.state.reading !== 'head' || this.#buf.length === 0) return false
    this.#buf.clear()
    this.#host.onReadError(new ServerError('ERR_SERVER_HEADER_TIMEOUT'))
    return true
  }

  /** The body-read timer fired: the body errors and the connection will close. */
  onBodyTimeout(): void {
    const body = this.#body
    if (body === null) return
    this.#failBody(body, new ServerError('ERR_SERVER_BODY_READ_TIMEOUT'))
  }

  onBodyDemand(body: IncomingBody): void {
    if (body === this.#body) this.advance()
  }

  onContinue(body: IncomingBody): void {
    this.#host.dispatcher.sendInterim(body.owner as Exchange, StatusCode.CONTINUE, undefined)
  }

  onBodyCanceled(body: IncomingBody): void {
    if (body !== this.#body) return
    const remaining = body.remaining
    const budget = this.#host.options.maxDrainBytes
    if (!body.clientMaySend || (remaining !== null && remaining > budget)) {
      this.#host.closeNow()
      return
    }
    this.#host.timer.arm('drain', this.#host.options.drainTimeout)
    this.advance()
  }

  #loop(): void {
    const host = this.#host
    const state = host.state
    let budget = host.options.maxPipelinedRequests
    for (;;) {
      switch (state.reading) {
        case 'closed':
          if (this.#body !== null) {
            if (!this.#feedBody()) return
            continue
          }
          this.#buf.clear()
          return
        case 'hold':
          host.transport.pause()
          return
        case 'body':
          if (!this.#feedBody()) return
          break
        case 'head': {
          if (this.#buf.length === 0) {
            host.transport.resume()
            host.onReadIdle()
            return
          }
          if (
            host.dispatcher.size >= host.options.maxPipelinedRequests ||
            host.transport.needsDrain
          ) {
            host.transport.pause()
            return
          }
          if (budget-- === 0) {
            this.#yield()
            return
          }
          if (!this.#readHead()) return
          break
        }
      }
    }
  }

  #readHead(): boolean {
    const host = this.#host
    let parsed: ParsedRequest | null
    try {
      parsed = this.#parser.parse(this.#buf.readView(), this.#buf.readText())
    } catch (cause) {
      this.#buf.clear()
      host.onReadError(new ServerError('ERR_SERVER_PARSE', { cause }))
      return false
    }
    if (parsed === null) {
      if (host.timer.kind !== 'header') host.timer.arm('header', host.options.headerReadTimeout)
      host.transport.resume()
      return false
    }
    if (host.timer.kind === 'header' || host.timer.kind === 'idle') host.timer.disarm()
    this.#buf.consume(parsed.consumed)
    const state = host.state
    state.requests++
    const ex = exchangeFor(parsed, host.options, this, host.info, host.dispatcher)
    let next: 'head' | 'hold' | 'closed' = parsed.upgrade ? 'hold' : 'head'
    if (
      !ex.keepAliveRequested ||
      !host.options.keepAlive ||
      state.isShuttingDown ||
      state.requests >= host.options.maxRequestsPerConnection
    ) {
      ex.closeAfter = true
      next = 'closed'
    }
    if (ex.incoming !== null) {
      this.#body = ex.incoming
      this.#afterBody = next
      state.reading = 'body'
    } else {
      state.reading = next
    }
    host.dispatcher.push(ex)
    return true
  }

  /** Feeds buffered bytes to the current body; true when it is complete. */
  #feedBody(): boolean {
    const host = this.#host
    const body = this.#body!
    if (this.#buf.length > 0) {
      let used: number
      try {
        used = body.feed(this.#buf.view())
      } catch (cause) {
        this.#failBody(body, new ServerError('ERR_SERVER_PARSE', { cause }))
        return false
      }
      this.#buf.markShared()
      this.#buf.consume(used)
    }
    if (body.isDone) {
      // The successor is parsed only once this body is consumed (or canceled and drained).
      if (!body.queue.isConsumed) {
        host.transport.pause()
        if (host.timer.kind === 'body') host.timer.disarm()
        return false
      }
      this.#body = null
      if (host.state.reading === 'body') host.state.reading = this.#afterBody
      const kind = host.timer.kind
      if (kind === 'body' || kind === 'drain') host.timer.disarm()
      return true
    }
    if (body.isDraining && body.drained > host.options.maxDrainBytes) {
      host.closeNow()
      return false
    }
    if (body.isFull) {
      host.transport.pause()
      if (host.timer.kind === 'body') host.timer.disarm()
      return false
    }
    host.transport.resume()
    if (body.clientMaySend && !body.isDraining) {
      host.timer.arm('body', host.options.bodyReadTimeout)
    }
    return false
  }

  /**
   * A body that cannot be read to its end: the handler sees the error, and the connection closes
   * after the response, since the rest of the stream cannot be trusted.
   */
  #failBody(body: IncomingBody, error: ServerError): void {
    const state = this.#host.state
    this.#host.report(error)
    body.fail(error)
    this.#body = null
    this.#buf.clear()
    state.disableKeepAlive()
    state.closeRead()
    if (this.#host.timer.kind === 'body') this.#host.timer.disarm()
  }

  #yield(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    setImmediate(this.#resume)
  }
}
