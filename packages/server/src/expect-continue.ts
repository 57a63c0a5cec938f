import { writeResponseHead } from '@touche/h1'
import { HeaderMap, Response, StatusCode, Version } from '@touche/http-types'
import type { Request } from '@touche/http-types'
import type { Body, BodyInit } from '@touche/body'
import type { Exchange } from './exchange.js'
import { errorResponse } from './server-role.js'
import type { ContinueDecision, ServiceObject } from './service.js'

/**
 * `Expect: 100-continue` (RFC 9110 §10.1.1), all of it but the writing, which the dispatcher does
 * in request order. A client that sends it waits for `100 Continue` before it sends the body. The
 * service's `shouldContinue` may answer first (`askContinue`); otherwise the handler runs, and the
 * 100 goes out when it first reads the body, or just before the final head when it took the body
 * without reading it yet (to stream it back); never after the final head (`wantsContinue`). A body
 * whose 100 was never sent may or may not come, so it is never drained (`Exchange.clientMaySend`).
 */
export const CONTINUE_HEAD = writeResponseHead({
  status: StatusCode.CONTINUE,
  version: Version.HTTP_11,
  headers: new HeaderMap(),
})

/**
 * Whether a `100 Continue` should be written for `ex` now: its client waits for one, none was
 * sent, the final head is not out, and the body is still to come.
 */
export function wantsContinue(ex: Exchange): boolean {
  if (!ex.expectsContinue || ex.continueSent || ex.headWritten) return false
  const body = ex.incoming
  return body !== null && !body.isDone
}

/**
 * Whether the handler took the request body without reading it yet (it is the response body, or
 * a stream of it was made): its client is then told to send it before the final head.
 */
export function tookBody(ex: Exchange): boolean {
  const req = ex.request
  return req !== null && (req.body.bodyUsed || ex.response.body === req.body)
}

/** What `shouldContinue` decided: run the handler, or answer with this response instead. */
export type ContinueOutcome =
  { readonly kind: 'invoke' } | { readonly kind: 'respond'; readonly response: Response<BodyInit> }

const INVOKE: ContinueOutcome = { kind: 'invoke' }

/**
 * Asks the service's `shouldContinue` about a request that expects 100: `true` (or 100) runs the
 * handler; `false` answers 417; any other status or a `Response` is the final response, and the
 * body is never read. A throw or rejection reaches `onError`.
 */
export function askContinue(
  service: ServiceObject,
  req: Request<Body>,
  onOutcome: (outcome: ContinueOutcome) => void,
  onError: (error: unknown) => void
): void {
  let decision: ContinueDecision | PromiseLike<ContinueDecision>
  try {
    decision = service.shouldContinue!(req)
  } catch (error) {
    onError(error)
    return
  }
  if (typeof decision === 'object' && 'then' in decision && typeof decision.then === 'function') {
    decision.then((d) => decide(d, onOutcome, onError), onError)
  } else {
    decide(decision as ContinueDecision, onOutcome, onError)
  }
}

function decide(
  d: ContinueDecision,
  onOutcome: (outcome: ContinueOutcome) => void,
  onError: (error: unknown) => void
): void {
  if (d === true || d === 100 || d === StatusCode.CONTINUE) {
    onOutcome(INVOKE)
    return
  }
  if (d instanceof Response) {
    onOutcome({ kind: 'respond', response: d as Response<BodyInit> })
    return
  }
  let status: StatusCode
  try {
    status =
      d === false ? StatusCode.EXPECTATION_FAILED : typeof d === 'number' ? StatusCode.from(d) : d
  } catch (error) {
    onError(error)
    return
  }
  onOutcome({ kind: 'respond', response: errorResponse(status) })
}
