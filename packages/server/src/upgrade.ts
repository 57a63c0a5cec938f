import type { Duplex } from 'node:stream'
import { ServerError } from './errors.js'
import type { NodeRequest } from './node-request.js'

/**
 * What takes over a connection after a 101 (or a 2xx to CONNECT): the raw duplex (as node:http
 * hands one over: attach a `'data'` listener, `pipe` it or `resume()` it to start the flow), and
 * the bytes already read past the request head, which belong to the new protocol.
 *
 * @example
 * ```ts
 * const echo: UpgradeHandler = (socket, head) => {
 *   socket.write(head)
 *   socket.pipe(socket)
 * }
 * ```
 */
export type UpgradeHandler = (socket: Duplex, head: Uint8Array) => void | Promise<void>

/**
 * Put in a response's extensions to take over the connection once the response head is flushed
 * (touché's `upgrade`). Valid on a 101 answering a request with `Upgrade`, and on a 2xx answering
 * CONNECT (a tunnel). HTTP processing on that connection ends; the handler owns the socket.
 *
 * @example
 * ```ts
 * import { Response, StatusCode, Upgrade } from '@touche/server'
 * return Response.builder()
 *   .status(StatusCode.SWITCHING_PROTOCOLS)
 *   .header('upgrade', 'echo')
 *   .header('connection', 'upgrade')
 *   .extension(Upgrade, new Upgrade((socket, head) => {
 *     socket.write(head)
 *     socket.pipe(socket)
 *   }))
 *   .body(null)
 * ```
 */
export class Upgrade {
  /** Takes the socket after touche wrote the response head; null for a `takeover`. */
  readonly handler: UpgradeHandler | null
  /** Takes the socket with nothing written by touche; null for a plain `Upgrade`. */
  readonly takeover: UpgradeListener | null

  constructor(handler: UpgradeHandler) {
    this.handler = handler
    this.takeover = null
  }

  /**
   * Hands the connection over without writing anything, once the responses to earlier pipelined
   * requests are flushed: for code that writes its own 101, such as `ws`'s `handleUpgrade`, from
   * a service that decides per request. The response's status and fields are not sent. Valid
   * for a request that asked to upgrade, or CONNECT.
   *
   * @example
   * ```ts
   * import { WebSocketServer } from 'ws'
   * const wss = new WebSocketServer({ noServer: true })
   * return Response.builder()
   *   .extension(Upgrade, Upgrade.takeover((req, socket, head) =>
   *     wss.handleUpgrade(req, socket, head, (ws) => ws.send('hello'))
   *   ))
   *   .body(null)
   * ```
   */
  static takeover(listener: UpgradeListener): Upgrade {
    const upgrade = new Upgrade(() => undefined)
    ;(upgrade as { handler: UpgradeHandler | null }).handler = null
    ;(upgrade as { takeover: UpgradeListener | null }).takeover = listener
    return upgrade
  }
}

/**
 * A node:http-style `'upgrade'` or `'connect'` listener: the request (shaped like
 * `IncomingMessage`), the socket as node:http hands it over, and the bytes read past the head.
 * touche has written nothing; the listener answers (a 101, a tunnel's 200, or a refusal).
 *
 * @example
 * ```ts
 * const onUpgrade: UpgradeListener = (req, socket, head) =>
 *   wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
 * ```
 */
export type UpgradeListener = (req: NodeRequest, socket: Duplex, head: Buffer) => void

/**
 * What a connection asks of the code that listens for upgrades and CONNECT (the server handle's
 * `'upgrade'` and `'connect'` events, or `serveConnection`'s `onUpgrade` and `onConnect`).
 *
 * @example
 * ```ts
 * const hooks: UpgradeHooks = { listener: (kind) => null, adopted: () => undefined }
 * ```
 */
export interface UpgradeHooks {
  /** The listener for requests of `kind`, or null to answer them through the service. */
  listener(kind: 'upgrade' | 'connect'): UpgradeListener | null
  /** A socket left HTTP (by any kind of upgrade): for counting, until it closes. */
  adopted(socket: Duplex): void
}

/**
 * Gives a socket to a node-style listener. One that throws is reported, and the socket, which
 * nobody else will close, destroyed.
 */
export function takeOver(
  listener: UpgradeListener,
  req: NodeRequest,
  socket: Duplex,
  head: Uint8Array,
  report: (error: ServerError) => void
): void {
  try {
    listener(req, socket, Buffer.from(head.buffer, head.byteOffset, head.byteLength))
  } catch (error) {
    report(new ServerError('ERR_SERVER_USER', { cause: error }))
    socket.destroy()
  }
}

/**
 * Gives an upgraded connection to its handler. A handler that throws or rejects is reported;
 * one that throws before taking the socket also has it destroyed, since nobody else will.
 */
export function handOver(
  socket: Duplex,
  head: Uint8Array,
  handler: UpgradeHandler,
  report: (error: ServerError) => void
): void {
  let result: void | Promise<void>
  try {
    result = handler(socket, head)
  } catch (error) {
    report(new ServerError('ERR_SERVER_USER', { cause: error }))
    socket.destroy()
    return
  }
  if (result !== undefined && typeof result.then === 'function') {
    result.then(undefined, (error: unknown) =>
      report(new ServerError('ERR_SERVER_USER', { cause: error }))
    )
  }
}
