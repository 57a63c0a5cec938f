/**
 * The soak scenarios' client: a raw TCP connection that frames every response it receives (with
 * `@touche/h1`), so scenarios count responses, time them and see how a connection ended (clean
 * FIN or reset) without an HTTP client library deciding anything for them.
 */
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { Decoder, ParseError, ResponseParser } from '@touche/h1'
import { Method } from '@touche/http-types'

/** One response, framed. */
export interface SoakResponse {
  readonly status: number
  /** It said `Connection: close`. */
  readonly close: boolean
  readonly bodyBytes: number
}

/** How a connection ended: the server's FIN, a reset, or the client's own destroy. */
export type SoakEnd = 'fin' | 'reset' | 'destroyed'

/**
 * A client connection. Requests are written with `send`; `next()` resolves with the next
 * response; `ended` with how the connection ended, and what was left unframed (a response cut
 * short shows as `partial > 0`).
 *
 * @example
 * ```ts
 * const c = await SoakClient.open(port)
 * c.send('GET /hello HTTP/1.1\r\nHost: s\r\n\r\n')
 * const res = await c.next()
 * ```
 */
export class SoakClient {
  readonly socket: Socket
  readonly ended: Promise<{ end: SoakEnd; partial: number }>
  /** Responses received so far. */
  received = 0
  #buf: Buffer = Buffer.alloc(0)
  #parser = new ResponseParser()
  #head: { status: number; close: boolean; decoder: Decoder } | null = null
  #bodyBytes = 0
  #ready: SoakResponse[] = []
  #waiters: ((r: SoakResponse | null) => void)[] = []
  #done = false
  #malformed: string | null = null

  private constructor(socket: Socket) {
    this.socket = socket
    let error: string | null = null
    socket.on('data', (d: Buffer) => this.#feed(d))
    socket.on('error', (e: NodeJS.ErrnoException) => (error ??= e.code ?? e.message))
    this.ended = new Promise((resolve) => {
      socket.once('close', () => {
        this.#done = true
        for (const w of this.#waiters.splice(0)) w(null)
        const end: SoakEnd =
          error === 'ECONNRESET' ? 'reset' : this.#destroyed ? 'destroyed' : 'fin'
        resolve({ end, partial: this.#buf.length + (this.#head === null ? 0 : 1) })
      })
    })
  }

  #destroyed = false

  /** Connects to 127.0.0.1:`port`. */
  static open(port: number): Promise<SoakClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1', noDelay: true })
      socket.once('connect', () => resolve(new SoakClient(socket)))
      socket.once('error', reject)
    })
  }

  /** A response that did not frame, if any. */
  get malformed(): string | null {
    return this.#malformed
  }

  send(data: string | Uint8Array): void {
    this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data)
  }

  /** The next response, or null once the connection has ended without one. */
  next(): Promise<SoakResponse | null> {
    const r = this.#ready.shift()
    if (r !== undefined) return Promise.resolve(r)
    if (this.#done) return Promise.resolve(null)
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  /** Closes abruptly with a reset (RST), as a client that crashed or gave up. */
  reset(): void {
    this.#destroyed = true
    this.socket.resetAndDestroy()
  }

  destroy(): void {
    this.#destroyed = true
    this.socket.destroy()
  }

  #feed(d: Buffer): void {
    this.#buf = this.#buf.length === 0 ? d : Buffer.concat([this.#buf, d])
    try {
      while (this.#step()) {
        // one response (or one head) per step
      }
    } catch (e) {
      if (!(e instanceof ParseError)) throw e
      this.#malformed = e.kind
      this.destroy()
    }
  }

  #step(): boolean {
    if (this.#head === null) {
      if (this.#buf.length === 0) return false
      const head = this.#parser.parse(this.#buf, { method: Method.GET })
      if (head === null) return false
      this.#buf = this.#buf.subarray(head.consumed)
      if (head.status.code < 200) return true
      const connection = head.headers.getAll('connection').join(',')
      this.#head = {
        status: head.status.code,
        close: /(^|,)\s*close\s*(,|$)/i.test(connection),
        decoder: Decoder.from(head.body),
      }
      this.#bodyBytes = 0
    }
    const h = this.#head
    while (!h.decoder.isDone) {
      if (this.#buf.length === 0) return false
      const step = h.decoder.decode(this.#buf)
      this.#bodyBytes += step.data?.length ?? 0
      this.#buf = this.#buf.subarray(step.consumed)
      if (step.consumed === 0 && !step.done) return false
    }
    this.#head = null
    this.received++
    const r: SoakResponse = { status: h.status, close: h.close, bodyBytes: this.#bodyBytes }
    const w = this.#waiters.shift()
    if (w !== undefined) w(r)
    else this.#ready.push(r)
    return true
  }
}

/**
 * The value at percentile `p` (0-100) of `values`, or NaN when there are none.
 *
 * @example
 * ```ts
 * percentile([1, 2, 3, 4], 50) // 2
 * ```
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** A normal request not answered within this is a failure (and its connection is dropped). */
const NORMAL_TIMEOUT_MS = 5_000

/**
 * `promise`, or null once `ms` have passed.
 *
 * @example
 * ```ts
 * const r = await within(client.next(), 1000)
 * ```
 */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(null), ms)
    promise.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      (e: unknown) => {
        clearTimeout(timer)
        reject(e instanceof Error ? e : new Error(String(e)))
      }
    )
  })
}

/**
 * A well-behaved client beside a scenario's load: one keep-alive connection asking `/hello`
 * every `everyMs`, recording each latency, until `stop()`.
 *
 * @example
 * ```ts
 * const normal = await NormalClient.start(port, 100)
 * // ... the scenario ...
 * const { latencies, failures } = await normal.stop()
 * ```
 */
export class NormalClient {
  readonly latencies: number[] = []
  failures = 0
  #stopped = false
  #loop: Promise<void> = Promise.resolve()

  static async start(port: number, everyMs: number): Promise<NormalClient> {
    const n = new NormalClient()
    n.#loop = n.#run(port, everyMs)
    return n
  }

  async stop(): Promise<{ latencies: number[]; failures: number }> {
    this.#stopped = true
    await this.#loop
    return { latencies: this.latencies, failures: this.failures }
  }

  async #run(port: number, everyMs: number): Promise<void> {
    let client: SoakClient | null = null
    while (!this.#stopped) {
      const started = performance.now()
      try {
        client ??= await SoakClient.open(port)
        client.send('GET /hello HTTP/1.1\r\nHost: soak\r\n\r\n')
        const r = await within(client.next(), NORMAL_TIMEOUT_MS)
        if (r === null || r.status !== 200) throw new Error('no answer')
        this.latencies.push(performance.now() - started)
        if (r.close) client = null
      } catch {
        this.failures++
        client?.destroy()
        client = null
      }
      await new Promise((r) => setTimeout(r, everyMs))
    }
    client?.destroy()
  }
}
