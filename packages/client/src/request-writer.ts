import type { Duplex } from 'node:stream'
import { peekSource, readerOf, useSource } from '@touche/body/internal'
import type { HeaderMap } from '@touche/http-types'
import { Encoder } from '@touche/h1'
import type { Exchange } from './exchange.js'

/** A batch at most this large is copied into one buffer for one write; larger ones are corked. */
const COALESCE_BYTES = 64 * 1024
const utf8 = new TextEncoder()

/** What the writer tells its connection about a streamed request body. */
export interface WriterHost {
  /**
   * Whether the body of `ex` is still to be sent (not closed, abandoned, or cut short by the
   * server).
   */
  canWrite(ex: Exchange): boolean
  /** The body went out whole. */
  onBodySent(ex: Exchange): void
  /** The body failed or missed its declared length: the connection cannot be used any more. */
  onBodyFailed(ex: Exchange, cause: unknown): void
}

/**
 * The write half of a client connection (hyper's `io.rs` write buffer): everything written in one
 * turn (the heads of a pipelined batch, and bodies already in memory) goes out with one
 * `socket.write` on the next tick, latin1 heads joined into one string or copied with the bodies
 * into one buffer. Streamed bodies are pumped through the h1 `Encoder`, waiting for `drain`
 * whenever the socket's buffer is full.
 *
 * @example
 * ```ts
 * const writer = new RequestWriter(socket, host)
 * writer.writeHead(ex.req.head)
 * writer.writeFixedBody(ex)
 * ```
 */
export class RequestWriter {
  readonly #socket: Duplex
  readonly #host: WriterHost
  #parts: Array<string | Uint8Array> = []
  #bytes = 0
  #scheduled = false
  #drainWaiters: Array<() => void> = []
  readonly #flushTick = (): void => {
    this.#scheduled = false
    this.flush()
  }

  constructor(socket: Duplex, host: WriterHost) {
    this.#socket = socket
    this.#host = host
  }

  /** Queues a latin1 head for the batch. */
  writeHead(head: string): void {
    const parts = this.#parts
    const last = parts.length - 1
    if (last >= 0 && typeof parts[last] === 'string') parts[last] += head
    else parts.push(head)
    this.#bytes += head.length
    this.#schedule()
  }

  /** Queues bytes for the batch. */
  writeBytes(bytes: Uint8Array): void {
    if (bytes.length === 0) return
    this.#parts.push(bytes)
    this.#bytes += bytes.length
    this.#schedule()
  }

  /** Queues a body held in memory (none, bytes or a string), without using it up. */
  writeFixedBody(ex: Exchange): void {
    const src = peekSource(ex.req.body)
    switch (src.kind) {
      case 'empty':
        return
      case 'bytes':
        this.writeBytes(src.data)
        return
      case 'string':
        this.writeBytes(utf8.encode(src.data))
        return
      case 'queue':
      case 'stream':
      case 'iterable':
        throw new TypeError('not a fixed body')
    }
  }

  /** Writes the chunked terminator of a body that will not be sent (a final status came first). */
  writeEmptyChunkedEnd(): void {
    this.writeBytes(Encoder.chunked().end(null)!)
  }

  /** Writes the batch now. */
  flush(): void {
    const parts = this.#parts
    const n = parts.length
    if (n === 0) return
    const socket = this.#socket
    const total = this.#bytes
    this.#parts = []
    this.#bytes = 0
    if (socket.destroyed) return
    if (n === 1) {
      const only = parts[0]!
      if (typeof only === 'string') socket.write(only, 'latin1')
      else socket.write(only)
      return
    }
    if (total <= COALESCE_BYTES) {
      const buf = Buffer.allocUnsafe(total)
      let off = 0
      for (const p of parts) {
        if (typeof p === 'string') off += buf.write(p, off, 'latin1')
        else {
          buf.set(p, off)
          off += p.length
        }
      }
      socket.write(buf)
      return
    }
    socket.cork()
    for (const p of parts) {
      if (typeof p === 'string') socket.write(p, 'latin1')
      else socket.write(p)
    }
    socket.uncork()
  }

  /** The socket's buffer took the data (resolves at once unless it is over its mark). */
  drained(): Promise<void> {
    if (!this.#socket.writableNeedDrain || this.#socket.destroyed) return Promise.resolve()
    return new Promise((resolve) => this.#drainWaiters.push(resolve))
  }

  /** The socket emitted `drain`, or closed: every waiter goes on (and checks the state). */
  onDrain(): void {
    const waiters = this.#drainWaiters
    if (waiters.length === 0) return
    this.#drainWaiters = []
    for (const w of waiters) w()
  }

  /**
   * Streams the request body of `ex` (its head already queued), Content-Length enforced or
   * chunked with trailers; tells the host how it ended. Never rejects.
   */
  async pumpBody(ex: Exchange): Promise<void> {
    const req = ex.req
    const reader = readerOf(useSource(req.body))
    const encoder = req.chunked ? Encoder.chunked() : Encoder.length(req.length)
    const host = this.#host
    try {
      for (;;) {
        // What is ready now is queued in this turn and leaves in one write with the head (the
        // turn's flush); waiting for more lets that flush happen first.
        let chunk = reader.readNow()
        if (chunk === undefined) chunk = await reader.read()
        if (!host.canWrite(ex)) {
          reader.cancel(undefined)
          return
        }
        if (chunk === null) break
        for (const piece of encoder.encode(chunk)) this.writeBytes(piece)
        if (this.#bytes < COALESCE_BYTES && !this.#socket.writableNeedDrain) continue
        this.flush()
        await this.drained()
        if (!host.canWrite(ex)) {
          reader.cancel(undefined)
          return
        }
      }
      let trailers: HeaderMap | null = null
      if (encoder.isChunked) trailers = await reader.trailers()
      const end = encoder.end(trailers)
      if (!host.canWrite(ex)) return
      if (end !== null) this.writeBytes(end)
      host.onBodySent(ex)
    } catch (error) {
      reader.cancel(error)
      host.onBodyFailed(ex, error)
    }
  }

  #schedule(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    process.nextTick(this.#flushTick)
  }
}
