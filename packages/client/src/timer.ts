import type { ConnState } from './conn-state.js'

/** What a connection waits on, each with its own timeout. */
export type TimerKind = 'headers' | 'body' | 'idle' | 'continue'

/**
 * One timer per connection, armed with a deadline rather than re-created per request: arming
 * only moves the deadline, and the Node timer is replaced only when the new deadline is earlier
 * than the one it will fire at. When it fires early it re-arms itself for the rest. So a
 * request and its response cost a field write, not a `setTimeout`.
 *
 * @example
 * ```ts
 * const timer = new ConnTimer((kind) => console.log(`${kind} timeout`))
 * timer.arm('headers', 30_000)
 * timer.disarm()
 * ```
 */
export class ConnTimer {
  readonly #onFire: (kind: TimerKind) => void
  #handle: NodeJS.Timeout | null = null
  /** When the Node timer fires (ms since epoch), or 0. */
  #firesAt = 0
  /** The deadline, or 0 when disarmed. */
  #at = 0
  #kind: TimerKind = 'idle'
  readonly #fire = (): void => {
    this.#handle = null
    this.#firesAt = 0
    const at = this.#at
    if (at === 0) return
    const now = Date.now()
    if (now < at) {
      this.#schedule(at, now)
      return
    }
    this.#at = 0
    this.#onFire(this.#kind)
  }

  constructor(onFire: (kind: TimerKind) => void) {
    this.#onFire = onFire
  }

  get kind(): TimerKind | null {
    return this.#at === 0 ? null : this.#kind
  }

  /** Fires `kind` after `ms` (Infinity: never), replacing what was armed. */
  arm(kind: TimerKind, ms: number): void {
    if (ms === Infinity) {
      this.#at = 0
      return
    }
    const now = Date.now()
    const at = now + Math.max(ms, 1)
    this.#at = at
    this.#kind = kind
    if (this.#handle === null || this.#firesAt > at) this.#schedule(at, now)
  }

  disarm(): void {
    this.#at = 0
  }

  /** Stops for good. */
  clear(): void {
    this.#at = 0
    if (this.#handle !== null) clearTimeout(this.#handle)
    this.#handle = null
    this.#firesAt = 0
  }

  #schedule(at: number, now: number): void {
    if (this.#handle !== null) clearTimeout(this.#handle)
    this.#firesAt = at
    this.#handle = setTimeout(this.#fire, at - now)
    this.#handle.unref()
  }
}

/**
 * Arms `timer` for what a connection in `state` waits on now, the one place that decides it: the
 * idle timeout (or the server's shorter `idleLimit`) between requests, `100 Continue` or the
 * response head after a request, the body's idle timeout while a body arrives (none while the
 * caller has paused it).
 *
 * @example
 * ```ts
 * armFor(conn.timer, conn.state, conn.idleLimit, conn.reader.isPaused)
 * ```
 */
export function armFor(
  timer: ConnTimer,
  state: ConnState,
  idleLimit: number,
  readerPaused: boolean
): void {
  const options = state.options
  switch (state.reading) {
    case 'closed':
      timer.clear()
      return
    case 'idle':
      timer.arm('idle', Math.min(options.idleTimeout, idleLimit))
      return
    case 'head': {
      const first = state.inFlight[0]!
      if (first.write === 'continue') timer.arm('continue', options.expectContinueTimeout)
      else timer.arm('headers', options.headersTimeout)
      return
    }
    case 'body':
      if (readerPaused) timer.disarm()
      else timer.arm('body', options.bodyTimeout)
      return
  }
}
