/**
 * The differential check: one request, followed by a sentinel request, sent to touche and to
 * node:http (llhttp), and the two answers compared. The sentinel shows where each server thinks
 * the first message ended: a server that frames the body differently answers the sentinel
 * differently, or not at all. Requests are compared one at a time, not as whole pipelines,
 * because node:http answers a malformed request in a pipeline at once and drops the responses it
 * owes the requests before it; compared whole, every such pipeline would differ for that reason.
 */
import { concat, escapeBytes, indexOf, latin1 } from './bytes.js'
import type { Bounds } from './check-case.js'
import { echoPlan } from './echo.js'
import { classify } from './classify.js'
import type { DisagreementClass } from './classify.js'
import { looseRequest } from './loose-request.js'
import { frameRequests } from './request-frames.js'
import type { Frame } from './request-frames.js'
import { readTranscript } from './transcript.js'
import { exchange } from './wire.js'

const SENTINEL = latin1('GET /sentinel HTTP/1.1\r\nHost: s\r\nConnection: close\r\n\r\n')
const EMPTY_LINE = latin1('\r\n\r\n')
const SENTINEL_ECHO = echoPlan('GET', '/sentinel', new Uint8Array()).echo

/** What one server made of a request and the sentinel after it. */
export interface Verdict {
  /** `accepts`, `rejects <status>`, or `no answer`. */
  readonly verdict: string
  readonly status: number | null
  /** The echo of the request (method, target hash, body length and hash) when accepted. */
  readonly echo: string | null
  /** Whether the sentinel after it was answered. */
  readonly sentinel: boolean
}

/** Both verdicts on one request. */
export interface Comparison {
  readonly touche: Verdict
  readonly node: Verdict
  /** Null when they agree; otherwise what differs, as a key for the class table. */
  readonly key: string | null
}

/**
 * What to send to compare `frame`'s request with the other server:
 *
 * - a complete message, then the sentinel, unless the message ends the connection
 *   (`Connection: close`, HTTP/1.0 without keep-alive, CONNECT): node:http answers bytes after
 *   such a request with 400 instead of the response it owes, a difference of no interest;
 * - a malformed head up to its first empty line, then the sentinel;
 * - a malformed body: everything to the end of the stream, then the sentinel;
 * - a message cut short by the end of the stream: everything to the end, and no sentinel (it
 *   would be read as the rest of the message).
 *
 * @example
 * ```ts
 * const bytes = requestToCompare(stream, frames[0])
 * ```
 */
export function requestToCompare(stream: Uint8Array, frame: Frame): Uint8Array {
  switch (frame.kind) {
    case 'message': {
      const { head } = frame
      const ends = !head.keepAlive || head.mustClose || head.method.toString() === 'CONNECT'
      const bytes = stream.subarray(frame.start, frame.end)
      return ends ? bytes : concat([bytes, SENTINEL])
    }
    case 'bad-head': {
      const end = indexOf(stream, EMPTY_LINE, frame.start)
      return concat([stream.subarray(frame.start, end < 0 ? stream.length : end + 4), SENTINEL])
    }
    case 'bad-body':
      return concat([stream.subarray(frame.start), SENTINEL])
    case 'partial-head':
    case 'partial-body':
      return stream.subarray(frame.start)
  }
}

/**
 * Sends `bytes` at once, then a FIN, to both servers and compares their answers.
 *
 * @example
 * ```ts
 * const c = await compare(touche.port, node.port, requestToCompare(stream, frame), bounds)
 * if (c.key !== null) console.log(c.key)
 * ```
 */
export async function compare(
  touchePort: number,
  nodePort: number,
  bytes: Uint8Array,
  bounds: Bounds
): Promise<Comparison> {
  const [t, n] = await Promise.all([
    exchange(touchePort, [bytes], 'burst', bounds.caseMs),
    exchange(nodePort, [bytes], 'burst', bounds.caseMs),
  ])
  const touche = verdictOf(t.received, t.end)
  const node = verdictOf(n.received, n.end)
  return { touche, node, key: keyOf(touche, node) }
}

/** How a comparison was judged: agreement, a documented class, or a new disagreement. */
export type Judgement =
  | { readonly kind: 'agree' }
  | { readonly kind: 'known'; readonly cls: DisagreementClass }
  | { readonly kind: 'new'; readonly key: string; readonly detail: string }

/**
 * Judges a comparison of `bytes` (as sent, sentinel included) against the class table.
 *
 * @example
 * ```ts
 * const j = judge(bytes, await compare(t, n, bytes, bounds))
 * if (j.kind === 'new') fail(j.detail)
 * ```
 */
export function judge(bytes: Uint8Array, c: Comparison): Judgement {
  if (c.key === null) return { kind: 'agree' }
  const frame = frameRequests(bytes)[0]
  if (frame !== undefined) {
    const cls = classify({
      req: looseRequest(bytes),
      frame,
      touche: c.touche,
      node: c.node,
      key: c.key,
    })
    if (cls !== null) return { kind: 'known', cls }
  }
  const what =
    frame === undefined
      ? 'nothing'
      : frame.kind + ('error' in frame ? ` (${frame.error.kind})` : '')
  return {
    kind: 'new',
    key: `${c.key}; touche parsed ${what}`,
    detail: `${c.key}; touche parsed ${what}: ${escapeBytes(bytes, 300)}`,
  }
}

function verdictOf(received: Uint8Array, end: 'fin' | 'reset' | 'timeout'): Verdict {
  // Response framing needs the request's method only for HEAD and CONNECT; a differing method is
  // visible in the echo, so GET serves for both responses here except when the echo says HEAD.
  const first = readTranscript(received, ['GET', 'GET'], end)
  const methods =
    first.responses[0]?.echo?.startsWith('HEAD ') === true ? ['HEAD', 'GET'] : ['GET', 'GET']
  const t = methods[0] === 'HEAD' ? readTranscript(received, methods, end) : first
  const r = t.responses[0]
  const sentinel = t.responses.some((x) => x.echo === SENTINEL_ECHO)
  if (r === undefined) {
    const how =
      t.malformed !== null
        ? 'malformed answer'
        : end === 'timeout'
          ? 'no answer (open)'
          : 'no answer'
    return { verdict: how, status: null, echo: null, sentinel }
  }
  if (r.echo === SENTINEL_ECHO) return { verdict: 'no answer', status: null, echo: null, sentinel }
  const accepted = r.status < 400
  return {
    verdict: accepted ? 'accepts' : `rejects ${r.status}`,
    status: r.status,
    echo: accepted ? r.echo : null,
    sentinel,
  }
}

function keyOf(t: Verdict, n: Verdict): string | null {
  if (t.verdict !== n.verdict) return `touche ${t.verdict}, node ${n.verdict}`
  if (t.echo !== n.echo) {
    const [tm, tt, tl, tb] = (t.echo ?? '').split(' ')
    const [nm, nt, nl, nb] = (n.echo ?? '').split(' ')
    const what =
      tm !== nm ? 'method' : tt !== nt ? 'target' : tl !== nl || tb !== nb ? 'body' : 'echo'
    return `both accept, ${what} differs`
  }
  if (t.sentinel !== n.sentinel) {
    return `both ${t.verdict}, sentinel answered by ${t.sentinel ? 'touche' : 'node'} only`
  }
  return null
}
