import { isIP, connect as netConnect } from 'node:net'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { connect as tlsConnect } from 'node:tls'
import type { ConnectionOptions as TlsConnectionOptions, TLSSocket } from 'node:tls'
import { Method, Request } from '@touche/http-types'
import { ClientError } from './errors.js'
import { handshake } from './handshake.js'
import type { Origin } from './origin.js'
import { Upgraded } from './upgraded.js'

/** How `connectTo` reaches an origin. */
export interface ConnectSettings {
  readonly connectTimeout: number
  readonly tls: TlsConnectionOptions | undefined
  /** The proxy's origin, or null to connect directly. */
  readonly proxy: Origin | null
}

/**
 * Opens a connection to `origin` (TCP, TLS or a unix socket, through the proxy if any) within
 * the connect timeout. TLS sends SNI for host names and offers ALPN `http/1.1` (RFC 7301); an
 * https origin behind a proxy is reached through a CONNECT tunnel (RFC 9110 §9.3.6).
 *
 * @throws ClientError `ERR_CLIENT_CONNECT`, `ERR_CLIENT_PROXY` or `ERR_CLIENT_CONNECT_TIMEOUT`.
 */
export async function connectTo(origin: Origin, settings: ConnectSettings): Promise<Duplex> {
  const deadline = Date.now() + settings.connectTimeout
  const proxy = settings.proxy
  if (proxy === null || origin.socketPath !== null) return open(origin, settings, deadline, null)
  const toProxy = await open(proxy, settings, deadline, null)
  if (!origin.secure) return toProxy
  const tunnel = await tunnelThrough(toProxy, origin, deadline)
  return open(origin, settings, deadline, tunnel)
}

/** Sends CONNECT to the proxy and returns the tunnel's socket. */
async function tunnelThrough(socket: Duplex, origin: Origin, deadline: number): Promise<Duplex> {
  const send = handshake(socket, { headersTimeout: Math.max(deadline - Date.now(), 1) })
  const connect = Request.builder()
    .method(Method.CONNECT)
    .uri(
      origin.authority.includes(':')
        ? origin.authority
        : `${origin.authority}:${String(origin.port)}`
    )
    .header('host', origin.authority)
    .body(null)
  let upgraded: Upgraded | undefined
  try {
    const res = await send.send(connect)
    upgraded = res.extensions.get(Upgraded)
    if (upgraded === undefined) {
      await res.body.bytes().catch(() => null)
      throw new ClientError('ERR_CLIENT_PROXY', {
        message: `the proxy answered CONNECT with ${String(res.status.code)}`,
      })
    }
  } catch (error) {
    send.destroy()
    if (error instanceof ClientError && error.code === 'ERR_CLIENT_PROXY') throw error
    throw new ClientError('ERR_CLIENT_PROXY', { cause: error })
  }
  if (upgraded.head.length > 0) upgraded.socket.unshift(upgraded.head)
  return upgraded.socket
}

/** Opens TCP, TLS (over `over` when given) or a unix socket, and waits for it to be ready. */
function open(
  origin: Origin,
  settings: ConnectSettings,
  deadline: number,
  over: Duplex | null
): Promise<Duplex> {
  let socket: Socket | TLSSocket
  const secure = origin.secure
  if (secure) {
    const tls = settings.tls ?? {}
    socket = tlsConnect({
      ...(over === null
        ? origin.socketPath !== null
          ? { path: origin.socketPath }
          : { host: origin.hostname, port: origin.port }
        : { socket: over }),
      servername: isIP(origin.hostname) === 0 ? origin.hostname : undefined,
      ALPNProtocols: ['http/1.1'],
      ...tls,
    } as TlsConnectionOptions)
  } else if (origin.socketPath !== null) socket = netConnect({ path: origin.socketPath })
  else socket = netConnect({ host: origin.hostname, port: origin.port, noDelay: true })
  const ready = secure ? 'secureConnect' : 'connect'
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new ClientError('ERR_CLIENT_CONNECT_TIMEOUT')),
      Math.max(deadline - Date.now(), 1)
    )
    const cleanup = (): void => {
      clearTimeout(timer)
      socket.off(ready, onReady)
      socket.off('error', onError)
    }
    const fail = (error: ClientError): void => {
      cleanup()
      socket.destroy()
      over?.destroy()
      reject(error)
    }
    const onError = (cause: Error): void => fail(new ClientError('ERR_CLIENT_CONNECT', { cause }))
    const onReady = (): void => {
      cleanup()
      socket.setNoDelay(true)
      resolve(socket)
    }
    socket.once(ready, onReady)
    socket.on('error', onError)
  })
}
