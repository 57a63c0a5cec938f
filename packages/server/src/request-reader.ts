import { RequestParser } from '@touche/h1'
import type { Limits, ParsedRequest } from '@touche/h1'
import { parseWithText } from '@touche/h1/internal'
import type { ConnectionState } from './connection-state.js'
import { ServerError } from './errors.js'
import type { IncomingBody } from './incoming-body.js'
import type { ServerOptions } from './options.js'
import { ReadBuffer } from './read-buffer.js'
import { turnNow } from './timer.js'
import type { Transport } from './transport.js'

/** Parsers kept for reuse, per limits object: about as many as node:http keeps of its own. */
const POOL_MAX = 1000

/**
 * Parsers of closed connections, for the next ones (node:http keeps a free list of its parsers
 * the same way). A parser is five objects, about 300 bytes, and short connections (WebSocket
 * handshakes, `Connection: close` clients) would otherwise make one each. A reset parser keeps
 * nothing of the heads it parsed. Keyed by the limits a parser was made with (a server's options
 * hold one object; `serveConnection` without limits uses the defaults'), weakly, so a pool goes
 * with its limits.
 */
const pools = new WeakMap<Limits, RequestParser[]>()

function parserFor(limits: Limits): RequestParser {
  return pools.get(limits)?.pop() ?? new RequestParser(limits)
}

function recycle(parser: RequestParser, limits: Limits): void {
  parser.reset()
  let pool = pools.get(limits)
  if (pool === undefined) pools.set(limits, (pool = []))
  if (pool.length < POOL_MAX) pool.push(parser)
}

/** What the reader hands to its connection, which decides what each leads to. */
export interface ReadEvents {
  /** A complete head. */
  onHead(parsed: ParsedRequest): void
  /** A head that breaks the grammar or a limit. */
  onHeadError(error: ServerError): void
  /** The body being read broke the grammar. */
  onBodyError(body: IncomingBody, error: ServerError): void
  /** A canceled body's rest went over `maxDrainBytes`. */
  onDrainTooLong(): void
  /** Reading is closed and no exchange is in flight: the connection can close. */
  onReadDone(): void
  /** The reader yielded to the event loop after a batch of heads: read on. */
  onResume(): void
}

/**
 * The read side's mechanics (hyper's `Conn::poll_read_head` / `poll_read_body`): the read buffer,
 * the h1 `RequestParser`, and the loop that parses heads and feeds the current body as far as the
 * buffered bytes, the pipeline and the body's queue allow, pausing the socket when one of them is
 * full. What a head or a failure leads to is the connection's decision; the reader only reports.
 * At most `maxPipelinedRequests` heads are parsed per turn before it yields to the event loop.
 *
 * @example
 * ```ts
 * const reader = new RequestReader(state, transport, events, options)
 * reader.append(chunk, false)
 * reader.read()
 * ```
 */
export class RequestReader {
  readonly #buf = new ReadBuffer()
  #parser: RequestParser
  readonly #state: ConnectionState
  readonly #transport: Transport
  readonly #events: ReadEvents
  readonly #options: ServerOptions
  #budget = 0
  #scheduled = false
  #resume: (() => void) | null = null

  constructor(
    state: ConnectionState,
    transport: Transport,
    events: ReadEvents,
    options: ServerOptions
  ) {
    this.#state = state
    this.#transport = transport
    this.#events = events
    this.#options = options
    this.#parser = parserFor(options.limits)
  }

  /** Bytes received and not yet parsed or fed. */
  get buffered(): number {
    return this.#buf.length
  }

  /** New bytes; a `transient` chunk is valid only until `settle`. */
  append(chunk: Uint8Array, transient: boolean): void {
    this.#buf.append(chunk, transient)
  }

  /** Copies out what is left of a transient chunk, which is about to be overwritten. */
  settle(): void {
    this.#buf.settle()
  }

  /** Drops every buffered byte (nothing after a failure is trusted). */
  clear(): void {
    this.#buf.clear()
  }

