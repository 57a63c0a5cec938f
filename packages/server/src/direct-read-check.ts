import { connect, createServer } from 'node:net'
import type { Server as NetServer, Socket } from 'node:net'
import { debuglog } from 'node:util'
import { directSocket } from './direct-read.js'

const trace = debuglog('touche:server')

/**
 * Bytes the check sends: long enough to span more than one read if the kernel splits them, and
 * varied, so a read reported from the wrong memory or offset cannot match by chance.
 */
const PROBE = Uint8Array.from({ length: 1500 }, (_, i) => (i * 7 + 13) & 0xff)

/**
 * How long the check waits for its bytes. Loopback delivers them in microseconds; the bound is
 * for a machine under heavy load, and only delays the first `listen` of a process if reads never
 * arrive.
 */
const CHECK_TIMEOUT_MS = 5_000

let verdict: Promise<boolean> | null = null

/**
 * Whether direct reads (`direct-read.ts`) work on this Node, checked once per process by using
 * them: a loopback connection from a `pauseOnConnect` listener is switched exactly as served
 * connections are, a client writes known bytes, and they must arrive through the `onread`
 * callback, intact and in order, with no `'data'` event. Anything else (no handle to move, an
 * option ignored, bytes late, wrong or delivered as `'data'`, an error) makes it false, and the
 * server then reads every connection through `'data'`: a Node whose internals changed costs
 * speed, never requests. The check never throws.
 *
 * @example
 * ```ts
 * const direct = options.directReads && (await directReadsWork())
 * ```
 */
export function directReadsWork(): Promise<boolean> {
  verdict ??= check().then(
    (ok) => {
      trace('direct reads %s', ok ? 'verified' : 'unavailable: reading through data events')
      return ok
    },
    (error: unknown) => {
      trace('direct reads unavailable: %s', error instanceof Error ? error.message : error)
      return false
    }
  )
  return verdict
}

async function check(): Promise<boolean> {
  const listener = createServer({ pauseOnConnect: true, allowHalfOpen: true })
  const sockets: Socket[] = []
  try {
    const accepted = new Promise<Socket>((resolve) => listener.once('connection', resolve))
    await listenLoopback(listener)
    const { port } = listener.address() as { port: number }
    const client = connect({ port, host: '127.0.0.1' })
    sockets.push(client)
    client.on('error', ignore)
    return await Promise.race([received(await accepted, client, sockets), timeout()])
  } finally {
    for (const socket of sockets) socket.destroy()
    listener.close()
  }
}

/** Re-homes the accepted socket and resolves with whether the client's bytes arrive directly. */
function received(accepted: Socket, client: Socket, sockets: Socket[]): Promise<boolean> {
  return new Promise((resolve) => {
    const got = new Uint8Array(PROBE.length)
    let at = 0
    const direct = directSocket(accepted, {
      onBytes: (bytes) => {
        if (at + bytes.length > got.length) {
          resolve(false)
          return false
        }
        got.set(bytes, at)
        at += bytes.length
        if (at === got.length) resolve(got.every((b, i) => b === PROBE[i]))
        return true
      },
      ownReadLimit: () => 0,
    })
    if (direct === null) {
      sockets.push(accepted)
      resolve(false)
      return
    }
    sockets.push(direct)
    // Bytes as 'data' mean the `onread` option was ignored.
    direct.on('data', () => resolve(false))
    direct.on('error', () => resolve(false))
    client.write(PROBE)
  })
}

function listenLoopback(listener: NetServer): Promise<void> {
  return new Promise((resolve, reject) => {
    listener.once('error', reject)
    // Exclusive: in a cluster worker the check's listener is its own, never one shared through
    // the primary with the app's (which may be on 127.0.0.1:0 too).
    listener.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      listener.off('error', reject)
      resolve()
    })
  })
}

function timeout(): Promise<boolean> {
  return new Promise((resolve) => setTimeout(() => resolve(false), CHECK_TIMEOUT_MS).unref())
}

function ignore(): void {}
