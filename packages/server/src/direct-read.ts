import { Socket } from 'node:net'
import { TLSSocket } from 'node:tls'
import { DEFAULT_MAX_READ_SIZE } from './options.js'

/**
 * Node's stream handle under a `net.Socket` (a TCP or pipe wrap). Not in Node's typings, but the
 * `handle` socket option and `_handle` have carried it since Node's first releases; node:http's
 * own parser reads from it directly.
 */
interface StreamHandle {
  useUserBuffer(buffer: Uint8Array): void
}

interface HandleSocket {
  _handle: StreamHandle | null
}

/** How many bytes one read can return: the size of libuv's reads in Node's own socket path. */
const READ_BUFFER_SIZE = 64 * 1024

/**
 * A read into a socket's own memory at least this long, and at least a quarter of its buffer, is
 * handed over as it is; a shorter one is copied by whatever keeps it, so a slow trickle never
 * pins a whole buffer per few bytes.
 */
const HANDOVER_MIN = 16 * 1024

/**
 * The memory direct sockets read into unless a large body is arriving. One for the whole process:
 * reads are delivered one at a time, synchronously, and whatever outlives its read is copied out
 * first (see `ReadBuffer`), so no socket's bytes can be overwritten by another's. Allocated on
 * first use.
 */
let shared: Uint8Array | null = null

/**
 * What a direct socket reports its reads to.
 *
 * @example
 * ```ts
 * const sink: DirectSink = { onBytes: (b, transient) => true, ownReadLimit: () => 0 }
 * ```
 */
export interface DirectSink {
  /**
   * One read. A `transient` view is valid only during the call: its memory is read into again.
   * Returning false stops the reads until `resume()`.
   */
  onBytes(bytes: Uint8Array, transient: boolean): boolean
  /**
   * How many bytes of a large body the next read may take (`Infinity` when its length is
   * unknown): such reads go to memory of the socket's own, which is handed over without a copy.
   * 0 sends the next read to the shared buffer.
   */
  ownReadLimit(): number
}

/**
 * Makes an accepted, never-read socket read as Node's `onread` option would have made it read:
 * the kernel copies straight into reusable memory and `sink` gets a view of each
 * read, with no per-read allocation, `Readable` push or `'data'` event. This is about half of the
 * JavaScript a small request costs on the read side. Small reads share one buffer; while a large
 * body arrives, the socket reads into buffers of its own that are handed over whole, of a size
 * that grows while the reads fill them, up to `maxReadSize` (see `ReadSize`). Fewer, larger reads
 * of a fast upload cost fewer system calls and callbacks per byte.
 *
 * The socket returned is `socket` itself where this Node keeps the option's slots on every socket
 * (Node 20 to 26 do), or else a new socket that the handle moved to. A new owner that wants
 * `'data'` events (an upgrade) gets them when the sink pushes copies into the socket:
 * `socket.push(Buffer.from(bytes))`. Returns null (and leaves `socket` alone) when the
 * socket is not a plain TCP or pipe socket fresh from a `pauseOnConnect` listener, or this Node
 * has no such handle; the caller then reads `'data'`. The socket returned has the usual `'end'`,
 * `'drain'`, `'error'` and `'close'` events, and `pause()`/`resume()` stop and start the reads.
 *
 * @example
 * ```ts
 * const direct = directSocket(accepted, { onBytes, ownReadLimit: () => 0 })
 * ```
 */
export function directSocket(
  socket: Socket,
  sink: DirectSink,
  maxReadSize = DEFAULT_MAX_READ_SIZE
): Socket | null {
  const handle = usableHandle(socket)
  if (handle === null) return null
  const common = (shared ??= new Uint8Array(READ_BUFFER_SIZE))
  const size = new ReadSize(maxReadSize)
  let current = common
  let handedOver = false
  return readInPlace(socket, handle, {
    // Called once now, then after every read: the memory the next read goes to.
    buffer: () => {
      const limit = sink.ownReadLimit()
      if (limit === 0) return (current = common)
      // No more than the body's rest calls for, in powers of two: buffers of a few sizes only.
      // Cut to each body's exact rest, the 1 MiB echo took several times the page faults.
      const next = limit >= size.next ? size.next : Math.min(size.next, powerOfTwoAbove(limit))
      if (current !== common && !handedOver && current.length === next) return current
      handedOver = false
      return (current = uninitialized(next))
    },
    callback: (n: number) => {
      const memory = current
      if (memory === common) return sink.onBytes(memory.subarray(0, n), true)
      size.record(n, memory.length)
      // A short read is copied by whatever keeps it, so that no chunk pins a buffer mostly empty.
      if (n < HANDOVER_MIN || n < memory.length >> 2) {
        return sink.onBytes(memory.subarray(0, n), true)
      }
      // Handed over for good, never read into again: a consumer may transfer the chunk's
      // ArrayBuffer (a worker message, a byte stream's enqueue) and it then belongs to another.
      handedOver = true
      return sink.onBytes(memory.subarray(0, n), false)
    },
  })
}

