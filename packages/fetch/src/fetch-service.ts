import type { Body, HandlerResult, Request, ServiceObject } from '@touche/server'
import { FetchEnv } from './env.js'
import { fromWebResponse } from './from-web-response.js'
import { toWebRequest } from './request.js'

/**
 * A fetch-style handler: Hono's `app.fetch`, or any `(request, env) => Response`.
 *
 * @example
 * ```ts
 * const handler: FetchHandler = (req) => new Response(`you asked for ${new URL(req.url).pathname}`)
 * ```
 */
export type FetchHandler = (
  request: globalThis.Request,
  env: FetchEnv
) => globalThis.Response | PromiseLike<globalThis.Response>

/**
 * Turns a fetch handler into a touche service, for `Server.builder()...serve(...)`,
 * `serveConnection`, or a per-connection `makeService`. Each request becomes a lazy WHATWG
 * `Request` (nothing is built until the app reads it) and each `Response` a touche response
 * without copying its body. A handler that throws or rejects, or returns something that is not a
 * `Response`, gets the server's 500 and reaches its `onError`.
 *
 * @example
 * ```ts
 * import { Server } from '@touche/server'
 * import { fetchService } from '@touche/fetch'
 * import { Hono } from 'hono'
 * const app = new Hono().get('/', (c) => c.text('Hello Hono'))
 * await Server.bind('127.0.0.1:3000').serve(fetchService(app.fetch))
 * ```
 */
export function fetchService(fetch: FetchHandler): ServiceObject {
  return {
    call(req: Request<Body>): HandlerResult {
      const res = fetch(toWebRequest(req), new FetchEnv(req))
      if (isThenable(res)) return res.then(fromWebResponse)
      return fromWebResponse(res)
    },
  }
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PromiseLike<T>).then === 'function'
  )
}
