import { Socket } from 'node:net'
import { TLSSocket } from 'node:tls'
import type { Duplex } from 'node:stream'
import { debuglog } from 'node:util'
import { directSocket } from './direct-read.js'
import { DEFAULT_MAX_READ_SIZE } from './options.js'
import type { DirectSink } from './direct-read.js'

const trace = debuglog('touche:server')

/** What a transport reports to its owner; one object, so no closure is made per event. */
export interface TransportEvents {
  /** Bytes read; a `transient` chunk is valid only during the call. */
  onData(chunk: Uint8Array, transient: boolean): void
  /**
   * The bytes of a large body still to arrive (`Infinity` when unknown), to be read into memory
   * handed over without a copy; 0 when the next reads carry none.
   */
  ownReadLimit(): number
  /** The peer finished sending (FIN). */
  onEnd(): void
  onDrain(): void
  onError(error: Error): void
  /** The duplex is fully closed; nothing more will happen. */
  onClose(): void
}

/**
 * Set on a transport's socket: its listeners are functions shared by every socket, which find
 * their transport here, so that accepting a connection makes no closure per event.
 */
const kTransport = Symbol('touche.transport')

type Owned = Duplex & { [kTransport]?: Transport }

let eventsOf: (socket: Duplex) => TransportEvents

function onSocketData(this: Duplex, chunk: Uint8Array): void {
  eventsOf(this).onData(chunk, false)
}
function onSocketEnd(this: Duplex): void {
  eventsOf(this).onEnd()
}
function onSocketDrain(this: Duplex): void {
  eventsOf(this).onDrain()
}
function onSocketError(this: Duplex, error: Error): void {
  eventsOf(this).onError(error)
}
function onSocketClose(this: Duplex): void {
  eventsOf(this).onClose()
}

/**
 * The narrow surface of a duplex the server uses (hyper's `io.rs` over `AsyncRead + AsyncWrite`).
 *
 * Writes are coalesced: every write made in one turn (a `'data'` event, or the microtasks that
 * resolve async handlers) is sent with one `socket.write` once the turn ends, and consecutive
 * latin1 strings are joined into one string. This is what turns a pipelined batch of responses
 * into one syscall.
 *
 * A socket accepted by touche's own listener is read directly (`direct-read.ts`): into one shared
 * buffer, without `'data'` events; any other duplex is read through `'data'`.
 *
 * @example
 * ```ts
 * const t = new Transport(socket, events)
 * t.writeLatin1('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nhi')
 * ```
 */
export class Transport implements DirectSink {
  socket: Duplex
  #events: TransportEvents
  readonly #direct: boolean
  #chunks: Array<string | Uint8Array> = []
  #str = ''
  #corked = 0
  #scheduled = false
  #paused = false
  #ended = false
  #detached = false
  #flushTick: (() => void) | null = null

  /**
   * @param direct - `socket` is a `net.Socket` fresh from a `pauseOnConnect` listener, never read
   *   and with no listeners, which the transport may switch to direct reads.
   * @param maxReadSize - the largest direct read of a large body (see `directSocket`).
   */
  constructor(
    socket: Duplex,
    events: TransportEvents,
    direct = false,
    maxReadSize = DEFAULT_MAX_READ_SIZE
  ) {
    this.#events = events
    const reading = direct ? directSocket(socket as Socket, this, maxReadSize) : null
    this.#direct = reading !== null
    this.socket = reading ?? socket
    socket = this.socket
    ;(socket as Owned)[kTransport] = this
    if (reading === null) socket.on('data', onSocketData)
    socket.on('end', onSocketEnd)
    socket.on('drain', onSocketDrain)
    socket.on('error', onSocketError)
    socket.on('close', onSocketClose)
  }

  /** @internal Direct reads: to the connection, or, once detached, as `'data'` for the new owner. */
  onBytes(bytes: Uint8Array, transient: boolean): boolean {
    if (!this.#detached) {
      this.#events.onData(bytes, transient)
      return true
    }
    return this.socket.push(transient ? Buffer.from(bytes) : bytes)
  }

  /**
   * @internal Direct reads: how much of a large body the next read may take. None while paused:
   * a paused connection then holds no buffer of its own for a read that is not coming.
   */
  ownReadLimit(): number {
    return this.#detached || this.#paused ? 0 : this.#events.ownReadLimit()
  }

  /** The owner's events; the socket's listeners (shared by every transport) report through it. */
  static {
    eventsOf = (socket) => (socket as Owned)[kTransport]!.#events
  }

  /** Whether reads bypass `'data'` events (see `direct-read.ts`). */
  get isDirect(): boolean {
    return this.#direct
  }

  /** Whether the socket's write buffer is over its high-water mark (after pending writes). */
  get needsDrain(): boolean {
    return this.socket.writableNeedDrain
  }

  /** Whether the write side is still usable. */
  get isWritable(): boolean {
    return !this.#ended && !this.socket.destroyed && this.socket.writable
  }

  /** Queues a latin1 string (a head, or head and ASCII body). */
  writeLatin1(s: string): void {
    this.#str += s
    this.#schedule()
  }

