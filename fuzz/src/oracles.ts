/**
 * The oracles: what must hold for every case, whatever the input. Each failure is a
 * `Violation` with a stable `kind`; the minimizer keeps a smaller input only while it still
 * fails with the same kind.
 *
 * Per connection (checked here): every response is well-formed HTTP/1.1, nothing is cut short,
 * every request the model says is owed an answer gets it, in order, with the right status, and
 * the connection ends once everything is answered. Per server (checked by the runner): the
 * process is alive and wrote nothing to stderr, a fresh connection is answered in time, and
 * connections and file descriptors return to their baseline.
 */
import { escapeBytes } from './bytes.js'
import type { Expectation } from './model.js'
import type { Transcript } from './transcript.js'

/** The oracles, by name. */
export type ViolationKind =
  /** Bytes that are not a well-formed HTTP/1.1 response. */
  | 'malformed-response'
  /** The connection ended inside a response. */
  | 'truncated-response'
  /** A request owed an answer got none (the connection closed first). */
  | 'lost-response'
  /** A response answers another request than the one whose turn it is. */
  | 'wrong-response'
  /** A malformed request got another status than its parse error's. */
  | 'wrong-status'
  /** More responses than requests owed one. */
  | 'extra-response'
  /** The server did not close the connection after the client's FIN and every answer. */
  | 'no-close'
  /** The server process exited. */
  | 'crash'
  /** The server process wrote to stderr: an uncaught exception, unhandled rejection or warning. */
  | 'unhandled-error'
  /** A fresh request on a new connection was not answered in time. */
  | 'hang'
  /** Connections or file descriptors stayed above their baseline once every client was gone. */
  | 'fd-leak'
  /** touche and node:http disagree in a way no documented rule explains. */
  | 'differential'

/** One failed oracle. */
export interface Violation {
  readonly kind: ViolationKind
  readonly detail: string
}

/**
 * Checks one connection's transcript against the model's expectation.
 *
 * @example
 * ```ts
 * const violations = checkTranscript(expectResponses(sent), readTranscript(got, methods, end))
 * ```
 */
export function checkTranscript(exp: Expectation, t: Transcript): Violation[] {
  const out: Violation[] = []
  const got = t.responses
  const seen = got.map((r) => r.status).join(', ') || 'nothing'
  let matched = 0
  let mayHaveClosed = false
  for (const [i, e] of exp.responses.entries()) {
    const r = got[i]
    if (r === undefined) {
      if (!e.optional && !mayHaveClosed && t.end !== 'timeout') {
        out.push({
          kind: 'lost-response',
          detail: `${e.why}: expected ${e.status}, got nothing; received ${seen}`,
        })
      }
      break
    }
    if (r.status !== e.status || (e.echo !== null && r.echo !== e.echo)) {
      const kind = e.echo === null && r.echo === null ? 'wrong-status' : 'wrong-response'
      out.push({
        kind,
        detail:
          `${e.why}: expected ${e.status}${e.echo === null ? '' : ` [${e.echo}]`}, ` +
          `got ${r.status}${r.echo === null ? '' : ` [${r.echo}]`}; received ${seen}`,
      })
      break
    }
    matched++
    mayHaveClosed = e.close === 'may'
  }
  if (out.length === 0 && got.length > exp.responses.length) {
    out.push({
      kind: 'extra-response',
      detail: `${got.length - exp.responses.length} more than the ${exp.responses.length} owed; received ${seen}`,
    })
  }
  if (t.malformed !== null) {
    out.push({
      kind: 'malformed-response',
      detail: `at byte ${t.malformed.at} of the reply: ${t.malformed.why}: ${t.malformed.rest}`,
    })
  }
  if (t.truncatedAt !== null) {
    out.push({
      kind: 'truncated-response',
      detail: `the connection ended (${t.end}) inside the response at byte ${t.truncatedAt}, after ${matched} complete`,
    })
  }
  if (t.end === 'timeout') {
    out.push({
      kind: 'no-close',
      detail: `still open after the client's FIN; received ${seen}`,
    })
  }
  return out
}

/**
 * A readable account of what the model expected, for failure reports.
 *
 * @example
 * ```ts
 * console.log(describeExpectation(exp))
 * ```
 */
export function describeExpectation(exp: Expectation, stream: Uint8Array): string {
  const lines = exp.frames.map((f) => {
    const end = f.kind === 'message' ? f.end : stream.length
    return `  ${f.kind.padEnd(12)} ${escapeBytes(stream.subarray(f.start, end), 160)}`
  })
  const owed = exp.responses.map(
    (r) => `${r.status}${r.optional ? '?' : ''}${r.close === 'must' ? ' close' : ''}`
  )
  return `${lines.join('\n')}\n  owed: ${owed.join(', ') || 'nothing'}`
}
