import type { TlsOptions } from 'node:tls'
import type { Limits } from '@touche/h1'
import { parseAddr } from './listen.js'
import type { ListenSpec } from './listen.js'
import { resolveOptions } from './options.js'
import type { ServerOptions, ServerOptionsInit } from './options.js'
import { RequestQueue } from './request-queue.js'
import { ServerHandle } from './server-handle.js'
import type { MakeService, Service } from './service.js'

/**
 * Options of `serve` / `makeService` that are about the listener's life, not the protocol.
 *
 * @example
 * ```ts
 * const ac = new AbortController()
 * await Server.bind(':8080').serve(handler, { signal: ac.signal })
 * ac.abort() // graceful close
 * ```
 */
export interface ServeOptions {
  /** Aborting it closes the server gracefully (as `close()`). */
  readonly signal?: AbortSignal
}

/**
 * Options of `listen`: the listener's life, and the queue of requests not yet taken.
 *
 * @example
 * ```ts
 * const server = await Server.bind(':8080').listen({ capacity: 128 })
 * ```
 */
export interface ListenOptions extends ServeOptions {
  /**
   * Requests waiting to be taken before the server stops reading new connections (default
   * `DEFAULT_INCOMING_CAPACITY`, 64).
   */
  readonly capacity?: number
}

/**
 * The entry point, as in touché: `Server.bind(addr).serve(handler)`, or `Server.builder()` to
 * set options first.
 *
 * @example
 * ```ts
 * import { Server, Response, StatusCode } from '@touche/server'
 * Server.bind('0.0.0.0:4444').serve(() =>
 *   Response.builder().status(StatusCode.OK).body('Hello World')
 * )
 * ```
 */
export class Server {
  /**
   * A builder with default options, bound to a TCP address (`'host:port'`, `':port'` or a port).
   *
   * @example
   * ```ts
   * const server = await Server.bind('127.0.0.1:0').serve(handler)
   * ```
   */
  static bind(addr: string | number): ServerBuilder {
    return new ServerBuilder().bind(addr)
  }

  /**
   * A builder to set options on before binding.
   *
   * @example
   * ```ts
   * Server.builder().keepAliveTimeout(10_000).maxPipelinedRequests(32).bind(':8080').serve(handler)
   * ```
   */
  static builder(): ServerBuilder {
    return new ServerBuilder()
  }
}

/**
 * Collects options and a listen address, then serves. Each option setter documents its default
 * in `options.ts` (`DEFAULT_*` constants).
 *
 * @example
 * ```ts
 * const server = await Server.builder()
 *   .headerReadTimeout(10_000)
 *   .onError((err) => log.warn(err.code))
 *   .bindTls(':8443', { key, cert })
 *   .serve(handler)
 * ```
 */
export class ServerBuilder {
  #init: { -readonly [K in keyof ServerOptionsInit]: ServerOptionsInit[K] } = {}
  #spec: ListenSpec | null = null
  #reusePort = false

