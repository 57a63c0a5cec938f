import type { TlsOptions } from 'node:tls'
import { Server } from '@touche/server'
import type { ServerHandle, ServerOptionsInit } from '@touche/server'
import type { FetchHandler } from './fetch-service.js'
import { fetchService } from './fetch-service.js'
import { useLightGlobals } from './globals.js'

/**
 * What `serve()` takes: the fetch handler and where to listen, shaped like `@hono/node-server`'s
 * `serve` and `Bun.serve`, plus any touche server option (`keepAliveTimeout`, `limits`, ...).
 *
 * @example
 * ```ts
 * const options: FetchServeOptions = { fetch: app.fetch, port: 8787, keepAliveTimeout: 10_000 }
 * ```
 */
export interface FetchServeOptions extends ServerOptionsInit {
  readonly fetch: FetchHandler
  /** TCP port; default 3000 (as `@hono/node-server` and Bun); 0 picks a free one. */
  readonly port?: number
  /** Address to listen on; default every interface. */
  readonly hostname?: string
  /** A unix socket path to listen on instead of TCP. */
  readonly path?: string
  /** Serve HTTPS with these `node:tls` options (`key`, `cert`, ...). */
  readonly tls?: TlsOptions
  /** Aborting it closes the server gracefully. */
  readonly signal?: AbortSignal
  /**
   * Install the light `Response` and `Request` as globals (default true, as `@hono/node-server`
   * does), so `new Response('hi')` is written without making a stream.
   */
  readonly overrideGlobalObjects?: boolean
}

/**
 * Where the server listens, as `@hono/node-server`'s `serve` callback gets it.
 *
 * @example
 * ```ts
 * serve(app, (info: ListeningInfo) => console.log(`http://localhost:${info.port}`))
 * ```
 */
export interface ListeningInfo {
  readonly address: string
  readonly family: string
  readonly port: number
}

/**
 * Serves a fetch app: `serve(app)`, `serve({ fetch: app.fetch, port })`, or with a callback
 * once listening, as `@hono/node-server` and `Bun.serve` are used. Resolves to touche's
 * `ServerHandle` (`close()`, `address`, `closed`, `await using`) once listening.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono'
 * import { serve } from '@touche/fetch'
 * const app = new Hono()
 * app.get('/', (c) => c.text('Hello Hono!'))
 * serve(app, (info) => console.log(`Listening on http://localhost:${info.port}`))
 * ```
 */
export async function serve(
  options: FetchServeOptions,
  listening?: (info: ListeningInfo) => void
): Promise<ServerHandle> {
  if (options.overrideGlobalObjects !== false) useLightGlobals()
  // A Hono app passed as the options has methods named like options (`onError`): only a plain
  // object's own fields are options.
  const plain = Object.getPrototypeOf(options) === Object.prototype
  let init: ServerOptionsInit = {}
  if (plain) {
    const { fetch, port, hostname, path, tls, signal, overrideGlobalObjects, ...server } = options
    void [fetch, port, hostname, path, tls, signal, overrideGlobalObjects]
    init = server
  }
  const builder = Server.builder().options(init)
  const port = options.port ?? 3000
  const host = options.hostname ?? ''
  const addr = host === '' ? `:${String(port)}` : `${bracketed(host)}:${String(port)}`
  if (options.path !== undefined) builder.bindUnix(options.path)
  else if (options.tls !== undefined) builder.bindTls(addr, options.tls)
  else builder.bind(addr)
  const signal = plain ? options.signal : undefined
  const handle = await builder.serve(
    fetchService(options.fetch),
    signal === undefined ? {} : { signal }
  )
  const { host: address, family, port: bound } = handle.address
  listening?.({ address, family, port: bound })
  return handle
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}
