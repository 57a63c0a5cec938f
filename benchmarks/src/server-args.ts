import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'

/** Command-line options shared by every benchmark server. */
export interface ServerArgs {
  /** Interface to bind; the runner only uses loopback. */
  readonly host: string
  /** Port to bind; 0 lets the kernel pick a free one. */
  readonly port: number
  /** Idle keep-alive timeout in ms, raised for the idle-connections scenario. */
  readonly keepAliveTimeout: number | undefined
}

/**
 * Parses `--host H --port N [--keep-alive-timeout MS]`.
 *
 * @example
 * const { host, port } = serverArgs()
 */
export function serverArgs(argv: readonly string[] = process.argv.slice(2)): ServerArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      'keep-alive-timeout': { type: 'string' },
    },
  })
  const kat = values['keep-alive-timeout']
  return {
    host: values.host,
    port: Number(values.port),
    keepAliveTimeout: kat === undefined ? undefined : Number(kat),
  }
}

/**
 * Prints the one line the runner waits for: `listening on http://HOST:PORT`.
 *
 * @example
 * server.listen(port, host, () => announce(server.address() as AddressInfo))
 */
export function announce(address: Pick<AddressInfo, 'address' | 'port'>): void {
  const host = address.address.includes(':') ? `[${address.address}]` : address.address
  process.stdout.write(`listening on http://${host}:${address.port}\n`)
}
