import { connect } from 'node:net'
import type { Socket } from 'node:net'

/** Upper bound for one raw exchange. */
const EXCHANGE_TIMEOUT_MS = 10_000

const open = new Set<Socket>()

/** A plain TCP connection to 127.0.0.1:port that collects everything it receives. */
export interface RawConnection {
  readonly socket: Socket
  /** Bytes received so far, latin1-decoded. */
  received(): string
  /** Writes raw bytes; strings are latin1, one byte per char. */
  write(data: string | Uint8Array): void
  /** Resolves with everything received once `done(received)` is true or the server closed. */
  readUntil(done: (received: string) => boolean, timeoutMs?: number): Promise<string>
  /** Resolves once the server closed the connection, with everything received. */
  readUntilClose(timeoutMs?: number): Promise<string>
}

/**
 * Opens a raw connection; close them all with {@link closeAll} in afterEach.
 */
export async function rawConnect(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1')
  open.add(socket)
  socket.once('close', () => open.delete(socket))
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  let data = ''
  let closed = false
  const waiters = new Set<() => void>()
  const wake = (): void => waiters.forEach((w) => w())
  socket.on('data', (chunk: Buffer) => {
    data += chunk.toString('latin1')
    wake()
  })
  socket.on('error', () => {})
  socket.on('close', () => {
    closed = true
    wake()
  })
  const readUntil = (done: (received: string) => boolean, timeoutMs = EXCHANGE_TIMEOUT_MS) =>
    new Promise<string>((resolve, reject) => {
      const check = (): void => {
        if (!done(data) && !closed) return
        finish()
        resolve(data)
      }
      const timer = setTimeout(() => {
        finish()
        reject(new Error(`no complete reply within ${timeoutMs} ms; got: ${JSON.stringify(data)}`))
      }, timeoutMs)
      const finish = (): void => {
        clearTimeout(timer)
        waiters.delete(check)
      }
      waiters.add(check)
      check()
    })
  return {
    socket,
    received: () => data,
    write: (bytes) =>
      void socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes),
    readUntil,
    readUntilClose: (timeoutMs) => readUntil(() => false, timeoutMs),
  }
}

/** Destroys every raw connection still open. */
export function closeAll(): void {
  for (const socket of open) socket.destroy()
  open.clear()
}

/** True once `text` holds `count` complete responses framed by Content-Length. */
export function hasResponses(text: string, count: number): boolean {
  let at = 0
  for (let i = 0; i < count; i++) {
    const end = text.indexOf('\r\n\r\n', at)
    if (end < 0) return false
    const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(at, end))
    at = end + 4 + Number(length?.[1] ?? 0)
    if (at > text.length) return false
  }
  return true
}

/** True once `text` holds a complete chunked response (last-chunk, trailers, blank line). */
export function hasChunkedEnd(text: string): boolean {
  const head = text.indexOf('\r\n\r\n')
  return head >= 0 && /(^|\r\n)0\r\n(.*\r\n)*\r\n$/.test(text.slice(head + 2))
}
