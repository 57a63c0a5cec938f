import { Body } from '@touche/body'
import type { BodyInit } from '@touche/body'
import { Method, Request, Uri } from '@touche/http-types'
import type { Response } from '@touche/http-types'
import { prepareRequest } from './client-role.js'
import type { PreparedRequest } from './client-role.js'
import type { ConnectSettings } from './connect.js'
import { ClientError } from './errors.js'
import { Exchange } from './exchange.js'
import type { SendOptions } from './exchange.js'
import {
  DEFAULT_CONNECT_TIMEOUT,
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_MAX_CONNECTIONS_PER_ORIGIN,
  atLeast,
  duration,
  resolveConnectionOptions,
} from './options.js'
import type { ClientOptions, ResolvedConnectionOptions } from './options.js'
import { originOf } from './origin.js'
import type { Origin } from './origin.js'
import { Pool } from './pool.js'

/**
 * A pooled HTTP/1.1 client (hyper-util's `Client`, undici's `Agent`): one pool of kept-alive
 * connections per origin (`http://`, `https://`, or a unix socket as
 * `http+unix://%2Fpath%2Fto.sock/`), requests and responses as `@touche/http-types` values with
 * `Body` bodies. Read or cancel every response body: an unread body holds its connection.
 *
 * @example
 * ```ts
 * import { Client } from '@touche/client'
 *
 * await using client = new Client({ maxConnectionsPerOrigin: 10 })
 * const res = await client.get('http://127.0.0.1:3000/')
 * console.log(res.status.code, await res.body.text())
 * ```
 */
export class Client implements AsyncDisposable {
  readonly #options: ResolvedConnectionOptions
  readonly #settings: ConnectSettings
  readonly #max: number
  readonly #pools = new Map<string, Pool>()
  readonly #onEmpty = (pool: Pool): void => {
    if (this.#pools.get(pool.origin.key) === pool) this.#pools.delete(pool.origin.key)
  }
  #closed = false

  constructor(options: ClientOptions = {}) {
    this.#options = resolveConnectionOptions(options, DEFAULT_IDLE_TIMEOUT)
    const proxy = options.proxy ?? null
    this.#settings = {
      connectTimeout: duration(options.connectTimeout, DEFAULT_CONNECT_TIMEOUT),
      tls: options.tls,
      proxy: proxy === null ? null : originOf(Uri.from(proxy)),
    }
    this.#max = atLeast(
      options.maxConnectionsPerOrigin,
      DEFAULT_MAX_CONNECTIONS_PER_ORIGIN,
      1,
      'maxConnectionsPerOrigin'
    )
  }

  /**
   * Sends a request to the origin of its absolute URI; resolves with the response once its head
   * has arrived (the body streams after).
   *
   * @example
   * ```ts
   * const res = await client.request(
   *   Request.put('http://127.0.0.1:3000/items/1').header('content-type', 'text/plain').body('x'),
   *   { signal: AbortSignal.timeout(5_000) }
   * )
   * ```
   */
  request(req: Request<BodyInit>, options?: SendOptions): Promise<Response<Body>> {
    if (options?.signal?.aborted === true) {
      return Promise.reject(
        new ClientError('ERR_CLIENT_CANCELED', { cause: options.signal.reason })
      )
    }
    if (this.#closed) return Promise.reject(new ClientError('ERR_CLIENT_CLOSED'))
    let origin: Origin
    let prepared: PreparedRequest
    try {
      origin = originOf(req.uri)
      prepared = prepareRequest(req, this.#target(req, origin), this.#options.keepAlive)
    } catch (error) {
      return Promise.reject(error)
    }
    let pool = this.#pools.get(origin.key)
    if (pool === undefined) {
      pool = new Pool(origin, this.#options, this.#settings, this.#max, this.#onEmpty)
      this.#pools.set(origin.key, pool)
    }
    const target = pool
    return new Promise((resolve, reject) => {
      target.dispatch(new Exchange(prepared, options, resolve, reject))
    })
  }

  /**
   * `GET url`.
   *
   * @example
   * ```ts
   * const page = await (await client.get('http://127.0.0.1:3000/')).body.text()
   * ```
   */
  get(url: string | Uri, options?: SendOptions): Promise<Response<Body>> {
    let req: Request<null>
    try {
      req = new Request(null, { uri: typeof url === 'string' ? Uri.from(url) : url })
    } catch (error) {
      return Promise.reject(invalidUrl(url, error))
    }
    return this.request(req, options)
  }

  /**
   * `POST url` with `body` (a string, bytes, a stream, an iterable or a `Body`).
   *
   * @example
   * ```ts
   * const res = await client.post('http://127.0.0.1:3000/echo', JSON.stringify({ a: 1 }))
   * ```
   */
  post(url: string | Uri, body: BodyInit, options?: SendOptions): Promise<Response<Body>> {
    let req: Request<Body>
    try {
      const uri = typeof url === 'string' ? Uri.from(url) : url
      req = new Request(Body.from(body), { method: Method.POST, uri })
    } catch (error) {
      return Promise.reject(invalidUrl(url, error))
    }
    return this.request(req, options)
  }

  /**
   * Stops taking requests, lets those sent finish, and closes every connection; resolves when
   * they are closed.
   *
   * @example
   * ```ts
   * await client.close()
   * ```
   */
  async close(): Promise<void> {
    this.#closed = true
    await Promise.all([...this.#pools.values()].map((p) => p.close()))
    this.#pools.clear()
  }

  /**
   * Closes every connection now; requests in flight or waiting fail with `ERR_CLIENT_CANCELED`.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', () => client.destroy())
   * ```
   */
  destroy(): void {
    this.#closed = true
    const error = new ClientError('ERR_CLIENT_CANCELED', { message: 'the client was destroyed' })
    for (const pool of this.#pools.values()) pool.destroy(error)
    this.#pools.clear()
  }

  /**
   * `await using client = new Client()` closes it gracefully at the end of the scope.
   *
   * @example
   * ```ts
   * await using client = new Client()
   * ```
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close()
  }

  /** The request-target: origin-form, or absolute-form for http through a proxy (RFC 9112 §3.2.2). */
  #target(req: Request<BodyInit>, origin: Origin): { target: string; host: string } {
    const uri = req.uri
    if (req.method === Method.CONNECT) return { target: origin.authority, host: origin.authority }
    if (this.#settings.proxy !== null && !origin.secure && origin.socketPath === null) {
      return { target: uri.toString(), host: origin.authority }
    }
    return { target: uri.pathAndQuery, host: origin.authority }
  }
}

/** What `get` and `post` reject with for a URL that does not parse. */
function invalidUrl(url: string | Uri, cause: unknown): ClientError {
  return new ClientError('ERR_CLIENT_INVALID_REQUEST', {
    message: `not an absolute http://, https:// or http+unix:// URL: ${String(url)}`,
    cause,
  })
}
