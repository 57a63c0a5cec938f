import { Socket } from 'node:net'
import { TLSSocket } from 'node:tls'

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
export const READ_BUFFER_SIZE = 64 * 1024

/**
 * The memory every direct socket reads into. One for the whole process: reads are delivered one
 * at a time, synchronously, and whatever outlives its read is copied out first (see
 * `ReadBuffer`), so no socket's bytes can be overwritten by another's. Allocated on first use.
 */
let shared: Uint8Array | null = null

/**
 * Moves an accepted, never-read socket's handle into a new socket that reads with Node's
 * `onread` option: the kernel copies straight into one shared buffer and `onBytes` gets a view
 * of each read, with no per-read allocation, `Readable` push or `'data'` event. This is about
 * half of the JavaScript a small request costs on the read side.
 *
 * `onBytes`' view is valid only during the call: bytes kept after it must be copied. Returning
 * false stops the reads until `resume()`. A new owner that wants `'data'` events (an upgrade) gets
 * them when `onBytes` pushes copies into the socket: `socket.push(Buffer.from(bytes))`. Returns null
 * (and leaves `socket` alone) when the socket is not a plain TCP or pipe socket fresh from a
 * `pauseOnConnect` listener, or this Node has no such handle; the caller then reads `'data'`.
 * The socket returned has the usual `'end'`, `'drain'`, `'error'` and `'close'` events, and
 * `pause()`/`resume()` stop and start the reads.
 *
 * @example
 * ```ts
 * const direct = directSocket(accepted, (bytes) => reader.onData(bytes, true))
 * ```
 */
export function directSocket(
  socket: Socket,
  onBytes: (bytes: Uint8Array) => boolean
): Socket | null {
  const handle = usableHandle(socket)
  if (handle === null) return null
  const buffer = (shared ??= new Uint8Array(READ_BUFFER_SIZE))
  const direct = rehome(socket, handle, {
    buffer,
    callback: (n: number) => onBytes(buffer.subarray(0, n)),
  })
  return direct
}

function usableHandle(socket: Socket): StreamHandle | null {
  if (socket.constructor !== Socket || socket instanceof TLSSocket || socket.destroyed) return null
  const handle = (socket as unknown as HandleSocket)._handle
  if (handle === null || typeof handle?.useUserBuffer !== 'function') return null
  return handle
}

function rehome(
  socket: Socket,
  handle: StreamHandle,
  onread: { buffer: Uint8Array; callback: (n: number) => boolean }
): Socket {
  const options = { handle, allowHalfOpen: true, readable: true, writable: true, onread }
  const next = new Socket(options as ConstructorParameters<typeof Socket>[0])
  // The old socket lets go of the handle, then closes as an empty shell: its listener counts it
  // as gone, and nothing of the connection is touched.
  ;(socket as unknown as HandleSocket)._handle = null
  socket.removeAllListeners()
  socket.on('error', ignore)
  socket.destroy()
  return next
}

function ignore(): void {}
