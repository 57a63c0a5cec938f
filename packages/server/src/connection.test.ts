import { duplexPair } from '../test/support/duplex-pair.js'
import { RawClient } from '../test/support/raw-client.js'
import { ConnectionInfo } from './conn-info.js'
import { Connection } from './connection.js'
import { resolveOptions } from './options.js'
import type { ServerOptionsInit } from './options.js'
import { Response } from '@touche/http-types'
import type { Request } from '@touche/http-types'
import type { Body, BodyInit } from '@touche/body'

type Handler = (r: Request<Body>) => Response<BodyInit> | Promise<Response<BodyInit>>

function open(handler: Handler, init: ServerOptionsInit = {}): [Connection, RawClient] {
  const [server, client] = duplexPair()
  const options = resolveOptions({ onError: () => undefined, ...init })
  const conn = new Connection(server, handler, options, ConnectionInfo.of(server))
  return [conn, new RawClient(client)]
}

const state = (c: Connection): string =>
  `${c.state.reading}/${c.state.writing}/${c.state.keepAlive}`
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** A promise and the function that resolves it (a handler waits on it until the test says). */
function deferred(): [Promise<void>, () => void] {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  return [gate, release]
}

describe('Connection states', () => {
  it('goes head -> body -> head, busy -> idle, around a request with a body', async () => {
    const [gate, release] = deferred()
    const [conn, client] = open(async (r) => {
      await gate
      return Response.builder().body(await r.body.text())
    })
    expect(state(conn)).toBe('head/init/idle')
    expect(conn.state.timer.kind).toBe('header')
    client.writeRaw('POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\n\r\nhe')
    await turn()
    expect(state(conn)).toBe('body/init/busy')
    expect(conn.state.timer.kind).toBe('body')
    release()
    client.writeRaw('llo')
    expect((await client.readResponse()).body.toString()).toBe('hello')
    expect(state(conn)).toBe('head/init/idle')
    expect(conn.state.timer.kind).toBe('idle')
    client.destroy()
    await conn.done
  })

  it('holds reading after an upgrade request until it is answered', async () => {
    const [gate, release] = deferred()
    const [conn, client] = open(async () => {
      await gate
      return Response.builder().body('no')
    })
    client.writeRaw('GET / HTTP/1.1\r\nhost: x\r\nconnection: upgrade\r\nupgrade: y\r\n\r\n')
    client.writeRaw('GET /next HTTP/1.1\r\nhost: x\r\n\r\n')
    await turn()
    expect(conn.state.reading).toBe('hold')
    release()
    expect((await client.readResponse()).body.toString()).toBe('no')
    expect((await client.readResponse()).body.toString()).toBe('no')
    expect(conn.state.reading).toBe('head')
    client.destroy()
    await conn.done
  })

  it('closes reading and writing after a request that says close', async () => {
    const [conn, client] = open(() => Response.builder().body('bye'))
    client.writeRaw('GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n')
    await client.readResponse()
    expect(state(conn)).toBe('closed/closed/disabled')
    expect(conn.state.timer.kind).toBe('linger')
    client.end()
    await conn.done
  })

  it('waits for owed responses after a FIN, under the half-close timer', async () => {
    const [gate, release] = deferred()
    const [conn, client] = open(async () => {
      await gate
      return Response.builder().body('late')
    })
    client.writeRaw('GET / HTTP/1.1\r\nhost: x\r\n\r\n')
    client.end()
    await turn()
    expect(conn.state.reading).toBe('closed')
    expect(conn.state.hasPeerEnded).toBe(true)
    expect(conn.state.timer.kind).toBe('half-close')
    release()
    expect((await client.readResponse()).body.toString()).toBe('late')
    await conn.done
    expect(conn.state.writing).toBe('closed')
  })

  it('stops reading after the request in flight once shutdown starts', async () => {
    const [gate, release] = deferred()
    const [conn, client] = open(async () => {
      await gate
      return Response.builder().body('last')
    })
    client.writeRaw('GET / HTTP/1.1\r\nhost: x\r\n\r\n')
    await turn()
    conn.shutdown()
    expect(conn.state.reading).toBe('closed')
    release()
    const res = await client.readResponse()
    expect(res.headers.get('connection')).toBe('close')
    await client.waitClosed()
  })
})