  /**
   * The connection is over: its parser goes back to the pool. Nothing may parse with this reader
   * afterwards; a call that did would parse with a parser of its own, never with a pooled one.
   */
  dispose(): void {
    const parser = this.#parser
    if (parser === DISPOSED) return
    this.#parser = DISPOSED
    this.#buf.clear()
    recycle(parser, this.#options.limits)
  }

  /** Removes and returns the bytes read past the last head (for an upgrade). */
  take(): Uint8Array {
    return this.#buf.take()
  }

  /**
   * The peer sent FIN in the middle of a head: parses what arrived in full, so that bytes that
   * already break the grammar get their error (and 400) rather than pass for a head cut short.
   */
  endHead(): ServerError {
    this.#parser.reset()
    try {
      parseWithText(this.#parser, this.#buf.readView(), undefined)
    } catch (cause) {
      this.#buf.clear()
      return new ServerError('ERR_SERVER_PARSE', { cause })
    }
    this.#buf.clear()
    return new ServerError('ERR_SERVER_INCOMPLETE_MESSAGE')
  }

  /** A new turn: up to `maxPipelinedRequests` heads may be parsed before yielding. */
  newTurn(): void {
    this.#budget = this.#options.maxPipelinedRequests
  }

  /** Parses and feeds as much as the state, the buffered bytes and the pipeline allow. */
  read(): void {
    const state = this.#state
    const options = this.#options
    for (;;) {
      switch (state.reading) {
        case 'closed':
          if (state.body !== null) {
            if (!this.#feedBody(state.body)) return
            continue
          }
          this.#buf.clear()
          if (state.dispatcher.isIdle) this.#events.onReadDone()
          return
        case 'hold':
          // Bytes after an upgrade request wait for its answer.
          this.#holdBack()
          return
        case 'body':
          if (!this.#feedBody(state.body!)) return
          break
        case 'head':
          if (this.#buf.length === 0) {
            this.#transport.resume()
            return
          }
          if (state.dispatcher.size >= options.maxPipelinedRequests || this.#transport.needsDrain) {
            this.#transport.pause()
            return
          }
          if (this.#budget-- <= 0) {
            this.#yield()
            return
          }
          if (!this.#readHead()) return
          break
      }
    }
  }

  #readHead(): boolean {
    this.#state.beginHead()
    let parsed: ParsedRequest | null
    try {
      parsed = parseWithText(this.#parser, this.#buf.readView(), this.#buf.readText())
    } catch (cause) {
      this.#buf.clear()
      this.#events.onHeadError(new ServerError('ERR_SERVER_PARSE', { cause }))
      return true
    }
    if (parsed === null) {
      this.#transport.resume()
      return false
    }
    this.#buf.consume(parsed.consumed)
    this.#events.onHead(parsed)
    return true
  }

  /** Feeds buffered bytes to the current body; true when reading can move on. */
  #feedBody(body: IncomingBody): boolean {
    if (this.#buf.length > 0) {
      let used: number
      try {
        used = body.feed(this.#buf.view())
      } catch (cause) {
        this.#buf.clear()
        this.#events.onBodyError(body, new ServerError('ERR_SERVER_PARSE', { cause }))
        return true
      }
      this.#buf.markShared()
      this.#buf.consume(used)
      if (used > 0) body.progressAt = turnNow()
    }
    if (body.isDone) {
      // The successor is parsed only once this body is consumed (or canceled and drained).
      if (!body.queue.isConsumed) {
        this.#holdBack()
        return false
      }
      this.#state.finishBody()
      return true
    }
    if (body.isDraining && body.drained > this.#options.maxDrainBytes) {
      this.#buf.clear()
      this.#events.onDrainTooLong()
      return true
    }
    if (body.isFull) {
      this.#transport.pause()
      return false
    }
    this.#transport.resume()
    return false
  }

  /**
   * Waiting for an answer before reading on (an upgrade's, or a body's handler): reads stop once
   * bytes past the wait arrive, not before. Stopping and restarting a socket's reads costs two
   * system calls, and a client usually waits for the answer before it sends more.
   */
  #holdBack(): void {
    if (this.#buf.length > 0) this.#transport.pause()
  }

  #yield(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    setImmediate(
      (this.#resume ??= () => {
        this.#scheduled = false
        this.#events.onResume()
      })
    )
  }
}

/** The parser of a disposed reader: never pooled, so a late call cannot touch a live one's. */
const DISPOSED = new RequestParser()
