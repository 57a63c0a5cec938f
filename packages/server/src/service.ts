import type { Request, Response, StatusCode } from '@touche/http-types'
import type { Body, BodyInit } from '@touche/body'
import type { ConnectionInfo } from './conn-info.js'

/**
 * What a handler may answer: a `Response` whose body is a `Body`, a string, bytes, a stream, an
 * async iterable or null, or a promise of one.
 *
 * @example
 * ```ts
 * const result: HandlerResult = Response.builder().body('ok')
 * ```
 */
export type HandlerResult = Response<BodyInit> | PromiseLike<Response<BodyInit>>

/**
 * A function from request to response (touché's `Service` as a closure).
 *
 * @example
 * ```ts
 * const hello: Handler = () => Response.builder().status(StatusCode.OK).body('Hello World')
 * ```
 */
export type Handler = (req: Request<Body>) => HandlerResult

/**
 * How a service answers `Expect: 100-continue`: `true` (or 100) lets the handler run and read
 * the body; `false` answers 417; any other status or a `Response` is sent as the final response
 * instead, without reading the body.
 *
 * @example
 * ```ts
 * const decision: ContinueDecision = StatusCode.CONTENT_TOO_LARGE
 * ```
 */
export type ContinueDecision = boolean | number | StatusCode | Response<BodyInit>

/**
 * The object form of a service: `call` handles requests; `shouldContinue` decides whether a
 * request that expects `100 Continue` may send its body (touché's `Service::should_continue`).
 *
 * @example
 * ```ts
 * const upload: ServiceObject = {
 *   shouldContinue: (req) =>
 *     Number(req.headers.get('content-length')) > 1e6 ? StatusCode.CONTENT_TOO_LARGE : true,
 *   call: async (req) => Response.builder().body(`got ${(await req.body.bytes()).length}`),
 * }
 * ```
 */
export interface ServiceObject {
  call(req: Request<Body>): HandlerResult
  shouldContinue?(req: Request<Body>): ContinueDecision | PromiseLike<ContinueDecision>
  /**
   * Never set. Every function has `call` (`Function.prototype.call`), so without this any
   * function, `() => 42` too, would pass for a service object; functions are `Handler`s.
   */
  readonly apply?: never
}

/**
 * A handler function or a service object.
 *
 * @example
 * ```ts
 * const service: Service = (req) => Response.builder().body(req.uri.path)
 * ```
 */
export type Service = Handler | ServiceObject

/**
 * Called once per connection to make that connection's service (touché's `make_service`), so
 * per-connection state lives in a closure.
 *
 * @example
 * ```ts
 * const perConnection: MakeService = (conn) => {
 *   let count = 0
 *   return () => Response.builder().body(`request ${++count} on connection ${conn.id}`)
 * }
 * ```
 */
export type MakeService = (conn: ConnectionInfo) => Service

/** @internal */
export function toServiceObject(service: Service): ServiceObject {
  return typeof service === 'function' ? { call: service } : service
}
