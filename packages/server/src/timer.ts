/**
 * What a connection is waiting for when its timer is armed: a request `head`, the next request
 * on an `idle` keep-alive connection, request `body` bytes, the `drain` of an unread body, the
 * `shutdown` grace, the `linger` after its FIN, or the responses owed to a `half-close`d client.
 */
export type TimerKind = 'header' | 'idle' | 'body' | 'drain' | 'shutdown' | 'linger' | 'half-close'

let turnStamp = -1

function endTurn(): void {
  turnStamp = -1
}

/**
 * `performance.now()` read once per event-loop turn: a keep-alive connection arms its idle timer
 * after every response, and a clock read per response costs more than the rest of arming. The
 * stamp can be behind by the length of the turn, the same slack Node's own timers have (they count
 * from libuv's loop time, also read once per turn); a timer firing early re-checks the precise
 * clock.
 */
export function turnNow(): number {
  if (turnStamp < 0) {
    turnStamp = performance.now()
    setImmediate(endTurn)
  }
  return turnStamp
}

/**
 * One timer per connection, re-armed lazily: arming only moves a deadline, and the underlying
 * `setTimeout` is created again only when it would fire too late. A keep-alive connection serving
 * thousands of requests creates a handful of timers, not one per request, and reads the clock
 * once per event-loop turn, not once per request.
 *
 * @example
 * ```ts
 * const timer = new ConnectionTimer((kind) => onTimeout(kind))
 * timer.arm('idle', 5000)
 * timer.disarm()
 * ```
 */
export class ConnectionTimer {
  readonly #onFire: (kind: TimerKind) => void
  #kind: TimerKind | null = null
  #deadline = 0
  #timer: NodeJS.Timeout | null = null
  #firesAt = 0
  readonly #tick = (): void => this.#fire()

  constructor(onFire: (kind: TimerKind) => void) {
    this.#onFire = onFire
  }

  /** The kind currently armed, or null. */
  get kind(): TimerKind | null {
    return this.#kind
  }

  /** Fires `kind` after `ms`; `0` or `Infinity` disarms instead. */
  arm(kind: TimerKind, ms: number): void {
    if (ms === 0 || ms === Infinity) {
      this.disarm()
      return
    }
    const deadline = turnNow() + ms
    this.#kind = kind
    this.#deadline = deadline
    if (this.#timer !== null && this.#firesAt <= deadline) return
    this.#schedule(ms)
  }

  /**
   * Fires `kind` after `ms`, unless `kind` is armed already: its deadline then stands (a
   * deadline that more input must not push back, such as a head's).
   */
  ensure(kind: TimerKind, ms: number): void {
    if (this.#kind !== kind) this.arm(kind, ms)
  }

  disarm(): void {
    this.#kind = null
  }

  /** Cancels for good (the connection closed). */
  clear(): void {
    this.#kind = null
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }

  #schedule(ms: number): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#firesAt = turnNow() + ms
    this.#timer = setTimeout(this.#tick, ms)
    this.#timer.unref()
  }

  #fire(): void {
    this.#timer = null
    const kind = this.#kind
    if (kind === null) return
    const left = this.#deadline - performance.now()
    if (left > 1) {
      this.#schedule(left)
      return
    }
    this.#kind = null
    this.#onFire(kind)
  }
}
