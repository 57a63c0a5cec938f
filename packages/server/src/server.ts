import type { AddressInfo, Server as NetServer, Socket } from 'node:net'
import type { TlsOptions } from 'node:tls'
import type { Limits } from '@touche/h1'
import { ConnectionInfo } from './conn-info.js'
import { ServerError } from './errors.js'
import { listen, parseAddr } from './listen.js'
import type { ListenSpec } from './listen.js'
import { DEFAULT_SHUTDOWN_TIMEOUT, resolveOptions } from './options.js'
import type { ServerOptions, ServerOptionsInit } from './options.js'
import { startConnection } from './serve-connection.js'
import type { ServedConnection } from './serve-connection.js'
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
  async makeService(factory: MakeService, options: ServeOptions = {}): Promise<ServerHandle> {
    const spec = this.#spec
    if (spec === null) throw new TypeError('call bind(), bindTls() or bindUnix() before serve()')
    const opts = resolveOptions(this.#init)
    const handle = new ServerHandle(opts, factory)
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

/**
 * A listening server: its address, a graceful `close()`, and `closed`, which settles when the
 * listener and every connection are gone. Also `await using server = ...` (`Symbol.asyncDispose`).
 *
 * @example
 * ```ts
 * await using server = await Server.bind('127.0.0.1:0').serve(handler)
 * const { port } = server.address
 * ```
 */
export class ServerHandle {
  readonly #options: ServerOptions
  readonly #factory: MakeService
  readonly #connections = new Set<ServedConnection>()
  readonly #waiting: Socket[] = []
  #server: NetServer | null = null
  #address: BoundAddress = { host: '', port: 0, family: '', path: undefined }
  #closing: Promise<void> | null = null
  #resolveClosed!: () => void
  /** Settles when the server has closed completely. */
  readonly closed: Promise<void>

  /** @internal Created by `ServerBuilder.serve`. */
  constructor(options: ServerOptions, factory: MakeService) {
    this.#options = options
    this.#factory = factory
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve))
  }

  /** The bound address. */
  get address(): BoundAddress {
    return this.#address
  }

  /** Connections being served now. */
  get connections(): number {
    return this.#connections.size
  }

  /** @internal */
  async listen(spec: ListenSpec): Promise<void> {
    this.#server = await listen(
      spec,
      (socket) => this.#accept(socket),
      (error) => this.#report(new ServerError('ERR_SERVER_IO', { cause: error }))
    )
    this.#address = toBoundAddress(this.#server.address(), spec)
  }

  /**
   * Graceful shutdown: stops accepting, lets in-flight exchanges finish with `Connection: close`,
   * closes idle connections after `shutdownGrace`, and destroys what is left after `timeout` ms
   * (default 10 s). Calling it again returns the same promise.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', () => void server.close({ timeout: 5000 }))
   * ```
   */
  close(options: { timeout?: number } = {}): Promise<void> {
    this.#closing ??= this.#close(options.timeout ?? DEFAULT_SHUTDOWN_TIMEOUT)
    return this.#closing
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close()
  }

  async #close(timeout: number): Promise<void> {
    // Stop accepting now; the listener's own close callback would also wait for upgraded
    // sockets, which are no longer this server's.
    this.#server?.close()
    for (const socket of this.#waiting.splice(0)) socket.destroy()
    for (const conn of this.#connections) conn.shutdown()
    const deadline = setTimeout(() => {
      for (const conn of this.#connections) conn.destroy(new ServerError('ERR_SERVER_SHUTDOWN'))
    }, timeout)
    deadline.unref()
    await Promise.all([...this.#connections].map((c) => c.done))
    clearTimeout(deadline)
    this.#resolveClosed()
  }

  #accept(socket: Socket): void {
    if (this.#closing !== null) {
      socket.destroy()
      return
    }
    if (this.#connections.size >= this.#options.maxConnections) {
      this.#waiting.push(socket)
      socket.on('error', ignore)
      socket.once('close', () => {
        const i = this.#waiting.indexOf(socket)
        if (i >= 0) this.#waiting.splice(i, 1)
      })
      return
    }
    this.#serve(socket)
  }

  #serve(socket: Socket): void {
    const info = ConnectionInfo.of(socket)
    let conn: ServedConnection
    try {
      conn = startConnection(socket, this.#factory(info), this.#options, info)
    } catch (error) {
      this.#report(new ServerError('ERR_SERVER_USER', { cause: error }))
      socket.destroy()
      return
    }
    socket.off('error', ignore)
    this.#connections.add(conn)
    void conn.done.then(() => this.#release(conn))
  }

  #release(conn: ServedConnection): void {
    this.#connections.delete(conn)
    while (this.#connections.size < this.#options.maxConnections) {
      const next = this.#waiting.shift()
      if (next === undefined) break
      if (!next.destroyed) this.#serve(next)
    }
  }

  #report(error: ServerError): void {
    try {
      this.#options.onError(error)
    } catch {
      // onError must not break the listener.
    }
  }
}

/**
 * Where a server listens: host and port for TCP and TLS (`family` `'IPv4'` or `'IPv6'`), or the
 * `path` of a unix socket (then `family` is `'unix'`, `host` empty and `port` 0).
 *
 * @example
 * ```ts
 * const { host, port } = server.address
 * ```
 */
export interface BoundAddress {
  readonly host: string
  readonly port: number
  readonly family: string
  readonly path: string | undefined
}

function toBoundAddress(addr: AddressInfo | string | null, spec: ListenSpec): BoundAddress {
  if (addr !== null && typeof addr === 'object') {
    return { host: addr.address, port: addr.port, family: addr.family, path: undefined }
  }
  const path = typeof addr === 'string' ? addr : spec.kind === 'unix' ? spec.path : ''
  return { host: '', port: 0, family: 'unix', path }
}

function ignore(): void {}
