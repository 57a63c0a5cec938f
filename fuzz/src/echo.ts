/**
 * What the fuzzed servers answer, decided from the request alone, so the harness can predict
 * every response: the server under test (touche) and the reference (node:http) run the same
 * rules, and the model computes them from the bytes it sent.
 *
 * Every response carries `x-echo: METHOD target-hash body-length body-hash`, which ties it to
 * one request (the order oracle) and proves the body arrived intact (the framing oracle). The
 * target's hash picks one of four response shapes, so the fuzz run covers each writer path.
 */
import { fnv1a, latin1 } from './bytes.js'

/**
 * The response shapes: `fixed` (Content-Length), `stream` (a body of unknown length: chunked, or
 * close-delimited for HTTP/1.0), `no-content` (204), `delayed` (fixed, after a timer, so later
 * pipelined handlers finish first).
 */
export type EchoShape = 'fixed' | 'stream' | 'no-content' | 'delayed'

const SHAPES: readonly EchoShape[] = ['fixed', 'stream', 'no-content', 'delayed']

/** How long a `delayed` response waits, in ms. */
export const ECHO_DELAY_MS = 2

/** The answer to one request. */
export interface EchoPlan {
  readonly shape: EchoShape
  readonly status: 200 | 204
  /** The `x-echo` field value. */
  readonly echo: string
  /** The body text of `fixed`, `stream` and `delayed` responses (`echo` and a newline). */
  readonly body: string
}

/**
 * The answer to a request with this method, request-target (as received, latin1) and body.
 *
 * @example
 * ```ts
 * echoPlan('GET', '/', new Uint8Array()).echo // 'GET 1e2f... 0 811c9dc5'
 * ```
 */
export function echoPlan(method: string, target: string, body: Uint8Array): EchoPlan {
  const targetHash = fnv1a(latin1(target))
  const shape = SHAPES[parseInt(targetHash.slice(-2), 16) % SHAPES.length]!
  const echo = `${method} ${targetHash} ${body.length} ${fnv1a(body)}`
  return { shape, status: shape === 'no-content' ? 204 : 200, echo, body: `${echo}\n` }
}
