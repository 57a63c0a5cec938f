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
  /** Whether the connection is TLS. */
  readonly encrypted: boolean
  /** The ALPN protocol negotiated over TLS (`'http/1.1'`), if any. */
  readonly alpnProtocol: string | undefined
  /** The peer's address (an IP, or undefined for unix sockets and in-memory streams). */
  readonly remoteAddress: string | undefined
  readonly remotePort: number | undefined
  #localAddress: string | undefined
  #localPort: number | undefined
  /** The socket the local address is still to be read from. */
  #localOf: Socket | null = null

  constructor(init: Omit<ConnectionInfo, 'id'> & { id?: number }) {
    this.id = init.id ?? nextId++
    this.remoteAddress = init.remoteAddress
    this.remotePort = init.remotePort
    this.#localAddress = init.localAddress
    this.#localPort = init.localPort
    this.encrypted = init.encrypted
    this.alpnProtocol = init.alpnProtocol
  }

  /**
   * The address the connection was accepted on. Read from the socket on first use (few requests
   * ask, and each read is a system call) and kept; as with node:http's `socket.localAddress`, a
   * first read after the connection closed finds undefined.
   */
  get localAddress(): string | undefined {
    this.#readLocal()
    return this.#localAddress
  }

  get localPort(): number | undefined {
    this.#readLocal()
    return this.#localPort
  }

  /**
   * The facts of a socket (`net.Socket`, `tls.TLSSocket`, or any duplex). The peer's address is
   * read now; the local one when first asked for.
   *
   * @example
   * ```ts
   * const info = ConnectionInfo.of(socket)
   * ```
   */
  static of(duplex: Duplex): ConnectionInfo {
    const socket = duplex instanceof Socket ? duplex : null
    const tls = socket instanceof TLSSocket
    const alpn = tls ? socket.alpnProtocol : false
    const info = new ConnectionInfo({
      remoteAddress: socket?.remoteAddress,
      remotePort: socket?.remotePort,
      localAddress: undefined,
      localPort: undefined,
      encrypted: tls,
      alpnProtocol: typeof alpn === 'string' ? alpn : undefined,
    })
    info.#localOf = socket
    return info
  }

  #readLocal(): void {
    const socket = this.#localOf
    if (socket === null) return
    this.#localOf = null
    this.#localAddress = socket.localAddress
    this.#localPort = socket.localPort
  }
}
