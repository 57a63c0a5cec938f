import { EventEmitter } from 'node:events'
import type { AddressInfo, Server as NetServer, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { ConnectionInfo } from './conn-info.js'
import { ConnectionList } from './connection-list.js'
import type { ListEntry } from './connection-list.js'
import { directReadsWork } from './direct-read-check.js'
import { ServerError } from './errors.js'
import { listen } from './listen.js'
import type { ListenSpec } from './listen.js'
import { DEFAULT_SHUTDOWN_TIMEOUT } from './options.js'
import type { ServerOptions } from './options.js'
import type { PendingRequest } from './pending-request.js'
import { incomingIterator } from './request-queue.js'
import type { RequestQueue } from './request-queue.js'
import { startConnection } from './serve-connection.js'
import type { ServedConnection } from './serve-connection.js'
import type { MakeService } from './service.js'
import type { UpgradeHooks, UpgradeListener } from './upgrade.js'

/**
 * A listening server: its address, a graceful `close()`, and `closed`, which settles when the
 * listener and every connection are gone. Also `await using server = ...` (`Symbol.asyncDispose`).
 *
 * Like node:http's server, it emits `'upgrade'` and `'connect'` with `(req, socket, head)`: with
 * a listener registered, a request that asks to upgrade (or a CONNECT) goes to it instead of the
 * service, once the responses to earlier pipelined requests are written, and touche writes
 * nothing; `req` is shaped like `IncomingMessage` (`NodeRequest`). It never emits `'error'`.
 *
 * @example
 * ```ts
 * await using server = await Server.bind('127.0.0.1:0').serve(handler)
 * const { port } = server.address
 * server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, onSocket))
 * ```
 */
export class ServerHandle extends EventEmitter implements UpgradeHooks {
  readonly #options: ServerOptions
  readonly #factory: MakeService
  readonly #queue: RequestQueue | null
  readonly #connections = new ConnectionList<ServedConnection>()
  readonly #waiting: Socket[] = []
  #server: NetServer | null = null
  #address: BoundAddress = { host: '', port: 0, family: '', path: undefined }
  #closing: Promise<void> | null = null
  #direct = false
  #resolveClosed!: () => void
  #upgraded = 0
  readonly #emitUpgrade: UpgradeListener = (req, socket, head) => {
    this.emit('upgrade', req, socket, head)
  }
  readonly #emitConnect: UpgradeListener = (req, socket, head) => {
    this.emit('connect', req, socket, head)
  }
  // One listener for every upgraded socket ('close' comes once, so `on` does what `once` would).
  readonly #onUpgradedClose = (): void => {
    this.#upgraded--
  }
  /** Settles when the server has closed completely. */
  readonly closed: Promise<void>

  /** @internal Created by `ServerBuilder.serve`, or `listen` with the queue it serves. */
  constructor(options: ServerOptions, factory: MakeService, queue: RequestQueue | null = null) {
    super()
    this.#options = options
    this.#factory = factory
    this.#queue = queue
    if (queue !== null) queue.onRoom = () => this.#admit()
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve))
  }

  /**
   * The options the server runs with, defaults filled in.
   *
   * @example
   * ```ts
   * server.options.keepAliveTimeout // 5000
   * ```
   */
  get options(): ServerOptions {
    return this.#options
  }

  /** The bound address. */
  get address(): BoundAddress {
    return this.#address
  }

  /** Connections being served now. */
  get connections(): number {
    return this.#connections.size
  }

  /**
   * Sockets that left HTTP (an upgrade, a CONNECT tunnel, a takeover) and are still open. They
   * are no longer the server's: `close()` neither waits for them nor closes them.
   */
  get upgradedSockets(): number {
    return this.#upgraded
  }

  /**
   * Subscribes as node:http's server does: `'upgrade'` and `'connect'` get `(req, socket, head)`.
   *
   * @example
   * ```ts
   * server.on('connect', (req, socket, head) => tunnel(req.url, socket, head))
   * ```
   */
  override on(event: 'upgrade' | 'connect', listener: UpgradeListener): this
  override on(event: string | symbol, listener: (...args: never[]) => void): this
  override on(event: string | symbol, listener: (...args: never[]) => void): this {
    return super.on(event, listener as (...args: unknown[]) => void)
  }

  /** @internal The listener for requests of `kind`, when code subscribed to it. */
  listener(kind: 'upgrade' | 'connect'): UpgradeListener | null {
    if (this.listenerCount(kind) === 0) return null
    return kind === 'upgrade' ? this.#emitUpgrade : this.#emitConnect
  }

  /** @internal A socket left HTTP: counted until it closes. */
  adopted(socket: Duplex): void {
    this.#upgraded++
    socket.on('close', this.#onUpgradedClose)
  }

  /** Accepted connections waiting, unread, for a slot (`maxConnections`). */
  get waiting(): number {
    return this.#waiting.length
  }

  /**
   * Whether connections are read directly (`directReads`): the option is on, the listener is TCP
   * or unix, and this Node passed the check that reads arrive that way.
   */
  get directReads(): boolean {
    return this.#direct
  }

  /** Requests waiting to be taken from `incoming()` (0 for a server with a handler). */
  get queued(): number {
    return this.#queue?.size ?? 0
  }

  /** @internal */
  async listen(spec: ListenSpec): Promise<void> {
    const wantsDirect = this.#options.directReads && spec.kind !== 'tls'
    this.#direct = wantsDirect && (await directReadsWork())
    const onError = (error: Error): void =>
      this.#report(new ServerError('ERR_SERVER_IO', { cause: error }))
    this.#server = await listen(
      spec,
      (socket) => this.#accept(socket),
      onError,
      this.#options.backlog
    )
    // An accept failure (EMFILE, ...) after listening must not become an uncaught 'error'.
    this.#server.on('error', onError)
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

  /**
   * The requests of a server started with `listen()`, one by one (tiny-http's
   * `incoming_requests`). Answer each with `respond()`, in any order; breaking out of the loop
   * closes the server gracefully. Several loops may take from the same server.
   *
   * @throws TypeError when the server was started with a handler (`serve`).
   * @example
   * ```ts
   * const server = await Server.bind('127.0.0.1:8000').listen()
   * for await (const request of server.incoming()) {
   *   request.respond(Response.builder().body('hello world'))
   * }
   * ```
   */
  incoming(): AsyncIterableIterator<PendingRequest> {
    if (this.#queue === null) {
      throw new TypeError('this server calls its handler; start it with listen() to pull requests')
    }
    return incomingIterator(this.#queue, () => this.close())
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close()
  }

  async #close(timeout: number): Promise<void> {
    // Stop accepting now; the listener's own close callback would also wait for upgraded
    // sockets, which are no longer this server's.
    this.#server?.close()
    this.#queue?.close()
    for (const socket of this.#waiting.splice(0)) socket.destroy()
    // Snapshots: a connection that finishes meanwhile leaves the list, and a call on a finished
    // connection does nothing.
    for (const conn of this.#connections.toArray()) conn.shutdown()
    const deadline = setTimeout(() => {
      for (const conn of this.#connections.toArray()) {
        conn.destroy(new ServerError('ERR_SERVER_SHUTDOWN'))
      }
    }, timeout)
    deadline.unref()
    await Promise.all(this.#connections.toArray().map((c) => c.done))
    clearTimeout(deadline)
    this.#resolveClosed()
  }

  #accept(socket: Socket): void {
    if (this.#closing !== null) {
      socket.destroy()
      return
    }
    if (this.#connections.size >= this.#options.maxConnections || this.#queue?.isFull === true) {
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
    let entry: ListEntry<ServedConnection> | null = null
    let closed = false
    const release = (): void => {
      closed = true
      if (entry !== null) this.#release(entry)
    }
    try {
      // Sockets from the listener are unread (`pauseOnConnect`), so they can be read directly;
      // otherwise they flow again for the 'data' events (the listener is attached first).
      if (!this.#direct) socket.resume()
      const service = this.#factory(info)
      const conn = startConnection(
        socket,
        service,
        this.#options,
        info,
        this.#direct,
        this,
        release
      )
      // A connection can close while it starts (a socket already gone): it is then never tracked.
      if (!closed) entry = this.#connections.add(conn)
    } catch (error) {
      this.#report(new ServerError('ERR_SERVER_USER', { cause: error }))
      socket.destroy()
      return
    }
    socket.off('error', ignore)
  }

  #release(entry: ListEntry<ServedConnection>): void {
    this.#connections.delete(entry)
    this.#admit()
  }

  /** Serves waiting sockets while there is a slot (and room in the request queue). */
  #admit(): void {
    while (this.#connections.size < this.#options.maxConnections && this.#queue?.isFull !== true) {
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
