import type { Dispatcher } from './dispatcher.js'
import { ServerError } from './errors.js'
import type { ServerErrorCode } from './errors.js'
import type { IncomingBody } from './incoming-body.js'
import type { ServerOptions } from './options.js'
import type { ConnectionTimer, TimerKind } from './timer.js'
import { turnNow } from './timer.js'

/** The state a connection's timer follows (read-only; `Connection` implements it). */
export interface TimerFacts {
  readonly options: ServerOptions
  readonly timer: ConnectionTimer
  readonly dispatcher: Dispatcher
  readonly reading: 'head' | 'body' | 'hold' | 'closed'
  readonly body: IncomingBody | null
  /** When the head being read began, or -1 between requests. */
  readonly headStart: number
  readonly requests: number
  readonly isShuttingDown: boolean
  readonly hasPeerEnded: boolean
}

/**
 * Arms the one timer a connection has for what it is waiting on now; the only place that decides
 * it, called after every change of state:
 *
 * - a client that half-closed with responses still owed: `halfCloseTimeout` from its FIN;
 * - a head begun: `headerReadTimeout` (and `requestTimeout`) from its first byte, never pushed
 *   back by more bytes (slow-loris); for the first request, from the accept;
 * - nothing in flight: `keepAliveTimeout`, or `shutdownGrace` once shutdown has begun;
 * - a body the server waits for: `bodyReadTimeout` since the last byte, the `bodyMinRate` rule
 *   (mod_reqtimeout's: after `bodyRateGrace`, one more second per `bodyMinRate` bytes), and
 *   `requestTimeout`, counting only time spent waiting for the client (not while the handler
 *   leaves the queue full, nor while a 100 is withheld);
 * - a canceled body being drained: `drainTimeout`;
 * - handlers working, or the read side on hold or closed: no timer (handlers are not timed).
 *
 * The linger after the connection's own FIN is armed where the FIN is sent.
 */
export function armTimer(c: TimerFacts): void {
  const timer = c.timer
  const o = c.options
  if (c.hasPeerEnded) {
    if (c.dispatcher.isIdle) timer.disarm()
    else timer.ensure('half-close', o.halfCloseTimeout)
    return
  }
  switch (c.reading) {
    case 'head':
      if (c.headStart >= 0) timer.ensure('header', headerMs(o))
      else if (!c.dispatcher.isIdle) timer.disarm()
      else if (c.isShuttingDown) timer.ensure('shutdown', o.shutdownGrace)
      else if (c.requests === 0) timer.ensure('header', headerMs(o))
      else timer.ensure('idle', o.keepAliveTimeout)
      return
    case 'body': {
      const body = c.body!
      const now = turnNow()
      if (body.isDraining) {
        body.stopWaiting(now)
        timer.ensure('drain', o.drainTimeout)
      } else if (body.isDone || body.isFull || !body.exchange.clientMaySend) {
        body.stopWaiting(now)
        timer.disarm()
      } else {
        body.startWaiting(now)
        timer.arm('body', Math.max(1, bodyDeadline(c, body, now) - now))
      }
      return
    }
    case 'hold':
    case 'closed':
      timer.disarm()
      return
  }
}

/**
 * Which of a body's deadlines has passed at `now`, as the error it fails with; null when none
 * has (the timer then re-arms).
 */
export function bodyTimeout(c: TimerFacts, body: IncomingBody, now: number): ServerError | null {
  const o = c.options
  // 1 ms of slack: a timer may fire a little before the deadline it was armed for.
  if (o.requestTimeout > 0 && now + 1 >= c.headStart + o.requestTimeout) {
    return new ServerError('ERR_SERVER_REQUEST_TIMEOUT')
  }
  if (o.bodyMinRate > 0 && body.waited(now) + 1 >= rateAllowance(o, body)) {
    return new ServerError('ERR_SERVER_BODY_TOO_SLOW')
  }
  if (o.bodyReadTimeout > 0 && now + 1 >= body.progressAt + o.bodyReadTimeout) {
    return new ServerError('ERR_SERVER_BODY_READ_TIMEOUT')
  }
  return null
}

