import type { Duplex } from 'node:stream'
import { Socket } from 'node:net'
import { TLSSocket } from 'node:tls'

let nextId = 1

/** Reads the peer's address now, while the socket is open; see `ConnectionInfo.remoteAddress`. */
export let readPeerNow: (info: ConnectionInfo) => void

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
  #remoteAddress: string | undefined
  #remotePort: number | undefined
  #localAddress: string | undefined
  #localPort: number | undefined
  /** The socket the peer's address is still to be read from. */
  #remoteOf: Socket | null = null
  /** The socket the local address is still to be read from. */
  #localOf: Socket | null = null

  constructor(init: ConnectionInfoInit) {
    this.id = init.id ?? nextId++
    this.#remoteAddress = init.remoteAddress
    this.#remotePort = init.remotePort
    this.#localAddress = init.localAddress
    this.#localPort = init.localPort
    this.encrypted = init.encrypted
    this.alpnProtocol = init.alpnProtocol
  }

  static {
    readPeerNow = (info) => info.#readRemote()
  }

  /**
   * The peer's address (an IP, or undefined for unix sockets and in-memory streams). Read from
   * the socket when a request's extensions are first asked for, or on first use (each read is a
   * system call, and connections handed to an `'upgrade'` listener never need it), and kept; as
   * with node:http's `socket.remoteAddress`, a first read after the connection closed finds
   * undefined.
   */
  get remoteAddress(): string | undefined {
    this.#readRemote()
    return this.#remoteAddress
  }

  get remotePort(): number | undefined {
    this.#readRemote()
    return this.#remotePort
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
   * Every fact as a plain object, for loggers that serialise it (the addresses are read from the
   * socket on first use, so they are not own properties).
   *
   * @example
   * ```ts
   * JSON.stringify(info) // {"id":1,"encrypted":false,"remoteAddress":"127.0.0.1",...}
   * ```
   */
  toJSON(): Omit<ConnectionInfoInit, 'id'> & { id: number } {
    return {
      id: this.id,
      encrypted: this.encrypted,
      alpnProtocol: this.alpnProtocol,
      remoteAddress: this.remoteAddress,
      remotePort: this.remotePort,
      localAddress: this.localAddress,
      localPort: this.localPort,
    }
  }

  /**
   * The facts of a socket (`net.Socket`, `tls.TLSSocket`, or any duplex). Its addresses are
   * read when first asked for.
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
      remoteAddress: undefined,
      remotePort: undefined,
      localAddress: undefined,
      localPort: undefined,
      encrypted: tls,
      alpnProtocol: typeof alpn === 'string' ? alpn : undefined,
    })
    info.#remoteOf = socket
    info.#localOf = socket
    return info
  }

  #readRemote(): void {
    const socket = this.#remoteOf
    if (socket === null) return
    this.#remoteOf = null
    this.#remoteAddress = socket.remoteAddress
    this.#remotePort = socket.remotePort
  }

  #readLocal(): void {
    const socket = this.#localOf
    if (socket === null) return
    this.#localOf = null
    this.#localAddress = socket.localAddress
    this.#localPort = socket.localPort
  }
}

/**
 * What a `ConnectionInfo` is made of (the id is the next process-wide number unless given).
 *
 * @example
 * ```ts
 * const init: ConnectionInfoInit = {
 *   encrypted: false,
 *   alpnProtocol: undefined,
 *   remoteAddress: '192.0.2.1',
 *   remotePort: 50000,
 *   localAddress: '192.0.2.2',
 *   localPort: 8080,
 * }
 * const info = new ConnectionInfo(init)
 * ```
 */
export interface ConnectionInfoInit {
  id?: number
  encrypted: boolean
  alpnProtocol: string | undefined
  remoteAddress: string | undefined
  remotePort: number | undefined
  localAddress: string | undefined
  localPort: number | undefined
}
