import { createServer as createNetServer } from 'node:net'
import type { Server as NetServer, Socket } from 'node:net'
import { Server } from '@touche/server'
import type { ServerHandle, Service } from '@touche/server'
import { Client, ClientError } from '../../src/index.js'
import type { ClientOptions } from '../../src/index.js'

const handles = new Set<ServerHandle>()
const netServers = new Set<NetServer>()
const sockets = new Set<Socket>()

/** A touche server on 127.0.0.1:0; closed by `cleanup()`. */
export async function touche(
  service: Service
): Promise<{ handle: ServerHandle; url: string; port: number }> {
  const handle = await Server.bind('127.0.0.1:0').serve(service)
  handles.add(handle)
  const port = handle.address.port
  return { handle, url: `http://127.0.0.1:${String(port)}`, port }
}

/**
 * A scripted raw server (undici's `net.createServer` tests, hyper's `reply`): `onConnection` gets
 * each socket and writes whatever bytes the test wants, misbehaving on purpose.
 */
export async function raw(
  onConnection: (socket: Socket, index: number) => void
): Promise<{ url: string; port: number; connections: () => number; server: NetServer }> {
  let count = 0
  const server = createNetServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    onConnection(socket, count++)
  })
  netServers.add(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return { url: `http://127.0.0.1:${String(port)}`, port, connections: () => count, server }
}

/**
 * A scripted server that answers every request head it reads on a connection with `reply(i)`
 * (nothing when it returns null); request bodies are not read as such, so use it for bodiless
 * requests or ones whose body the script ignores.
 */
export async function scripted(
  reply: (i: number, socket: Socket, head: string) => string | null
): Promise<{ url: string; port: number; connections: () => number; server: NetServer }> {
  return raw((socket) => {
    let i = 0
    let buf = ''
    socket.on('data', (chunk: Buffer) => {
      buf += chunk.toString('latin1')
      for (let end = buf.indexOf('\r\n\r\n'); end >= 0; end = buf.indexOf('\r\n\r\n')) {
        const head = buf.slice(0, end + 4)
        buf = buf.slice(end + 4)
        const out = reply(i++, socket, head)
        if (out !== null) socket.write(out)
      }
    })
  })
}

/** The `ClientError` that `p` rejects with (the test fails if it resolves or rejects otherwise). */
export async function failure(p: Promise<unknown>): Promise<ClientError> {
  const error = await p.then(
    () => new Error('expected a failure'),
    (e: unknown) => e
  )
  if (!(error instanceof ClientError)) throw error
  return error
}

const clients = new Set<Client>()

/** A `Client` that `cleanup()` destroys. */
export function client(options?: ClientOptions): Client {
  const c = new Client(options)
  clients.add(c)
  return c
}

/** Reads from `socket` until `bytes` holds `count` complete request heads (ends in CRLFCRLF). */
export function readHeads(
  socket: Socket,
  count: number,
  onHead?: (head: string, i: number) => void
): Promise<string[]> {
  return new Promise((resolve) => {
    let buf = ''
    const heads: string[] = []
    const onData = (chunk: Buffer): void => {
      buf += chunk.toString('latin1')
      for (;;) {
        const end = buf.indexOf('\r\n\r\n')
        if (end < 0) break
        const head = buf.slice(0, end + 4)
        buf = buf.slice(end + 4)
        heads.push(head)
        onHead?.(head, heads.length - 1)
        if (heads.length === count) {
          socket.off('data', onData)
          resolve(heads)
          return
        }
      }
    }
    socket.on('data', onData)
  })
}

/** Closes every server and socket the support started. */
export async function cleanup(): Promise<void> {
  for (const c of clients) c.destroy()
  clients.clear()
  for (const s of sockets) s.destroy()
  sockets.clear()
  await Promise.all(
    [...netServers].map((s) => new Promise<void>((resolve) => s.close(() => resolve())))
  )
  netServers.clear()
  await Promise.all([...handles].map((h) => h.close({ timeout: 0 })))
  handles.clear()
}

/** Unhandled rejections seen while a test ran; `afterEach` asserts there were none. */
export const unhandled: unknown[] = []
process.on('unhandledRejection', (reason) => unhandled.push(reason))
