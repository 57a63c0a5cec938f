/**
 * One case against one server: send it, frame the reply, compare with the model. Plus the
 * server-wide checks that do not belong to one connection: the liveness probe and the return of
 * connections and file descriptors to their baseline.
 */
import { concat, latin1 } from './bytes.js'
import { expectResponses } from './model.js'
import type { Expectation } from './model.js'
import { checkTranscript } from './oracles.js'
import type { Violation } from './oracles.js'
import type { Target } from './target.js'
import { readTranscript } from './transcript.js'
import type { Transcript } from './transcript.js'
import { exchange } from './wire.js'
import type { Pace } from './wire.js'

/** The bounds a run works within; generous, because the machine may be busy. */
export interface Bounds {
  /** How long a server may take to answer a case and close after the client's FIN. */
  readonly caseMs: number
  /** How long a fresh request may take to be answered (the hang oracle). */
  readonly hangMs: number
  /** How long connections and fds may take to return to their baseline. */
  readonly settleMs: number
}

/**
 * The defaults: 10 s per case, 1 s for the probe (tried three times, on fresh connections,
 * before the server is called hung), 5 s to settle.
 */
export const DEFAULT_BOUNDS: Bounds = { caseMs: 10_000, hangMs: 1_000, settleMs: 5_000 }

/** What one case did. */
export interface CaseOutcome {
  readonly violations: Violation[]
  readonly expectation: Expectation
  readonly transcript: Transcript
}

/**
 * Sends `pieces` to `port` and checks the reply against the model.
 *
 * @example
 * ```ts
 * const { violations } = await checkCase(target.port, c.pieces, c.pace, DEFAULT_BOUNDS)
 * ```
 */
export async function checkCase(
  port: number,
  pieces: readonly Uint8Array[],
  pace: Pace,
  bounds: Bounds
): Promise<CaseOutcome> {
  const stream = concat(pieces)
  const expectation = expectResponses(stream)
  const wire = await exchange(port, pieces, pace, bounds.caseMs)
  const methods = expectation.responses.map((r) => r.method)
  const transcript = readTranscript(wire.received, methods, wire.end)
  return { violations: checkTranscript(expectation, transcript), expectation, transcript }
}

const PROBE = latin1('GET /probe HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n')

/**
 * The hang oracle: a fresh connection with one request must be answered within `hangMs`. A
 * busy machine can delay one answer, so three tries are made; all three must fail. Resolves
 * with the fastest answer's time in ms, or a violation.
 *
 * @example
 * ```ts
 * const probe = await probeServer(target.port, bounds)
 * if ('kind' in probe) violations.push(probe)
 * ```
 */
export async function probeServer(
  port: number,
  bounds: Bounds
): Promise<Violation | { ms: number }> {
  const tries: string[] = []
  for (let i = 0; i < 3; i++) {
    const started = performance.now()
    const wire = await exchange(port, [PROBE], 'burst', bounds.hangMs, false)
    const t = readTranscript(wire.received, ['GET'], wire.end)
    if (t.responses.length === 1 && t.malformed === null) return { ms: performance.now() - started }
    tries.push(
      `${wire.end} after ${Math.round(performance.now() - started)} ms (${wire.received.length} bytes)`
    )
  }
  return {
    kind: 'hang',
    detail: `no answer to a fresh request within ${bounds.hangMs} ms, 3 tries: ${tries.join('; ')}`,
  }
}

/** A target's connection and fd counts when idle, taken once at the start. */
export interface Baseline {
  readonly fds: number | null
}

/**
 * The release oracle: with every client gone, the server's connections return to 0 and its fds
 * to the baseline within `settleMs`. Waits for the condition (polling), never a fixed time.
 *
 * @example
 * ```ts
 * const leak = await checkReleased(target, baseline, bounds)
 * ```
 */
export async function checkReleased(
  target: Target,
  baseline: Baseline,
  bounds: Bounds
): Promise<Violation | null> {
  const deadline = performance.now() + bounds.settleMs
  for (;;) {
    const connections = (await target.stats()).connections
    const fds = target.fdCount()
    const fdsBack = baseline.fds === null || fds === null || fds <= baseline.fds
    if (connections === 0 && fdsBack) return null
    if (performance.now() > deadline) {
      return {
        kind: 'fd-leak',
        detail: `${bounds.settleMs} ms after every client closed: ${connections} connections, ${fds} fds (baseline ${baseline.fds})`,
      }
    }
    await new Promise((r) => setTimeout(r, 20))
  }
}

/**
 * The process oracle: the target is alive and wrote nothing to stderr.
 *
 * @example
 * ```ts
 * violations.push(...processViolations(target))
 * ```
 */
export function processViolations(target: Target): Violation[] {
  const out: Violation[] = []
  const stderr = target.takeStderr().trim()
  if (target.exited !== null) {
    out.push({
      kind: 'crash',
      detail: `the server process ended (${target.exited}): ${target.fatal ?? stderr}`,
    })
  } else if (stderr !== '') {
    out.push({ kind: 'unhandled-error', detail: stderr.slice(0, 2000) })
  }
  return out
}
