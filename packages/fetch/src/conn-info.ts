import { FetchEnv } from './env.js'

/**
 * Where a request came from, in the shape of Hono's `ConnInfo` (`hono/conninfo`), so that Hono's
 * IP restriction and logging middleware work as they do on Node and Bun.
 *
 * @example
 * ```ts
 * const info: ConnInfo = { remote: { address: '127.0.0.1', port: 51234, addressType: 'IPv4' } }
 * ```
 */
export interface ConnInfo {
  readonly remote: {
    readonly address?: string
    readonly port?: number
    readonly addressType?: 'IPv4' | 'IPv6' | 'unknown'
    readonly transport?: 'tcp' | 'udp'
  }
}

/**
 * Hono's `getConnInfo` for apps served by `@touche/fetch`: reads the connection from `c.env`.
 *
 * @throws TypeError when `c.env` is not the `FetchEnv` that `@touche/fetch` passes.
 * @example
 * ```ts
 * import { getConnInfo } from '@touche/fetch'
 * app.get('/ip', (c) => c.text(getConnInfo(c).remote.address ?? 'unknown'))
 * ```
 */
export function getConnInfo(c: { readonly env: unknown }): ConnInfo {
  const env = c.env
  if (!(env instanceof FetchEnv)) {
    throw new TypeError('getConnInfo needs an app served by @touche/fetch (c.env is its FetchEnv)')
  }
  const info = env.info
  const address = info.remoteAddress
  if (address === undefined) return { remote: { addressType: 'unknown' } }
  const addressType = address.includes(':') ? 'IPv6' : 'IPv4'
  const port = info.remotePort
  return {
    remote:
      port === undefined
        ? { address, addressType, transport: 'tcp' }
        : { address, port, addressType, transport: 'tcp' },
  }
}
