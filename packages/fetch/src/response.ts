import type { BodyInit, HeadersInit, ResponseInit, ResponseType } from 'undici-types'

const GlobalResponse = globalThis.Response

/** The Content-Type the fetch standard gives a string body (Fetch §body "extract"). */
export const TEXT_PLAIN = 'text/plain;charset=UTF-8'
/** The Content-Type the fetch standard gives a `URLSearchParams` body. */
export const FORM_URLENCODED = 'application/x-www-form-urlencoded;charset=UTF-8'

/** A light response as it was made: what a server needs to write it without a real one. */
export interface LightParts {
  readonly status: number
  readonly body: BodyInit | null
  readonly headers: HeadersInit | undefined
}

let partsOf: (value: unknown) => LightParts | null

/**
 * A WHATWG `Response` that keeps its body and init as given and makes a real `Response` only
 * when something other than a server reads it (`body`, `text()`, `clone()`, ...), as
 * `@hono/node-server` does: a string or bytes answer is then written with no stream at all. It is
 * an `instanceof Response`, and `instanceof` it holds for real responses too. Installed as the
 * global `Response` by `serve()` unless `overrideGlobalObjects` is false.
 *
 * @example
 * ```ts
 * import { LightResponse } from '@touche/fetch'
 * const res = new LightResponse('hi', { headers: { 'x-a': '1' } })
 * res.status // 200
 * ```
 */
export class LightResponse {
  readonly #body: BodyInit | null
  readonly #init: ResponseInit | undefined
  #headers: Headers | null = null
  #real: globalThis.Response | null = null

  static {
    partsOf = (value) => {
      if (typeof value !== 'object' || value === null || !(#real in value)) return null
      if (value.#real !== null) return null
      return {
        status: value.#init?.status ?? 200,
        body: value.#body,
        headers: value.#headers ?? value.#init?.headers,
      }
    }
  }

  constructor(body?: BodyInit | null, init?: ResponseInit) {
    this.#body = body ?? null
    this.#init = init
    // What the fetch standard refuses (a status outside 200-599, a body on 204/205/304) and
    // bodies only a real Response knows how to serialise (FormData) are made real at once.
    const status = init?.status
    if (
      (status !== undefined && !(Number.isInteger(status) && status >= 200 && status <= 599)) ||
      (this.#body !== null &&
        (status === 204 || status === 205 || status === 304 || this.#body instanceof FormData))
    ) {
      this.#real = new GlobalResponse(body, init)
    }
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(GlobalResponse, value)
  }

  static json(data: unknown, init?: ResponseInit): globalThis.Response {
    const headers = new Headers(init?.headers)
    if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    return new LightResponse(JSON.stringify(data), {
      ...init,
      headers,
    }) as unknown as globalThis.Response
  }

  static error(): globalThis.Response {
    return GlobalResponse.error()
  }

  static redirect(url: string | URL, status?: number): globalThis.Response {
    return GlobalResponse.redirect(
      url,
      (status ?? 302) as Parameters<typeof GlobalResponse.redirect>[1]
    )
  }

  get status(): number {
    return this.#real?.status ?? this.#init?.status ?? 200
  }

  get ok(): boolean {
    const status = this.status
    return status >= 200 && status < 300
  }

  get statusText(): string {
    return this.#real?.statusText ?? this.#init?.statusText ?? ''
  }

  get headers(): Headers {
    if (this.#real !== null) return this.#real.headers
    if (this.#headers === null) {
      const headers = new Headers(this.#init?.headers)
      const type = defaultContentType(this.#body)
      if (type !== null && !headers.has('content-type')) headers.set('content-type', type)
      this.#headers = headers
    }
    return this.#headers
  }

  get type(): ResponseType {
    return this.#real?.type ?? 'default'
  }

  get url(): string {
    return this.#real?.url ?? ''
  }

  get redirected(): boolean {
    return this.#real?.redirected ?? false
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#realResponse().body
  }

  get bodyUsed(): boolean {
    return this.#real?.bodyUsed ?? false
  }

  text(): Promise<string> {
    return this.#realResponse().text()
  }

  json(): Promise<unknown> {
    return this.#realResponse().json() as Promise<unknown>
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#realResponse().arrayBuffer()
  }

  blob(): Promise<Blob> {
    return this.#realResponse().blob()
  }

  formData(): Promise<FormData> {
    return this.#realResponse().formData()
  }

  clone(): globalThis.Response {
    return this.#realResponse().clone()
  }

  #realResponse(): globalThis.Response {
    if (this.#real !== null) return this.#real
    const init = this.#init
    return (this.#real = new GlobalResponse(this.#body, {
      status: init?.status ?? 200,
      statusText: init?.statusText ?? '',
      headers: this.headers,
    }))
  }
}
Object.setPrototypeOf(LightResponse.prototype, GlobalResponse.prototype)
Object.setPrototypeOf(LightResponse, GlobalResponse)

/**
 * The status, body and headers init of a light response that nothing has made real yet; null
 * for any other response (read it through the WHATWG API).
 */
export function lightParts(value: unknown): LightParts | null {
  return partsOf(value)
}

/** The Content-Type the fetch standard gives a body of this kind, if any. */
export function defaultContentType(body: BodyInit | null): string | null {
  if (typeof body === 'string') return TEXT_PLAIN
  if (body instanceof URLSearchParams) return FORM_URLENCODED
  if (body instanceof Blob && body.type !== '') return body.type
  return null
}
