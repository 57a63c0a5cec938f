import type { Duplex } from 'node:stream'

/**
 * The connection handed over by a `101 Switching Protocols` (or a 2xx answering CONNECT), found
 * in the response's extensions (hyper's `upgrade::on`): the raw duplex and the bytes the client had
 * already read past the response head, which belong to the new protocol. As node:http hands over
 * an upgraded socket, no data flows until a 'data' listener is attached (or the socket piped or
 * resumed), and the client's listeners are gone but one that swallows errors. The client has
 * let go of the socket; its new owner must end or destroy it.
 *
 * @example
 * ```ts
 * const res = await client.request(
 *   Request.get('http://127.0.0.1:3000/chat')
 *     .header('upgrade', 'echo')
 *     .header('connection', 'upgrade')
 *     .body(null)
 * )
 * const { socket, head } = res.extensions.get(Upgraded)!
 * if (head.length > 0) console.log('already read:', head)
 * socket.on('data', (chunk) => console.log(chunk)) // starts the flow
 * socket.end('bye')
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

/**
 * @internal Leaves a socket whose listeners the client removed as node:http hands over an
 * upgraded one: nothing flows until its new owner attaches a 'data' listener or resumes it, and
 * an error before the owner listens is swallowed instead of thrown.
 */
export function handOver(socket: Duplex): void {
  socket.on('error', ignoreError)
  // Readable's setter, as node:http's client uses it; the typings declare it read-only.
  ;(socket as { readableFlowing: boolean | null }).readableFlowing = null
}

function ignoreError(): void {}
