import { Body } from '@touche/body'
import { ChunkQueue } from '@touche/body/internal'
import type { QueueProducer } from '@touche/body/internal'
import { Decoder } from '@touche/h1'
import type { ParsedResponse, ResponseParser } from '@touche/h1'
import { Method, Response } from '@touche/http-types'
import { serverIdleLimit } from './client-role.js'
import type { ClientConnection } from './conn.js'
import { ClientError } from './errors.js'
import type { Exchange } from './exchange.js'

/**
 * The read half of a client connection (hyper's `Conn::poll_read_head` and `poll_read_body`):
 * parses response heads with h1's `ResponseParser` for the request at the front of the queue,
 * and decodes bodies with its `Decoder`. A body that arrived whole with its head becomes a `Body`
 * over the bytes, with no queue; any other is fed into a `ChunkQueue`, and while that queue is
 * full the socket is paused and the rest of the bytes wait here. Bytes after a response belong to
 * the next one: they are parsed only if a request is waiting for them.
 *
 * @example
 * ```ts
 * const reader = new ResponseReader(conn, new ResponseParser())
 * socket.on('data', (chunk) => reader.onData(chunk))
 * ```
 */
export class ResponseReader {
  readonly #conn: ClientConnection
  readonly #parser: ResponseParser
  /** Bytes received and not consumed: a partial head, or what waits for a paused body. */
  #rest: Uint8Array | null = null
  #paused = false
  #consuming = false

  constructor(conn: ClientConnection, parser: ResponseParser) {
    this.#conn = conn
    this.#parser = parser
  }

  /** The socket is paused because a response body's reader is behind. */
  get isPaused(): boolean {
    return this.#paused
  }

  onData(chunk: Uint8Array): void {
    const rest = this.#rest
    if (rest !== null) {
      this.#rest = null
      chunk = Buffer.concat([rest, chunk])
    }
    this.#consume(chunk)
  }

  /** The server sent FIN: a close-delimited body ends; anything else in progress is cut. */
  onEnd(): void {
    const ex = this.#conn.state.inFlight[0]
    if (ex === undefined || ex.read !== 'body' || ex.decoder === null) return
    try {
      ex.decoder.finish()
    } catch {
      return // incomplete: the close fails it
    }
    ex.queue?.end(null)
    ex.keep = false
    this.#conn.finishResponse(ex)
  }

  /** The reader of `ex`'s body gave up: the rest is drained within budget, or the connection ends. */
  onBodyCanceled(ex: Exchange): void {
    const decoder = ex.decoder
    if (decoder === null || decoder.isDone) return
    // A rest of unknown length is drained up to the budget as it comes (`#feed`).
    const remaining = decoder.remaining
    if (remaining !== null && remaining > this.#conn.options.maxDrainBytes - ex.drained) {
      this.#conn.destroy(new ClientError('ERR_CLIENT_CANCELED'))
      return
    }
    if (this.#paused) this.#resume()
  }

  #consume(buf: Uint8Array): void {
    if (this.#consuming) {
      this.#rest = this.#rest === null ? buf : Buffer.concat([this.#rest, buf])
      return
    }
    this.#consuming = true
    try {
      this.#loop(buf)
    } finally {
      this.#consuming = false
    }
  }

