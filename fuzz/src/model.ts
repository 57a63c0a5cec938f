/**
 * The server-side model: from the bytes a client sends (followed by its FIN), the responses a
 * correct touche server owes, in order, and where it closes. It is written from the documented
 * behaviour (RFC 9112 and packages/server/README.md), not from the server's code:
 *
 * - a complete request is answered (the echo service reads its whole body first);
 * - a malformed head or body gets the parse error's status, after the responses owed to the
 *   requests before it, and then the connection closes (RFC 9112 §9.3.2: no later request);
 * - `Connection: close`, HTTP/1.0 without keep-alive, a close-delimited response and a 2xx
 *   answer to CONNECT end the connection after that response;
 * - a stream that ends inside a head gets no response; one that ends inside a body may get 400
 *   (the handler's body read fails) or none;
 * - interim 1xx responses (100 Continue) may precede any final response and are not counted.
 */
import { Method, Version } from '@touche/http-types'
import { echoPlan } from './echo.js'
import type { EchoPlan } from './echo.js'
import { frameRequests } from './request-frames.js'
import type { Frame } from './request-frames.js'

/** One final response the server owes. */
export interface ExpectedResponse {
  /** The request's method, which decides whether the response has a body (HEAD, CONNECT). */
  readonly method: string
  readonly status: number
  /** The `x-echo` value of an answered request; null for an error response. */
  readonly echo: string | null
  /** Why this response is owed, for failure reports. */
  readonly why: string
  /**
   * `must`: the server closes after it; `may`: it may close after it (then nothing more is owed);
   * `no`: the connection stays open.
   */
  readonly close: 'must' | 'may' | 'no'
  /** The response may be missing altogether (then the connection closes instead). */
  readonly optional: boolean
}

/** Everything a correct server does with one connection's input. */
export interface Expectation {
  readonly frames: readonly Frame[]
  readonly responses: readonly ExpectedResponse[]
}

/**
 * The expected answers to `stream`, sent in full and followed by the client's FIN.
 *
 * @example
 * ```ts
 * const exp = expectResponses(latin1('GET / HTTP/1.1\r\nHost: a\r\n\r\nBAD\r\n\r\n'))
 * exp.responses.map((r) => r.status) // [200, 400]
 * ```
 */
export function expectResponses(stream: Uint8Array): Expectation {
  const frames = frameRequests(stream)
  const responses: ExpectedResponse[] = []
  for (const [i, frame] of frames.entries()) {
    const why = `request ${i} (${frame.kind}) at byte ${frame.start}`
    switch (frame.kind) {
      case 'message': {
        const { head } = frame
        const method = head.method.toString()
        const plan = echoPlan(method, head.target, frame.body)
        const close = closeAfter(frame, plan)
        responses.push({
          method,
          status: plan.status,
          echo: plan.echo,
          why,
          close,
          optional: false,
        })
        if (close === 'must') return { frames, responses }
        break
      }
      case 'bad-head':
      case 'bad-body': {
        const why2 = `${why}: ${frame.error.kind}`
        const method = frame.kind === 'bad-body' ? frame.head.method.toString() : 'GET'
        responses.push({
          method,
          status: frame.error.status,
          echo: null,
          why: why2,
          close: 'must',
          optional: false,
        })
        return { frames, responses }
      }
      case 'partial-body':
        responses.push({
          method: frame.head.method.toString(),
          status: 400,
          echo: null,
          why: `${why}: the stream ended inside the body`,
          close: 'must',
          optional: true,
        })
        return { frames, responses }
      case 'partial-head':
        return { frames, responses }
    }
  }
  return { frames, responses }
}

/** Whether the connection ends after answering `frame` (RFC 9112 §9.3, §9.6; RFC 9110 §9.3.6). */
function closeAfter(
  frame: Extract<Frame, { kind: 'message' }>,
  plan: EchoPlan
): ExpectedResponse['close'] {
  const { head } = frame
  // A 2xx answer to CONNECT turns the connection into a tunnel; the echo service has no tunnel
  // handler, so the server closes after the head.
  if (head.method === Method.CONNECT) return 'must'
  if (!head.keepAlive || head.mustClose) return 'must'
  if (head.version === Version.HTTP_10 && plan.shape === 'stream') {
    // A body of unknown length to HTTP/1.0 is close-delimited; to HEAD there is no body, and
    // whether the server keeps such a connection is its choice.
    return head.method === Method.HEAD ? 'may' : 'must'
  }
  return 'no'
}
