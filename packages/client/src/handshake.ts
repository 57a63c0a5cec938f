import type { Duplex } from 'node:stream'
import { ClientConnection } from './conn.js'
import { resolveConnectionOptions } from './options.js'
import type { ConnectionOptions } from './options.js'
import { SendRequest } from './send-request.js'

/**
 * Starts HTTP/1.1 on a connected duplex (hyper's `client::conn::http1::handshake`): a
 * `net.Socket`, a `tls.TLSSocket`, or any duplex (an in-memory pair in tests). Returns the
 * `SendRequest` that sends requests on it. The connection is kept alive between requests until
 * either side closes it; by default an idle one is never closed by the client. A socket may be
 * given while it is still connecting: requests are written once it connects, and if it never
 * does (refused, DNS, or the TLS handshake of a `tls.connect` socket made with a host and port)
 * they fail with `ERR_CLIENT_CONNECT`, as in a `Client`. A TLS socket made over a socket that was
 * already connected (a proxy tunnel) reports a failed handshake as `ERR_CLIENT_IO`.
 *
 * @example
 * ```ts
 * import { connect } from 'node:net'
 * import { handshake } from '@touche/client'
 * import { Request } from '@touche/http-types'
 *
 * const send = handshake(connect(3000, '127.0.0.1'), { pipelining: 4 })
 * const res = await send.send(Request.get('http://127.0.0.1:3000/').body(null))
 * console.log(await res.body.text())
 * await send.close()
 * ```
 */
export function handshake(duplex: Duplex, options: ConnectionOptions = {}): SendRequest {
  const resolved = resolveConnectionOptions(options, Infinity)
  return new SendRequest(new ClientConnection(duplex, resolved))
}
