import type { Uri } from '@touche/http-types'
import type { RequestTarget } from './client-role.js'
import { ClientError } from './errors.js'

/**
 * Where a pooled connection goes: an http or https host and port, or a unix socket path. Requests
 * to one origin share connections (RFC 6454 origin, plus the socket path).
 *
 * @example
 * ```ts
 * originOf(Uri.from('https://example.com/a')) // { key: 'https://example.com:443', port: 443, ... }
 * ```
 */
export interface Origin {
  /** One string per origin: the pool's key. */
  readonly key: string
  readonly secure: boolean
  /** The host name or address to connect to (IPv6 without brackets). */
  readonly hostname: string
  readonly port: number
  /** A unix socket path (`http+unix:` and `https+unix:` URIs), or null. */
  readonly socketPath: string | null
  /** `host[:port]` as the Host field and a CONNECT target say it. */
  readonly authority: string
}

const ROOT_TARGET: RequestTarget = Object.freeze({ target: '/', host: undefined })

/**
 * The origin of an absolute URI: `http://`, `https://`, or `http+unix://` with the socket path
 * percent-encoded as the host (`http+unix://%2Ftmp%2Fapp.sock/path`), as in requests-unixsocket.
 *
 * @throws ClientError `ERR_CLIENT_INVALID_REQUEST` for a URI that is not absolute or has another
 *   scheme.
 */
export function originOf(uri: Uri): Origin {
  const scheme = uri.scheme
  const host = uri.host
  if (scheme === null || host === null || host.length === 0) {
    throw new ClientError('ERR_CLIENT_INVALID_REQUEST', {
      message: `an absolute http(s) URI is needed, got ${uri.toString()}`,
    })
  }
  switch (scheme) {
    case 'http':
    case 'https': {
      const secure = scheme === 'https'
      const port = uri.port ?? (secure ? 443 : 80)
      const hostname = host.startsWith('[') ? host.slice(1, -1) : host.toLowerCase()
      const authority = uri.port === null ? host : `${host}:${String(port)}`
      return {
        key: `${scheme}://${host.toLowerCase()}:${String(port)}`,
        secure,
        hostname,
        port,
        socketPath: null,
        authority,
      }
    }
    case 'http+unix':
    case 'https+unix': {
      const socketPath = decodeURIComponent(host)
      return {
        key: `${scheme}://${socketPath}`,
        secure: scheme === 'https+unix',
        hostname: 'localhost',
        port: 0,
        socketPath,
        authority: 'localhost',
      }
    }
    default:
      throw new ClientError('ERR_CLIENT_INVALID_REQUEST', {
        message: `unsupported scheme ${scheme}`,
      })
  }
}

/**
 * The request-target and Host for a request to `uri` on a connection it owns (RFC 9112 §3.2):
 * origin-form for an absolute URI (its authority becomes Host, the socket path's is `localhost`),
 * authority-form for CONNECT, and an origin-form or `*` target as given.
 */
export function targetOf(uri: Uri, origin: Origin | null): RequestTarget {
  const raw = uri.toString()
  const c = raw.charCodeAt(0)
  if (c === 0x2f /* / */ || c === 0x2a /* * */) return { target: raw, host: undefined }
  switch (uri.form) {
    case 'absolute':
      return { target: uri.pathAndQuery, host: (origin ?? originOf(uri)).authority }
    case 'authority':
      return { target: raw, host: raw }
    case 'origin':
    case 'asterisk':
      return raw.length === 0 ? ROOT_TARGET : { target: raw, host: undefined }
  }
}