/**
 * The size of the next read into a socket's own memory, adapted to what the reads return (hyper's
 * adaptive read strategy): it starts at 64 KiB (or `max`, if less), doubles after a read that
 * filled a buffer of that size, up to `max`, and halves after two reads in a row that filled less
 * than half of theirs. A fast upload is read in a few large reads rather than many small ones; a
 * slow one keeps small buffers.
 *
 * @example
 * ```ts
 * const size = new ReadSize(256 * 1024)
 * size.record(65536) // a full read
 * size.next // 131072
 * ```
 */
export class ReadSize {
  readonly #max: number
  /** Where reads start, and the least they shrink to. */
  readonly #min: number
  #next: number
  #shortBefore = false

  constructor(max: number) {
    this.#max = max
    this.#min = this.#next = Math.min(READ_BUFFER_SIZE, max)
  }

  /** Bytes to read into next. */
  get next(): number {
    return this.#next
  }

  /**
   * Takes note of a read of `n` bytes into a buffer of `length` bytes (`next`, or less when the
   * rest of a body was shorter: filling that says nothing of how much the kernel had).
   */
  record(n: number, length = this.#next): void {
    const size = this.#next
    if (n >= length) {
      if (length >= size) this.#next = Math.min(size * 2, this.#max)
      this.#shortBefore = false
    } else if (n < length >> 1) {
      // A single short read (the end of a body, a pause of the sender) does not shrink it.
      if (this.#shortBefore) this.#next = Math.max(size >> 1, this.#min)
      this.#shortBefore = !this.#shortBefore
    } else {
      this.#shortBefore = false
    }
  }
}

/** The least power of two that is at least `n` (n >= 1). */
function powerOfTwoAbove(n: number): number {
  let p = 1
  while (p < n) p *= 2
  return p
}

/**
 * Memory for a read, not zeroed first (zeroing 64 KiB costs more than the read's own JavaScript):
 * only the bytes a read wrote are ever looked at.
 */
function uninitialized(size: number): Uint8Array {
  const memory = Buffer.allocUnsafeSlow(size)
  return new Uint8Array(memory.buffer, memory.byteOffset, size)
}

function usableHandle(socket: Socket): StreamHandle | null {
  if (socket.constructor !== Socket || socket instanceof TLSSocket || socket.destroyed) return null
  const handle = (socket as unknown as HandleSocket)._handle
  if (handle === null || typeof handle?.useUserBuffer !== 'function') return null
  return handle
}

/** Node's `onread` socket option: the memory each read goes to, and what is told of each read. */
interface OnRead {
  buffer: () => Uint8Array
  callback: (n: number) => boolean
}

/** The socket's own slots for Node's `onread` option (symbol-keyed, made for every socket). */
interface UserBufferSlots {
  buffer: symbol
  callback: symbol
  generator: symbol
}

let slots: UserBufferSlots | null | undefined

/** Finds the `onread` slots by their symbols' descriptions, once; null if this Node has none. */
function userBufferSlots(socket: Socket): UserBufferSlots | null {
  if (slots !== undefined) return slots
  const named = new Map(Object.getOwnPropertySymbols(socket).map((s) => [s.description, s]))
  const buffer = named.get('kBuffer')
  const callback = named.get('kBufferCb')
  const generator = named.get('kBufferGen')
  slots = buffer && callback && generator ? { buffer, callback, generator } : null
  return slots
}

/**
 * Gives the accepted socket what Node's `onread` option would have given it at construction: no
 * second `Socket` per connection, which costs about as much as the rest of accepting one. Falls
 * back to moving the handle into a new socket built with the option when the slots are not there.
 */
function readInPlace(socket: Socket, handle: StreamHandle, onread: OnRead): Socket {
  const at = userBufferSlots(socket)
  if (at === null) return rehome(socket, handle, onread)
  const own = socket as unknown as Record<symbol, unknown>
  const first = onread.buffer()
  own[at.buffer] = first
  own[at.generator] = onread.buffer
  own[at.callback] = onread.callback
  handle.useUserBuffer(first)
  // As a socket built with the option starts: neither flowing nor paused, reading.
  ;(socket as { readableFlowing: boolean | null }).readableFlowing = null
  socket.read(0)
  return socket
}

function rehome(socket: Socket, handle: StreamHandle, onread: OnRead): Socket {
  const options = { handle, allowHalfOpen: true, readable: true, writable: true, onread }
  const next = new Socket(options as ConstructorParameters<typeof Socket>[0])
  // Node keeps addresses once read: `ConnectionInfo` may ask the old socket for them.
  void socket.localAddress
  void socket.remoteAddress
  // The old socket lets go of the handle, then closes as an empty shell: its listener counts it
  // as gone, and nothing of the connection is touched.
  ;(socket as unknown as HandleSocket)._handle = null
  socket.removeAllListeners()
  socket.on('error', ignore)
  socket.destroy()
  return next
}

function ignore(): void {}
