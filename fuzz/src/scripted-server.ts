/**
 * A scripted server: it reads a connection's whole input (up to the client's FIN), then writes
 * whatever its script returns and closes, or not. The harness's own tests use it to show that
 * each oracle fails on a server that misbehaves in that way; a client-side run would use it to
 * play the misbehaving server (garbage after a response, early close, wrong lengths).
 */
import { createServer } from 'node:net'
import type { AddressInfo, Socket } from 'node:net'

/** What the script answers to one connection's input. */
export interface ScriptedReply {
  readonly bytes: Uint8Array
  /** Whether to close the connection after writing (false: keep it open until the client goes). */
  readonly close: boolean
}

/** A running scripted server. */
export interface ScriptedServer {
  readonly port: number
  close(): Promise<void>
}

/**
 * Listens on 127.0.0.1:0 and answers every connection with `script(input)`.
 *
 * @example
 * ```ts
 * const server = await scriptedServer(() => ({ bytes: latin1('garbage'), close: true }))
 * ```
 */
export async function scriptedServer(
  script: (input: Uint8Array) => ScriptedReply
): Promise<ScriptedServer> {
  const sockets = new Set<Socket>()
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    const chunks: Buffer[] = []
    socket.on('data', (d: Buffer) => chunks.push(d))
    socket.on('end', () => {
      const reply = script(Buffer.concat(chunks))
      socket.write(reply.bytes)
      if (reply.close) socket.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
