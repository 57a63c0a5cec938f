import type { Duplex } from 'node:stream'
import { ServerError } from './errors.js'

/**
 * What takes over a connection after a 101 (or a 2xx to CONNECT): the raw duplex (paused: attach
 * a `'data'` listener and `resume()`, or `pipe` it), and the bytes already read past the request
 * head, which belong to the new protocol.
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
  readonly handler: UpgradeHandler

  constructor(handler: UpgradeHandler) {
    this.handler = handler
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
