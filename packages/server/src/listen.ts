import { connect, createServer as createNetServer } from 'node:net'
import type { AddressInfo, Server as NetServer, Socket } from 'node:net'
import { createServer as createTlsServer } from 'node:tls'
import type { TlsOptions } from 'node:tls'
import { lstat, unlink } from 'node:fs/promises'

/**
 * Where to listen: a TCP host and port, a TLS one, or a unix socket path.
 *
 * @example
 * ```ts
 * const spec: ListenSpec = { kind: 'tcp', host: '127.0.0.1', port: 0 }
 * ```
 */
export type ListenSpec =
  | {
      readonly kind: 'tcp'
      readonly host: string | undefined
      readonly port: number
      readonly reusePort?: boolean
    }
  | {
      readonly kind: 'tls'
      readonly host: string | undefined
      readonly port: number
      readonly tls: TlsOptions
      readonly reusePort?: boolean
    }
  | { readonly kind: 'unix'; readonly path: string }

/**
 * Parses `'0.0.0.0:4444'`, `'[::1]:80'`, `'localhost:0'`, `':8080'`, `'8080'` or a port number.
 *
 * @throws TypeError for anything else.
 * @example
 * ```ts
 * parseAddr('127.0.0.1:0') // { host: '127.0.0.1', port: 0 }
 * ```
 */
export function parseAddr(addr: string | number): { host: string | undefined; port: number } {
  if (typeof addr === 'number') return { host: undefined, port: checkPort(addr, String(addr)) }
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(addr) ?? /^()()(\d+)$/.exec(addr)
  if (m === null) throw new TypeError(`cannot parse address ${JSON.stringify(addr)}`)
  const host = m[1] ?? m[2] ?? ''
  return { host: host === '' ? undefined : host, port: checkPort(Number(m[3]), addr) }
}

function checkPort(port: number, text: string): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`invalid port in ${JSON.stringify(text)}`)
  }
  return port
}

/**
 * Whether this Node can bind several listeners to one port (`SO_REUSEPORT`, the kernel then
 * spreads connections across them): Node 22.12+ (23.1+ on the odd line), on Linux, FreeBSD,
 * DragonFly BSD, Solaris and AIX. Older Nodes ignore the option, so it is refused there rather
 * than failing later with EADDRINUSE in the second process.
 *
 * @example
 * ```ts
 * if (!supportsReusePort()) useClusterInstead()
 * ```
 */
export function supportsReusePort(
  version: string = process.versions.node,
  platform: string = process.platform
): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number)
  const node = major > 23 || (major === 23 && minor >= 1) || (major === 22 && minor >= 12)
  return node && ['linux', 'freebsd', 'dragonfly', 'sunos', 'aix'].includes(platform)
}

/**
 * Creates and binds a listener with room for `backlog` connections in the kernel's accept queue
 * (capped by the system, `net.core.somaxconn` on Linux). Sockets are half-open capable, so requests sent before a
 * client's FIN are still answered; TLS offers ALPN `http/1.1`. A unix socket file left by a dead
 * process is replaced; one that a live server answers on is not (EADDRINUSE).
 */
export async function listen(
  spec: ListenSpec,
  onSocket: (socket: Socket) => void,
  onTlsError: (error: Error) => void,
  backlog: number
): Promise<NetServer> {
  let server: NetServer
  if (spec.kind === 'tls') {
    const tls = createTlsServer({ ALPNProtocols: ['http/1.1'], ...spec.tls, allowHalfOpen: true })
    tls.on('secureConnection', onSocket)
    tls.on('tlsClientError', onTlsError)
    server = tls
  } else {
    // Unread until served: a socket is then switched to direct reads (`direct-read.ts`).
    server = createNetServer({ allowHalfOpen: true, noDelay: true, pauseOnConnect: true }, onSocket)
  }
  if (spec.kind === 'unix') await removeStaleSocket(spec.path)
  const reusePort = spec.kind !== 'unix' && spec.reusePort === true
  if (reusePort && !supportsReusePort()) {
    throw new Error(
      `reusePort needs Node 22.12 or newer on Linux or a BSD (this is Node ${process.versions.node} on ${process.platform}); use node:cluster to share a port`
    )
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    const done = (): void => {
      server.off('error', reject)
      resolve()
    }
    if (spec.kind === 'unix') server.listen({ path: spec.path, backlog }, done)
    else if (reusePort)
      server.listen({ port: spec.port, host: spec.host, backlog, reusePort }, done)
    else server.listen({ port: spec.port, host: spec.host, backlog }, done)
  })
  return server
}

/** The bound address: `AddressInfo` for TCP and TLS, the path for a unix socket. */
export function boundAddress(server: NetServer): AddressInfo | string {
  const addr = server.address()
  if (addr === null) throw new Error('server is not listening')
  return addr
}

async function removeStaleSocket(path: string): Promise<void> {
  try {
    if (!(await lstat(path)).isSocket()) return
  } catch {
    return
  }
  const alive = await new Promise<boolean>((resolve) => {
    const probe = connect(path)
    probe.once('connect', () => {
      probe.destroy()
      resolve(true)
    })
    probe.once('error', () => resolve(false))
  })
  if (!alive) await unlink(path)
}