  #loop(buf: Uint8Array): void {
    const conn = this.#conn
    const inFlight = conn.state.inFlight
    let off = 0
    while (off < buf.length) {
      if (this.#paused || conn.state.isClosed) {
        this.#rest = buf.subarray(off)
        return
      }
      const ex = inFlight[0]
      if (ex === undefined) {
        conn.protocolError(
          new ClientError('ERR_CLIENT_PARSE', { message: 'bytes after the last response' })
        )
        return
      }
      ex.received = true
      if (ex.read === 'head') {
        const view = off === 0 ? buf : buf.subarray(off)
        let head: ParsedResponse | null
        try {
          head = this.#parser.parse(view, ex.req)
        } catch (error) {
          conn.protocolError(new ClientError('ERR_CLIENT_PARSE', { cause: error }))
          return
        }
        if (head === null) {
          this.#rest = view
          conn.rearm()
          return
        }
        off += head.consumed
        const next = this.#onHead(ex, head, buf, off)
        if (next === 'stop') return
        if (next === 'final') off = this.#startBody(ex, head, buf, off)
      } else {
        const used = this.#feed(ex, off === 0 ? buf : buf.subarray(off))
        if (used < 0) return
        off += used
      }
    }
    conn.rearm()
  }

  /** A head: interim ones are reported, a switch hands the socket over (and reading stops). */
  #onHead(
    ex: Exchange,
    head: ParsedResponse,
    buf: Uint8Array,
    off: number
  ): 'interim' | 'final' | 'stop' {
    const conn = this.#conn
    const code = head.status.code
    const upgrade = code === 101 || (ex.req.method === Method.CONNECT && code >= 200 && code < 300)
    if (code < 200 && !upgrade) {
      if (code === 100) conn.releaseBody(ex)
      const onInformational = ex.options?.onInformational
      if (onInformational !== undefined) {
        try {
          onInformational(new Response(null, { status: head.status, headers: head.headers }))
        } catch {
          // A callback that throws does not break the connection.
        }
      }
      return 'interim'
    }
    if (upgrade) {
      if (!ex.req.upgrade) {
        conn.protocolError(
          new ClientError('ERR_CLIENT_PARSE', { message: '101 without an upgrade request' })
        )
        return 'stop'
      }
      conn.upgrade(ex, this.#response(head, Body.empty()), buf.subarray(off))
      return 'stop'
    }
    if (ex.write === 'continue') conn.skipBody(ex)
    ex.keep = head.keepAlive
    conn.idleLimit = serverIdleLimit(head, conn.options.keepAliveMargin)
    ex.read = 'body'
    return 'final'
  }

  /** Resolves the response; returns the offset after what of its body `buf` held. */
  #startBody(ex: Exchange, head: ParsedResponse, buf: Uint8Array, off: number): number {
    const conn = this.#conn
    const framing = head.body
    if (framing.kind === 'none') {
      conn.respond(ex, this.#response(head, Body.empty()))
      conn.finishResponse(ex)
      return off
    }
    if (framing.kind === 'length' && framing.length <= buf.length - off) {
      const end = off + framing.length
      if (!ex.abandoned) conn.respond(ex, this.#response(head, Body.from(buf.subarray(off, end))))
      conn.finishResponse(ex)
      return end
    }
    ex.decoder = Decoder.from(framing, conn.options.limits)
    if (ex.abandoned) {
      this.onBodyCanceled(ex)
      return off
    }
    const queue = new ChunkQueue(conn.options.bodyHighWaterMark)
    queue.setProducer(new BodyFeed(this, ex))
    ex.queue = queue
    const length = framing.kind === 'length' ? framing.length : -1
    conn.respond(ex, this.#response(head, new Body({ kind: 'queue', queue, length })))
    return off
  }

  /** Decodes body bytes of `ex`; returns the bytes used, or -1 when the connection failed. */
  #feed(ex: Exchange, buf: Uint8Array): number {
    const conn = this.#conn
    const decoder = ex.decoder!
    const queue = ex.queue
    let off = 0
    while (!decoder.isDone) {
      let step
      try {
        step = decoder.decode(off === 0 ? buf : buf.subarray(off))
      } catch (error) {
        const failure = new ClientError('ERR_CLIENT_PARSE', { cause: error })
        queue?.fail(failure)
        conn.protocolError(failure)
        return -1
      }
      off += step.consumed
      const data = step.data
      if (data !== null && data.length > 0) {
        if (queue !== null && queue.isOpen) {
          if (!queue.push(data)) this.#pause()
        } else if ((ex.drained += data.length) > conn.options.maxDrainBytes) {
          conn.destroy(new ClientError('ERR_CLIENT_CANCELED'))
          return -1
        }
      }
      if (step.done) {
        queue?.end(step.trailers)
        conn.finishResponse(ex)
        break
      }
      if (step.consumed === 0 || off >= buf.length || this.#paused) break
    }
    return off
  }

  #response(head: ParsedResponse, body: Body): Response<Body> {
    return new Response(body, { status: head.status, version: head.version, headers: head.headers })
  }

  #pause(): void {
    if (this.#paused) return
    this.#paused = true
    this.#conn.socket.pause()
  }

  /** The body's reader wants more: what waited is decoded, then the socket is read again. */
  onDemand(): void {
    if (this.#paused) this.#resume()
  }

  #resume(): void {
    this.#paused = false
    const rest = this.#rest
    if (rest !== null) {
      this.#rest = null
      this.#consume(rest)
    }
    if (!this.#paused && !this.#conn.state.isClosed) this.#conn.socket.resume()
    this.#conn.rearm()
  }
}

/** Connects a response body's queue to the reader (the queue's producer). */
class BodyFeed implements QueueProducer {
  readonly #reader: ResponseReader
  readonly #ex: Exchange

  constructor(reader: ResponseReader, ex: Exchange) {
    this.#reader = reader
    this.#ex = ex
  }

  onDemand(): void {
    this.#reader.onDemand()
  }

  onCancel(): void {
    this.#reader.onBodyCanceled(this.#ex)
  }
}
