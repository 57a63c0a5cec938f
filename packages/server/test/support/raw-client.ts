import { connect as netConnect } from 'node:net'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { connect as tlsConnect } from 'node:tls'
import type { ConnectionOptions } from 'node:tls'

/** Every read gives up after this long, so a broken server fails a test instead of hanging it. */
export const READ_TIMEOUT = 5_000

/** One response as read off the wire, framed by its own headers. */
export interface RawResponse {
  readonly status: number
  readonly reason: string
  readonly version: string
  /** The head as received, without the final empty line. */
  readonly head: string
  /** Head lines after the status line, as `name: value` with the name lower-cased. */
  readonly lines: string[]
  readonly headers: Map<string, string>
  readonly body: Buffer
  readonly trailers: Map<string, string>
  /** Whether the body ran until the connection closed. */
  readonly closeDelimited: boolean
}

/**
 * A plain socket with helpers that read by framing, never by timing (hyper's `tests/server.rs`
 * `connect`): `readResponse` parses just enough of the reply to know where it ends.
 */
export class RawClient {
  readonly socket: Duplex
  #buf: Buffer = Buffer.alloc(0)
  #ended = false
  #error: Error | null = null
  #wake: (() => void) | null = null
  readonly closed: Promise<void>

  constructor(socket: Duplex) {
    this.socket = socket
    socket.on('data', (chunk: Buffer) => {
      this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk])
      this.#notify()
    })
    socket.on('end', () => {
      this.#ended = true
      this.#notify()
    })
    socket.on('error', (err) => {
      this.#error = err
      this.#notify()
    })
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()))
    socket.on('close', () => {
      this.#ended = true
      this.#notify()
    })
  }

  /** Bytes received and not yet read. */
  get buffered(): Buffer {
    return this.#buf
  }

  /** The socket's error, if it failed (`ECONNRESET` when the server reset the connection). */
  get error(): (Error & { code?: string }) | null {
    return this.#error
  }

  /** Whether the server closed its side. */
  get ended(): boolean {
    return this.#ended
  }

  writeRaw(data: string | Uint8Array): void {
    this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data)
  }

  /** Reads exactly `n` bytes. */
  async readBytes(n: number, timeout = READ_TIMEOUT): Promise<Buffer> {
    await this.#until(() => this.#buf.length >= n, timeout, `${n} bytes`)
    return this.#take(n)
  }

  /** Reads through the first occurrence of `marker`. */
  async readUntil(marker: string, timeout = READ_TIMEOUT): Promise<string> {
    let at = -1
    await this.#until(
      () => (at = this.#buf.indexOf(marker, 0, 'latin1')) >= 0,
      timeout,
      JSON.stringify(marker)
    )
    return this.#take(at + marker.length).toString('latin1')
  }

  /** Reads everything until the server closes the connection. */
  async readUntilClose(timeout = READ_TIMEOUT): Promise<Buffer> {
    await this.#until(() => this.#ended, timeout, 'close', true)
    return this.#take(this.#buf.length)
  }

  /** Resolves when the server has closed the connection (or rejects after `timeout`). */
  async waitClosed(timeout = READ_TIMEOUT): Promise<void> {
    await this.#until(() => this.#ended, timeout, 'close', true)
  }

  /**
   * Reads one response. `head: true` means the request was HEAD (no body follows), and
   * 1xx responses are returned on their own.
   */
  async readResponse(options: { head?: boolean; timeout?: number } = {}): Promise<RawResponse> {
    const timeout = options.timeout ?? READ_TIMEOUT
    const rawHead = await this.readUntil('\r\n\r\n', timeout)
    const all = rawHead.slice(0, -4).split('\r\n')
    const statusLine = all[0] ?? ''
    const m = /^(HTTP\/\d\.\d) (\d{3}) ?(.*)$/.exec(statusLine)
    if (!m) throw new Error(`bad status line: ${JSON.stringify(statusLine)}`)
    const lines = all.slice(1).map(lowerName)
    const headers = new Map<string, string>()
    for (const line of lines) {
      const i = line.indexOf(':')
      const name = line.slice(0, i)
      const value = line.slice(i + 1).trim()
      headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value)
    }
    const status = Number(m[2])
    const base = {
      status,
      reason: m[3] ?? '',
      version: m[1] ?? '',
      head: rawHead.slice(0, -4),
      lines,
      headers,
    }
    const noBody = options.head === true || status < 200 || status === 204 || status === 304
    if (noBody)
      return { ...base, body: Buffer.alloc(0), trailers: new Map(), closeDelimited: false }
    const te = headers.get('transfer-encoding')
    if (te !== undefined && /chunked/i.test(te)) {
      const { body, trailers } = await this.#readChunked(timeout)
      return { ...base, body, trailers, closeDelimited: false }
    }
    const cl = headers.get('content-length')
    if (cl !== undefined) {
      const body = await this.readBytes(Number(cl), timeout)
      return { ...base, body, trailers: new Map(), closeDelimited: false }
    }
    const body = await this.readUntilClose(timeout)
    return { ...base, body, trailers: new Map(), closeDelimited: true }
  }

  /** Writes a request and reads its response. */
  async request(raw: string, options: { head?: boolean } = {}): Promise<RawResponse> {
    this.writeRaw(raw)
    return this.readResponse(options)
  }

  end(): void {
    this.socket.end()
  }

  destroy(): void {
    this.socket.destroy()
  }

  async #readChunked(timeout: number): Promise<{ body: Buffer; trailers: Map<string, string> }> {
    const parts: Buffer[] = []
    for (;;) {
      const sizeLine = await this.readUntil('\r\n', timeout)
      const size = parseInt(sizeLine.split(';')[0] ?? '', 16)
      if (Number.isNaN(size)) throw new Error(`bad chunk size line: ${JSON.stringify(sizeLine)}`)
      if (size === 0) break
      parts.push(await this.readBytes(size, timeout))
      const crlf = (await this.readBytes(2, timeout)).toString('latin1')
      if (crlf !== '\r\n') throw new Error('chunk data not followed by CRLF')
    }
    const trailers = new Map<string, string>()
    for (;;) {
      const line = (await this.readUntil('\r\n', timeout)).slice(0, -2)
      if (line === '') break
      const i = line.indexOf(':')
      trailers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim())
    }
    return { body: Buffer.concat(parts), trailers }
  }

  #take(n: number): Buffer {
    const out = this.#buf.subarray(0, n)
    this.#buf = this.#buf.subarray(n)
    return out
  }

  #notify(): void {
    const wake = this.#wake
    this.#wake = null
    wake?.()
  }

  async #until(
    done: () => boolean,
    timeout: number,
    what: string,
    allowEnd = false
  ): Promise<void> {
    const deadline = Date.now() + timeout
    while (!done()) {
      if (this.#error !== null && !allowEnd) throw this.#error
      if (this.#ended && !allowEnd) {
        throw new Error(
          `connection closed while waiting for ${what}; got ${JSON.stringify(this.#buf.toString('latin1'))}`
        )
      }
      const left = deadline - Date.now()
      if (left <= 0) {
        throw new Error(
          `timed out waiting for ${what}; got ${JSON.stringify(this.#buf.toString('latin1'))}`
        )
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.#wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  }
}

function lowerName(line: string): string {
  const i = line.indexOf(':')
  return i < 0 ? line : line.slice(0, i).toLowerCase() + line.slice(i)
}

/** Where a test server listens. */
export type Addr = { readonly port: number; readonly host?: string } | { readonly path: string }

/**
 * Opens a raw TCP (or unix) connection to a test server.
 *
 * @example
 * ```ts
 * const c = await connect(server.addr)
 * const res = await c.request('GET / HTTP/1.1\r\nhost: x\r\n\r\n')
 * ```
 */
export async function connect(addr: Addr): Promise<RawClient> {
  const socket =
    'path' in addr ? netConnect(addr.path) : netConnect(addr.port, addr.host ?? '127.0.0.1')
  track(socket)
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  return new RawClient(socket)
}

/** Opens a TLS connection to a test server. */
export async function connectTls(
  port: number,
  options: ConnectionOptions = {}
): Promise<RawClient> {
  const socket = tlsConnect({ port, host: '127.0.0.1', rejectUnauthorized: false, ...options })
  track(socket)
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', resolve)
    socket.once('error', reject)
  })
  return new RawClient(socket)
}

const open = new Set<Socket>()

function track(socket: Socket): void {
  open.add(socket)
  socket.on('close', () => open.delete(socket))
}

/** Destroys every client socket still open (call in `afterEach`). */
export function destroyClients(): void {
  for (const s of open) s.destroy()
  open.clear()
}
