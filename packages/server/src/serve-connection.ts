import { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { ConnectionInfo } from './conn-info.js'
import { Connection } from './connection.js'
import type { ServerError } from './errors.js'
import { resolveOptions } from './options.js'
import type { ServerOptions, ServerOptionsInit } from './options.js'
import type { Service } from './service.js'
import type { UpgradeHooks, UpgradeListener } from './upgrade.js'

/**
 * `serveConnection`'s options: the server options, and node-style listeners for requests that
 * ask to upgrade (`onUpgrade`) and for CONNECT (`onConnect`), as node:http's `'upgrade'` and
 * `'connect'` events have them. With a listener, such a request goes to it instead of the
 * service, after the responses to earlier requests are written, and touche writes nothing.
 *
 * @example
 * ```ts
 * const options: ServeConnectionOptions = {
 *   onUpgrade: (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => ws.send('hi')),
 * }
 * ```
 */
export type ServeConnectionOptions = ServerOptionsInit & {
  readonly onUpgrade?: UpgradeListener
  readonly onConnect?: UpgradeListener
}

/**
 * Serves HTTP/1.1 on any duplex stream: a `net.Socket`, a `tls.TLSSocket`, or an in-memory pair
 * in tests (hyper's `serve_connection`). Resolves when the connection has closed or was handed to
 * an upgrade handler; it never rejects: errors go to `options.onError`.
 *
 * Sockets should allow half-open connections (`allowHalfOpen: true`), so that requests sent
 * before the client's FIN are still answered.
 *
 * @example
 * ```ts
 * import net from 'node:net'
 * import { serveConnection, Response } from '@touche/server'
 * net.createServer({ allowHalfOpen: true }, (socket) => {
 *   void serveConnection(socket, () => Response.builder().body('hi'))
 * }).listen(8080)
 * ```
 */
export function serveConnection(
  duplex: Duplex,
  service: Service,
  options: ServeConnectionOptions = {}
): Promise<void> {
  const { onUpgrade, onConnect } = options
  const hooks: UpgradeHooks | null =
    onUpgrade === undefined && onConnect === undefined
      ? null
      : {
          listener: (kind) => (kind === 'upgrade' ? onUpgrade : onConnect) ?? null,
          adopted: () => undefined,
        }
  const info = ConnectionInfo.of(duplex)
  return startConnection(duplex, service, resolveOptions(options), info, false, hooks).done
}

/** @internal A served connection, as the listener tracks it. */
export interface ServedConnection {
  readonly done: Promise<void>
  readonly info: ConnectionInfo
  /** Finish in-flight exchanges with `Connection: close`, close idle ones after the grace. */
  shutdown(): void
  /** Tear down now, with a reset. */
  destroy(error?: ServerError): void
}

/** @internal */
export function startConnection(
  duplex: Duplex,
  service: Service,
  options: ServerOptions,
  info: ConnectionInfo,
  direct = false,
  upgrades: UpgradeHooks | null = null,
  onDone: (() => void) | null = null
): ServedConnection {
  if (duplex instanceof Socket) duplex.setNoDelay(true)
  return new Connection(duplex, service, options, info, direct, upgrades, onDone)
}
