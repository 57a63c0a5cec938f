/**
 * The client side of one case: a TCP connection to 127.0.0.1 that writes the case's pieces,
 * half-closes, and collects everything the server sends until it closes. Reading ends on the
 * server's close, never after a pause; the time bound is only for a server that never closes.
 */
import { connect } from 'node:net'
import type { ConnectionEnd } from './transcript.js'

/**
 * How the pieces are written: `burst` writes them all in one turn (the kernel may coalesce
 * them); `tick` waits a turn of the event loop after each, so each leaves as its own segment
 * (TCP_NODELAY is on) and a piece of one byte is a byte at a time; `gap` waits
 * {@link GAP_MS} after each, so that the server most likely reads each piece on its own (the
 * pace of regression cases whose failure depends on the split).
 */
export type Pace = 'burst' | 'tick' | 'gap'

/** The wait after each piece at the `gap` pace, in ms. */
export const GAP_MS = 20

/** What one connection brought back. */
export interface WireResult {
  readonly received: Uint8Array
  readonly end: ConnectionEnd
  /** The socket error's code, if one ended the connection (ECONNRESET, EPIPE). */
  readonly error: string | null
}

/**
 * Sends `pieces` to 127.0.0.1:`port`, half-closes (unless `fin` is false), and reads until the
 * server closes or `timeoutMs` passes.
 *
 * @example
 * ```ts
 * const { received, end } = await exchange(port, [latin1('GET / HTTP/1.1\r\nHost: a\r\n\r\n')], 'burst', 5000)
 * ```
 */
export function exchange(
  port: number,
  pieces: readonly Uint8Array[],
  pace: Pace,
  timeoutMs: number,
  fin = true
): Promise<WireResult> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true })
    const chunks: Buffer[] = []
    let error: string | null = null
    let closed = false
    const timer = setTimeout(() => finish('timeout'), timeoutMs)
    const finish = (end: ConnectionEnd): void => {
      if (closed) return
      closed = true
      clearTimeout(timer)
      socket.destroy()
      resolve({ received: Buffer.concat(chunks), end, error })
    }
    socket.on('data', (d: Buffer) => chunks.push(d))
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // A write after the server closed (EPIPE) is expected once it rejected the input; what it
      // sent before is still read. A reset ends the connection as it is.
      error ??= e.code ?? e.message
    })
    socket.on('close', () => finish(error === 'ECONNRESET' ? 'reset' : 'fin'))
    socket.once('connect', () => {
      void write(socket, pieces, pace).then(() => {
        if (fin && !socket.destroyed) socket.end()
      })
    })
  })
}

async function write(
  socket: ReturnType<typeof connect>,
  pieces: readonly Uint8Array[],
  pace: Pace
): Promise<void> {
  for (const piece of pieces) {
    if (socket.destroyed || socket.writableEnded) return
    socket.write(piece)
    if (pace === 'tick') await new Promise<void>((r) => setImmediate(r))
    else if (pace === 'gap') await new Promise<void>((r) => setTimeout(r, GAP_MS))
  }
}
