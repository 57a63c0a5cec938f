import type { RequestInfo, RequestInit } from 'undici-types'
import { isLazyRequest, unwrapRequest } from './request.js'
import { LightResponse } from './response.js'

const GlobalRequest = globalThis.Request
const GlobalResponse = globalThis.Response

/**
 * The global `Request` while light objects are installed: the platform's, except that it accepts
 * a lazy request as its input (by making the real one behind it), and that a lazy request is an
 * `instanceof` it.
 */
class Request extends GlobalRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(
      isLazyRequest(input) ? (unwrapRequest(input) as globalThis.Request) : input,
      halfDuplex(init)
    )
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(GlobalRequest, value)
  }
}

/** A streamed request body needs `duplex: 'half'` in Node; apps written for Bun omit it. */
function halfDuplex(init: RequestInit | undefined): RequestInit | undefined {
  const body = init?.body as { getReader?: unknown } | null | undefined
  if (body == null || typeof body.getReader !== 'function') return init
  return { duplex: 'half', ...init } as RequestInit
}

/**
 * Installs the light `Response` (and a `Request` that accepts lazy requests) as the globals, so
 * that `new Response('hi')` in a fetch app is written without a stream, as `@hono/node-server`
 * does with its `overrideGlobalObjects` (on by default there too). Idempotent; `serve()` calls
 * it unless `overrideGlobalObjects` is false.
 *
 * @example
 * ```ts
 * import { useLightGlobals } from '@touche/fetch'
 * useLightGlobals()
 * new Response('hi') instanceof Response // true, and cheap
 * ```
 */
export function useLightGlobals(): void {
  if (globalThis.Response === GlobalResponse) {
    globalThis.Response = LightResponse as unknown as typeof globalThis.Response
  }
  if (globalThis.Request === GlobalRequest) {
    globalThis.Request = Request as unknown as typeof globalThis.Request
  }
}

/**
 * Puts the platform's `Request` and `Response` back.
 *
 * @example
 * ```ts
 * restoreGlobals()
 * ```
 */
export function restoreGlobals(): void {
  globalThis.Response = GlobalResponse
  globalThis.Request = GlobalRequest
}
