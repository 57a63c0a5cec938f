import type { Duplex } from 'node:stream'

/**
 * The connection handed over by a `101 Switching Protocols` (or a 2xx answering CONNECT), found
 * in the response's extensions (hyper's `upgrade::on`): the raw duplex, paused, and the bytes the
 * client had already read past the response head, which belong to the new protocol. The client
 * has let go of the socket; its new owner must end or destroy it.
 *
 * @example
 * ```ts
 * const res = await send(Request.get('/chat').header('upgrade', 'echo')
 *   .header('connection', 'upgrade').body(null))
 * const { socket, head } = res.extensions.get(Upgraded)!
 * socket.on('data', (chunk) => console.log(chunk))
 * ```
 */
export class Upgraded {
  readonly socket: Duplex
  readonly head: Uint8Array

  /** @internal Made by the connection that handed the socket over. */
  constructor(socket: Duplex, head: Uint8Array) {
    this.socket = socket
    this.head = head
  }
}