  /** Time for a whole request head (default 30 s); then 408 and close. */
  headerReadTimeout(ms: number): this {
    return this.#set('headerReadTimeout', ms)
  }
  /** Idle time between keep-alive requests (default 5 s). */
  keepAliveTimeout(ms: number): this {
    return this.#set('keepAliveTimeout', ms)
  }
  /** Time without request-body bytes while the body is read (default 30 s). */
  bodyReadTimeout(ms: number): this {
    return this.#set('bodyReadTimeout', ms)
  }
  /** Time to drain an unread request body (default 2 s). */
  drainTimeout(ms: number): this {
    return this.#set('drainTimeout', ms)
  }
  /** Unread request-body bytes drained to keep a connection (default 256 KiB). */
  maxDrainBytes(n: number): this {
    return this.#set('maxDrainBytes', n)
  }
  /** Requests parsed ahead of their responses (default 16). */
  maxPipelinedRequests(n: number): this {
    return this.#set('maxPipelinedRequests', n)
  }
  /** Requests per connection (default unlimited). */
  maxRequestsPerConnection(n: number): this {
    return this.#set('maxRequestsPerConnection', n)
  }
  /** Connections served at once (default unlimited); more wait unread. */
  maxConnections(n: number): this {
    return this.#set('maxConnections', n)
  }
  /** The kernel's queue of connections not yet accepted (default 511). */
  backlog(n: number): this {
    return this.#set('backlog', n)
  }
  /** Least average request-body rate in bytes/s after `bodyRateGrace` (default 500; 0: off). */
  bodyMinRate(bytesPerSecond: number): this {
    return this.#set('bodyMinRate', bytesPerSecond)
  }
  /** Time a request body may take before `bodyMinRate` applies (default 20 s). */
  bodyRateGrace(ms: number): this {
    return this.#set('bodyRateGrace', ms)
  }
  /** Time to receive a whole request, head and body (default: no limit); then 408. */
  requestTimeout(ms: number): this {
    return this.#set('requestTimeout', ms)
  }
  /** Time the responses owed to a half-closed client may take (default 30 s). */
  halfCloseTimeout(ms: number): this {
    return this.#set('halfCloseTimeout', ms)
  }
  /** Request-body bytes queued before the socket pauses (default 64 KiB). */
  bodyHighWaterMark(n: number): this {
    return this.#set('bodyHighWaterMark', n)
  }
  /** Whether connections persist (default true). */
  keepAlive(enabled: boolean): this {
    return this.#set('keepAlive', enabled)
  }
  /** How long idle connections live once shutdown starts (default 250 ms). */
  shutdownGrace(ms: number): this {
    return this.#set('shutdownGrace', ms)
  }
  /** Title-Case header names on the wire (default false). */
  titleCaseHeaders(enabled: boolean): this {
    return this.#set('titleCaseHeaders', enabled)
  }
  /**
   * Read sockets directly into shared memory (default true; `TOUCHE_DIRECT_READS=0` makes it
   * false); false reads through `'data'` events.
   */
  directReads(enabled: boolean): this {
    return this.#set('directReads', enabled)
  }
  /** The largest read of a large request body on a directly read connection (default 256 KiB). */
  maxReadSize(n: number): this {
    return this.#set('maxReadSize', n)
  }
  /** Parser limits (see `@touche/h1` `Limits`). */
  limits(limits: Partial<Limits>): this {
    return this.#set('limits', limits)
  }
  /** Receives every error (default: `debuglog('touche:server')`). */
  onError(fn: ServerOptions['onError']): this {
    return this.#set('onError', fn)
  }
  /** Sets several options at once. */
  options(init: ServerOptionsInit): this {
    Object.assign(this.#init, init)
    return this
  }

  /**
   * Lets other processes bind the same TCP or TLS port (`SO_REUSEPORT`; default false): each runs
   * its own server and the kernel spreads new connections across them. Node 22.12+ on Linux (and
   * some BSDs); elsewhere `serve` rejects. Several processes must all set it.
   *
   * @example
   * ```ts
   * // in each of N processes
   * await Server.builder().reusePort(true).bind('0.0.0.0:8080').serve(handler)
   * ```
   */
  reusePort(enabled: boolean): this {
    this.#reusePort = enabled
    return this
  }

  /** Listens on TCP. */
  bind(addr: string | number): this {
    this.#spec = { kind: 'tcp', ...parseAddr(addr) }
    return this
  }

  /** Listens on TLS (ALPN `http/1.1` unless `tls.ALPNProtocols` says otherwise). */
  bindTls(addr: string | number, tls: TlsOptions): this {
    this.#spec = { kind: 'tls', ...parseAddr(addr), tls }
    return this
  }

  /** Listens on a unix socket; a stale socket file is replaced, a live one is not. */
  bindUnix(path: string): this {
    this.#spec = { kind: 'unix', path }
    return this
  }

  /**
   * Starts listening; resolves once bound.
   *
   * @example
   * ```ts
   * const server = await Server.bind('127.0.0.1:0').serve(handler)
   * console.log(server.address.port)
   * await server.close()
   * ```
   */
  serve(service: Service, options: ServeOptions = {}): Promise<ServerHandle> {
    return this.makeService(() => service, options)
  }

  /**
   * Like `serve`, with a service made per connection (touché's `make_service`).
   *
   * @example
   * ```ts
   * await Server.bind(':8080').makeService((conn) => {
   *   let n = 0
   *   return () => Response.builder().body(`${conn.id}: ${++n}`)
   * })
   * ```
   */
  makeService(factory: MakeService, options: ServeOptions = {}): Promise<ServerHandle> {
    return this.#start(factory, options, null)
  }

  /**
   * Starts listening without a handler: requests are taken from `server.incoming()` and answered
   * with `respond()`, as in tiny-http.
   *
   * @example
   * ```ts
   * const server = await Server.bind('127.0.0.1:8000').listen()
   * for await (const request of server.incoming()) {
   *   request.respond(Response.builder().body('hello world'))
   * }
   * ```
   */
  async listen(options: ListenOptions = {}): Promise<ServerHandle> {
    const queue = new RequestQueue(options.capacity)
    return this.#start(() => queue.service, options, queue)
  }

  async #start(
    factory: MakeService,
    options: ServeOptions,
    queue: RequestQueue | null
  ): Promise<ServerHandle> {
    const bound = this.#spec
    if (bound === null) throw new TypeError('call bind(), bindTls() or bindUnix() before serve()')
    const spec: ListenSpec =
      this.#reusePort && bound.kind !== 'unix' ? { ...bound, reusePort: true } : bound
    const opts = resolveOptions(this.#init)
    const handle = new ServerHandle(opts, factory, queue)
    await handle.listen(spec)
    const signal = options.signal
    if (signal !== undefined) {
      if (signal.aborted) void handle.close()
      else signal.addEventListener('abort', () => void handle.close(), { once: true })
    }
    return handle
  }

  #set<K extends keyof ServerOptionsInit>(key: K, value: ServerOptionsInit[K]): this {
    this.#init[key] = value
    return this
  }
}
