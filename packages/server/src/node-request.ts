import type { Duplex } from 'node:stream'
import type { Body } from '@touche/body'
import type { Request } from '@touche/http-types'

/**
 * Fields node:http keeps only the first value of when a request repeats them
 * (`IncomingMessage#_addHeaderLine`): a second value is dropped.
 */
const FIRST_ONLY = new Set([
  'age',
  'authorization',
  'content-length',
  'content-type',
  'etag',
  'expires',
  'from',
  'host',
  'if-modified-since',
  'if-unmodified-since',
  'last-modified',
  'location',
  'max-forwards',
  'proxy-authorization',
  'referer',
  'retry-after',
  'server',
  'user-agent',
])

/**
 * A request in the shape of node:http's `IncomingMessage`, for the libraries written against the
 * `'upgrade'` and `'connect'` events (`ws`, `@hono/node-ws`, proxies): `method`, `url` (the
 * request-target as received), `httpVersion`, `headers` (lower-case names, repeated values joined
 * as node:http joins them: `set-cookie` an array, `cookie` joined with `; `, fields such as `host`
 * keeping their first value, the rest joined with `, `), `rawHeaders`, and the `socket`. Made on
 * demand from the touche request; the touche request itself is `touche`.
 *
 * @example
 * ```ts
 * handle.on('upgrade', (req: NodeRequest, socket, head) => {
 *   req.headers['sec-websocket-key'] // as node:http gives it
 * })
 * ```
 */
export class NodeRequest {
  readonly method: string
  readonly url: string
  readonly httpVersion: string
  readonly httpVersionMajor: number
  readonly httpVersionMinor: number
  /** Field names in lower case; see the class notes for repeated fields. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly trailers: Readonly<Record<string, string>> = {}
  readonly rawTrailers: readonly string[] = []
  /** The whole head has arrived (node:http's meaning for an upgrade request). */
  readonly complete = true
  readonly aborted = false
  readonly socket: Duplex
  /** The touche request this one was made from. */
  readonly touche: Request<Body>
  #raw: string[] | null = null

  constructor(request: Request<Body>, socket: Duplex) {
    this.touche = request
    this.socket = socket
    this.method = request.method.toString()
    this.url = request.uri.toString()
    const version = request.version
    this.httpVersionMajor = version.major
    this.httpVersionMinor = version.minor
    this.httpVersion = `${String(version.major)}.${String(version.minor)}`
    // A plain object, as node:http's (fast properties, unlike `Object.create(null)`).
    const headers: Record<string, string | string[]> = {}
    request.headers.forEach((value, name) => addHeaderLine(headers, name, value))
    this.headers = headers
  }

  /**
   * `[name, value, name, value, ...]` as received, names in their original case; made on first
   * use (most libraries read `headers` only).
   */
  get rawHeaders(): readonly string[] {
    if (this.#raw === null) {
      const raw: string[] = (this.#raw = [])
      this.touche.headers.forEachRaw((value, name) => raw.push(name, value))
    }
    return this.#raw
  }

  /** node:http's alias of `socket`. */
  get connection(): Duplex {
    return this.socket
  }
}

/** One field line into node:http's `headers` object, by its rules. */
function addHeaderLine(
  headers: Record<string, string | string[]>,
  name: string,
  value: string
): void {
  // The only lower-case names Object.prototype answers to: fields like any other here.
  if (name === 'constructor' || name === '__proto__') {
    addInherited(headers, name, value)
    return
  }
  const existing = headers[name]
  if (name === 'set-cookie') {
    if (existing === undefined) headers[name] = [value]
    else (existing as string[]).push(value)
    return
  }
  if (existing === undefined) {
    headers[name] = value
    return
  }
  if (FIRST_ONLY.has(name)) return
  headers[name] = existing + (name === 'cookie' ? '; ' : ', ') + value
}

/** `constructor` and `__proto__`, which a plain object's prototype answers to, as own fields. */
function addInherited(
  headers: Record<string, string | string[]>,
  name: string,
  value: string
): void {
  const existing = Object.hasOwn(headers, name) ? (headers[name] as string) : undefined
  const joined = existing === undefined ? value : `${existing}, ${value}`
  Object.defineProperty(headers, name, {
    value: joined,
    writable: true,
    enumerable: true,
    configurable: true,
  })
}