  /** Queues bytes; they are not copied, so the caller must not reuse them. */
  writeBytes(b: Uint8Array): void {
    if (b.length === 0) return
    this.#queue(b)
    this.#schedule()
  }

  /** Holds writes until the matching `uncork` (for the processing of one `'data'` event). */
  cork(): void {
    this.#corked++
  }

  uncork(): void {
    if (--this.#corked === 0) this.flush()
  }

  /** Sends everything queued now, in one socket write when possible. */
  flush(callback?: (error?: Error | null) => void): void {
    const chunks = this.#chunks
    const str = this.#str
    if (chunks.length === 0 && str === '') {
      if (!callback) return
      // Nothing in flight either: the callback need not wait for an empty write's round trip.
      if (this.socket.writableLength === 0 && this.isWritable) process.nextTick(callback, null)
      else this.socket.write(EMPTY, callback)
      return
    }
    this.#chunks = []
    this.#str = ''
    if (this.#ended || this.socket.destroyed) return
    if (chunks.length === 0) {
      this.socket.write(str, 'latin1', callback)
      return
    }
    if (str !== '') chunks.push(str)
    if (chunks.length === 1) {
      this.socket.write(chunks[0]!, 'latin1', callback)
      return
    }
    this.socket.cork()
    const last = chunks.length - 1
    for (let i = 0; i < last; i++) this.socket.write(chunks[i]!, 'latin1')
    this.socket.write(chunks[last]!, 'latin1', callback)
    this.socket.uncork()
  }

  /** Resolves when the socket has drained (or at once if it need not). */
  drained(): Promise<void> {
    this.flush()
    if (!this.socket.writableNeedDrain || !this.isWritable) return Promise.resolve()
    return new Promise((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done)
        this.socket.off('close', done)
        resolve()
      }
      this.socket.on('drain', done)
      this.socket.on('close', done)
    })
  }

  /** Stops `'data'` events (backpressure or a full pipeline). */
  pause(): void {
    if (this.#paused) return
    this.#paused = true
    this.socket.pause()
  }

  resume(): void {
    if (!this.#paused) return
    this.#paused = false
    if (!this.#detached) this.socket.resume()
  }

  /** Flushes and sends FIN; the socket closes once the peer closes too. */
  end(): void {
    if (this.#ended) return
    this.flush()
    this.#ended = true
    trace('transport end')
    this.socket.end()
  }

  /** Tears the connection down at once (the peer sees a reset or a truncated message). */
  destroy(error?: Error): void {
    this.#ended = true
    this.#chunks = []
    this.#str = ''
    this.socket.destroy(error)
  }

  /**
   * Tears the connection down abortively: a TCP socket sends RST, so the peer sees an error
   * rather than an end (a close-delimited body cut short must not look complete). Other duplexes
   * (TLS, unix sockets, in-memory pairs) are destroyed; TLS then never sends its close_notify.
   */
  reset(): void {
    this.#ended = true
    this.#chunks = []
    this.#str = ''
    const s = this.socket
    if (s.destroyed) return
    if (s instanceof Socket && !(s instanceof TLSSocket)) {
      try {
        s.resetAndDestroy()
        return
      } catch {
        // Not a TCP handle (a unix socket): a plain destroy below.
      }
    }
    s.destroy()
  }

  /**
   * Stops listening to the socket and returns it for an upgrade, in the state node:http hands an
   * upgraded socket over: neither flowing nor paused, so the new owner's first `'data'` listener
   * (or `pipe`, or `resume()`) starts the flow, and no listener of ours is left on it. With
   * `quiet`, an `'error'` listener stays that only traces, so that a new owner which never
   * listens for errors cannot crash the process (the `Upgrade` extension's promise).
   */
  detach(quiet: boolean): Duplex {
    this.flush()
    this.#detached = true
    const s = this.socket
    s.off('data', onSocketData)
    s.off('end', onSocketEnd)
    s.off('drain', onSocketDrain)
    s.off('close', onSocketClose)
    s.off('error', onSocketError)
    if (quiet) s.on('error', ignoreError)
    ;(s as { readableFlowing: boolean | null }).readableFlowing = null
    // A direct socket still calls the sink until it closes: let go of the connection, so that
    // what it held is garbage as soon as the new owner has the socket.
    this.#events = DETACHED
    return s
  }

  /** Queues bytes after the latin1 text queued before them. */
  #queue(b: Uint8Array): void {
    if (this.#str !== '') {
      this.#chunks.push(this.#str)
      this.#str = ''
    }
    this.#chunks.push(b)
  }

  #schedule(): void {
    if (this.#corked > 0 || this.#scheduled) return
    this.#scheduled = true
    process.nextTick(
      (this.#flushTick ??= () => {
        this.#scheduled = false
        if (this.#corked === 0) this.flush()
      })
    )
  }
}

const EMPTY = new Uint8Array(0)

function nothing(): void {}

/** The events of a detached transport: nothing is reported any more. */
const DETACHED: TransportEvents = {
  onData: nothing,
  ownReadLimit: () => 0,
  onEnd: nothing,
  onDrain: nothing,
  onError: nothing,
  onClose: nothing,
}

function ignoreError(error: Error): void {
  trace('error after upgrade hand-over: %s', error.message)
}
