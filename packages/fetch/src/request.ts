import { connectionOf } from '@touche/server'
import type { ConnectionInfo } from '@touche/server'
import type { Body, Request as ToucheRequest } from '@touche/server'

const GlobalRequest = globalThis.Request

/** Request fields read from the real `Request`, made the first time one of them is read. */
const DELEGATED = [
  'cache',
  'credentials',
  'destination',
  'integrity',
  'mode',
  'redirect',
  'referrer',
  'referrerPolicy',
  'keepalive',
  'duplex',
] as const

let realOf: (request: LazyRequest) => globalThis.Request
let isLazy: (value: unknown) => value is LazyRequest

/**
 * A WHATWG `Request` over a touche request that makes nothing it is not asked for (in the manner
 * of `@hono/node-server`'s lightweight request): `method` and `url` are strings, `headers` is
 * built on first read in one pass over the fields, `text()`, `json()`, `arrayBuffer()`, `bytes()`
 * and `blob()` read the touche body directly, and a real `Request` is made only for what needs
 * one (`formData()`, `clone()`, `cache`, ...). It is an `instanceof Request`.
 */
class LazyRequest {
  readonly #req: ToucheRequest<Body>
  #url: string | null = null
  #headers: Headers | null = null
  #stream: ReadableStream<Uint8Array> | null = null
  #real: globalThis.Request | null = null
  #used = false

  static {
    realOf = (request) => request.#realRequest()
    isLazy = (value): value is LazyRequest =>
      typeof value === 'object' && value !== null && #req in value
  }

  constructor(req: ToucheRequest<Body>) {
    this.#req = req
  }

  get method(): string {
    return this.#req.method.toString()
  }

  get url(): string {
    return (this.#url ??= urlOf(this.#req))
  }

  get headers(): Headers {
    if (this.#real !== null) return this.#real.headers
    return (this.#headers ??= this.#req.headers.toHeaders())
  }

  get signal(): AbortSignal {
    return this.#req.extensions.get(AbortSignal)!
  }

  /** The body as a stream, or null for GET and HEAD (which have none in fetch). */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#real !== null) return this.#real.body
    if (!hasBody(this.method)) return null
    return (this.#stream ??= this.#req.body.stream() as ReadableStream<Uint8Array>)
  }

  get bodyUsed(): boolean {
    if (this.#real !== null) return this.#real.bodyUsed
    return this.#used || (this.#stream !== null && this.#stream.locked)
  }

  text(): Promise<string> {
    return this.#direct((body) => body.text(), 'text')
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#direct(async (body) => copyOut(await body.bytes()), 'arrayBuffer')
  }

  bytes(): Promise<Uint8Array> {
    return this.#direct((body) => body.bytes(), 'bytes')
  }

  blob(): Promise<Blob> {
    return this.#direct(async (body) => {
      const type = this.headers.get('content-type') ?? ''
      return new Blob([copyOut(await body.bytes())], { type })
    }, 'blob')
  }

  formData(): Promise<FormData> {
    return this.#realRequest().formData()
  }

  clone(): globalThis.Request {
    return this.#realRequest().clone()
  }

  /** Reads the body from touche without making a real `Request`, unless one exists already. */
  #direct<T>(
    read: (body: Body) => Promise<T>,
    name: 'text' | 'arrayBuffer' | 'bytes' | 'blob'
  ): Promise<T> {
    const real = this.#real
    if (real !== null)
      return (real as unknown as Record<string, () => Promise<T>>)[name]!.call(real)
    if (this.bodyUsed)
      return Promise.reject(new TypeError('Body is unusable: it has already been read'))
    this.#used = true
    if (!hasBody(this.method)) return read(EMPTY)
    return read(this.#req.body)
  }

  #realRequest(): globalThis.Request {
    if (this.#real !== null) return this.#real
    const method = this.method
    const init: RequestInit & { duplex?: 'half' } = {
      method,
      headers: this.headers,
      signal: this.signal,
    }
    if (hasBody(method)) {
      // A body read directly already is gone: the real request gets an empty one.
      init.body = this.#used ? new Uint8Array(0) : this.body
      init.duplex = 'half'
    }
    return (this.#real = new GlobalRequest(this.url, init))
  }
}

for (const name of DELEGATED) {
  Object.defineProperty(LazyRequest.prototype, name, {
    get(this: LazyRequest) {
      return (realOf(this) as unknown as Record<string, unknown>)[name]
    },
  })
}
Object.setPrototypeOf(LazyRequest.prototype, GlobalRequest.prototype)

const EMPTY_TEXT = Promise.resolve('')

/** What a GET or HEAD request reads: nothing, in every form. */
const EMPTY = {
  text: () => EMPTY_TEXT,
  bytes: () => Promise.resolve(new Uint8Array(0)),
} as unknown as Body

/**
 * The WHATWG `Request` for a touche request, made lazily: nothing (no `URL`, `Headers` or stream)
 * exists until the application reads it. The URL's scheme comes from the connection (https over
 * TLS), its authority from an absolute-form target or the Host field, and its path and query are
 * exactly as received.
 *
 * @example
 * ```ts
 * import { toWebRequest } from '@touche/fetch'
 * const service = async (req) => {
 *   const request = toWebRequest(req)
 *   return fromWebResponse(await app.fetch(request))
 * }
 * ```
 */
export function toWebRequest(req: ToucheRequest<Body>): globalThis.Request {
  return new LazyRequest(req) as unknown as globalThis.Request
}

/**
 * The real `Request` behind a lazy one (made now if it was not yet), or `value` itself.
 *
 * @example
 * ```ts
 * const real = unwrapRequest(c.req.raw)
 * ```
 */
export function unwrapRequest<T>(value: T): T | globalThis.Request {
  return isLazy(value) ? realOf(value) : value
}

/** Whether `value` is a request made by {@link toWebRequest}. */
export function isLazyRequest(value: unknown): boolean {
  return isLazy(value)
}

/** RFC 9110 §9.3.1, §9.3.2 and the fetch standard: GET and HEAD requests carry no body. */
function hasBody(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD'
}

function urlOf(req: ToucheRequest<Body>): string {
  const uri = req.uri
  const target = uri.toString()
  const form = uri.form
  // RFC 9112 §3.2.2: an absolute-form target is the whole URL.
  if (form === 'absolute') return target
  const info = connectionOf(req)
  const scheme = info?.encrypted === true ? 'https://' : 'http://'
  const authority = req.headers.get('host') ?? localAuthority(info)
  if (form === 'origin') return scheme + authority + target
  // The authority-form of CONNECT and the asterisk of OPTIONS have no path: the URL gets '/'.
  return scheme + (form === 'authority' ? target : authority) + '/'
}

function localAuthority(info: ConnectionInfo | undefined): string {
  const host = info?.localAddress
  if (host === undefined) return 'localhost'
  const name = host.includes(':') ? `[${host}]` : host
  return info?.localPort === undefined ? name : `${name}:${String(info.localPort)}`
}

/** The bytes in an `ArrayBuffer` of their own (a view may share a larger buffer). */
function copyOut(bytes: Uint8Array): ArrayBuffer {
  const buffer = bytes.buffer
  if (
    buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === buffer.byteLength
  ) {
    return buffer
  }
  return buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}
