import { Duplex } from 'node:stream'

/**
 * Two connected in-memory duplex streams (ws's `test/duplex-pair.js`): bytes written to one are
 * read from the other, ending one ends the other's readable side. Used to drive a connection
 * without the kernel.
 *
 * @example
 * ```ts
 * const [serverSide, clientSide] = duplexPair()
 * void serveConnection(serverSide, handler)
 * clientSide.write('GET / HTTP/1.1\r\nhost: x\r\n\r\n')
 * ```
 */
export function duplexPair(): [Duplex, Duplex] {
  let a: Duplex | null = null
  let b: Duplex | null = null
  const make = (peer: () => Duplex): Duplex =>
    new Duplex({
      allowHalfOpen: true,
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        peer().push(chunk)
        callback()
      },
      final(callback) {
        peer().push(null)
        callback()
      },
      destroy(error, callback) {
        const other = peer()
        if (!other.destroyed) other.destroy()
        callback(error)
      },
    })
  a = make(() => b!)
  b = make(() => a!)
  return [a, b]
}