/** The error a head that did not arrive in time fails with. */
function headerTimeoutCode(o: ServerOptions): ServerErrorCode {
  const request = o.requestTimeout > 0 ? o.requestTimeout : Infinity
  const header = o.headerReadTimeout > 0 ? o.headerReadTimeout : Infinity
  return request < header ? 'ERR_SERVER_REQUEST_TIMEOUT' : 'ERR_SERVER_HEADER_TIMEOUT'
}

function headerMs(o: ServerOptions): number {
  const request = o.requestTimeout > 0 ? o.requestTimeout : Infinity
  const header = o.headerReadTimeout > 0 ? o.headerReadTimeout : Infinity
  return Math.min(request, header)
}

function bodyDeadline(c: TimerFacts, body: IncomingBody, now: number): number {
  const o = c.options
  let deadline = Infinity
  if (o.bodyReadTimeout > 0) deadline = body.progressAt + o.bodyReadTimeout
  if (o.bodyMinRate > 0) {
    deadline = Math.min(deadline, now + rateAllowance(o, body) - body.waited(now))
  }
  if (o.requestTimeout > 0) deadline = Math.min(deadline, c.headStart + o.requestTimeout)
  return deadline
}

/** Milliseconds of waiting the bytes received so far buy: the grace, or 1 s per `bodyMinRate`. */
function rateAllowance(o: ServerOptions, body: IncomingBody): number {
  return Math.max(o.bodyRateGrace, (body.received * 1000) / o.bodyMinRate)
}

/** What a timer that fires may do to its connection (`Connection` implements it). */
export interface TimerReactions {
  readonly state: TimerFacts & { stopReading(): void }
  readonly dispatcher: Dispatcher
  readonly options: ServerOptions
  /** Bytes received and not yet parsed. */
  readonly buffered: number
  onHeadError(error: ServerError): void
  onBodyError(body: IncomingBody, error: ServerError): void
  onDrainTooLong(): void
  closeWrite(): void
  release(reason: ServerError): void
  report(error: ServerError): void
  readonly transport: { destroy(): void }
}

/**
 * What each timer does when it fires; true when the connection should then read on (its state
 * changed), false when it is gone:
 *
 * - `header`: a head begun gets 408 (`ERR_SERVER_HEADER_TIMEOUT`, or `ERR_SERVER_REQUEST_TIMEOUT`
 *   when that was the shorter); a connection that never sent a byte is closed without a response;
 * - `idle`, `shutdown`: an idle connection is closed;
 * - `body`: the body fails with the deadline it missed, and its request gets 408;
 * - `drain`: nothing after the drained body is read; the connection closes;
 * - `linger`: the closing connection is destroyed;
 * - `half-close`: the connection is reset and its requests' signals abort.
 */
export function onTimeout(kind: TimerKind, c: TimerReactions): boolean {
  const state = c.state
  switch (kind) {
    case 'header':
      if (state.reading === 'head' && c.buffered > 0) {
        c.onHeadError(new ServerError(headerTimeoutCode(c.options)))
      } else if (c.dispatcher.isIdle) c.closeWrite()
      return true
    case 'idle':
    case 'shutdown':
      if (c.dispatcher.isIdle && c.buffered === 0 && state.body === null) c.closeWrite()
      return true
    case 'body': {
      const body = state.body
      const error = body === null ? null : bodyTimeout(state, body, performance.now())
      if (body !== null && error !== null) c.onBodyError(body, error)
      return true
    }
    case 'drain':
      c.onDrainTooLong()
      return true
    case 'linger':
      c.transport.destroy()
      return false
    case 'half-close': {
      const error = new ServerError('ERR_SERVER_HALF_CLOSE_TIMEOUT')
      c.report(error)
      c.release(error)
      return false
    }
  }
}
