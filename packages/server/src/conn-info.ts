import type { Duplex } from 'node:stream'
import { Socket } from 'node:net'
import { TLSSocket } from 'node:tls'

let nextId = 1

/**
 * Facts about the connection a request arrived on, in every request's extensions under the
 * `ConnectionInfo` key. One instance is shared by all requests of a connection.
 *
 * @example
 * ```ts
 * import { ConnectionInfo } from '@touche/server'
 * const handler = (req: Request<Body>) => {
 *   const conn = req.extensions.get(ConnectionInfo)
 *   return Response.builder().body(`you are ${conn?.remoteAddress}, connection #${conn?.id}`)
 * }
 * ```
 */
export class ConnectionInfo {
  /** A process-wide increasing connection number. */
  readonly id: number
  /** The peer's address (an IP, or undefined for unix sockets and in-memory streams). */
  readonly remoteAddress: string | undefined
  readonly remotePort: number | undefined
  readonly localAddress: string | undefined
  readonly localPort: number | undefined
  /** Whether the connection is TLS. */
  readonly encrypted: boolean
  /** The ALPN protocol negotiated over TLS (`'http/1.1'`), if any. */
  readonly alpnProtocol: string | undefined

  constructor(init: Omit<ConnectionInfo, 'id'> & { id?: number }) {
    this.id = init.id ?? nextId++
    this.remoteAddress = init.remoteAddress
    this.remotePort = init.remotePort
    this.localAddress = init.localAddress
    this.localPort = init.localPort
    this.encrypted = init.encrypted
    this.alpnProtocol = init.alpnProtocol
  }

  /**
   * Reads the facts off a socket (`net.Socket`, `tls.TLSSocket`, or any duplex).
   *
   * @example
   * ```ts
   * const info = ConnectionInfo.of(socket)
   * ```
   */
  static of(duplex: Duplex): ConnectionInfo {
    if (duplex instanceof Socket) {
      const tls = duplex instanceof TLSSocket
      const alpn = tls ? duplex.alpnProtocol : false
      return new ConnectionInfo({
        remoteAddress: duplex.remoteAddress,
        remotePort: duplex.remotePort,
        localAddress: duplex.localAddress,
        localPort: duplex.localPort,
        encrypted: tls,
        alpnProtocol: typeof alpn === 'string' ? alpn : undefined,
      })
    }
    return new ConnectionInfo({
      remoteAddress: undefined,
      remotePort: undefined,
      localAddress: undefined,
      localPort: undefined,
      encrypted: false,
      alpnProtocol: undefined,
    })
  }
}
