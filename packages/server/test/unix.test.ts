import { mkdtemp, rm, stat } from 'node:fs/promises'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConnectionInfo, Response, Server } from '../src/index.js'
import type { ServerHandle } from '../src/index.js'
import { connect } from './support/raw-client.js'
import { cleanup, req } from './support/serve.js'

let dir = ''
const handles: ServerHandle[] = []

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'touche-unix-'))
})

afterEach(async () => {
  await cleanup()
  await Promise.all(handles.splice(0).map((h) => h.close({ timeout: 0 })))
  await rm(dir, { recursive: true, force: true })
})

const service = (): Response<string> => Response.builder().body('over unix')

describe('unix sockets', () => {
  it('serves on a unix socket path', async () => {
    const path = join(dir, 's.sock')
    const handle = await Server.builder().bindUnix(path).serve(service)
    handles.push(handle)
    expect(handle.address).toEqual({ host: '', port: 0, family: 'unix', path })
    const c = await connect({ path })
    const res = await c.request(req('GET', '/'))
    expect(res.body.toString()).toBe('over unix')
  })

  it('reports no remote address for unix connections', async () => {
    const path = join(dir, 'info.sock')
    const handle = await Server.builder()
      .bindUnix(path)
      .serve((r) =>
        Response.builder().body(String(r.extensions.get(ConnectionInfo)?.remoteAddress))
      )
    handles.push(handle)
    const c = await connect({ path })
    expect((await c.request(req('GET', '/'))).body.toString()).toBe('undefined')
  })

  it('replaces a stale socket file', async () => {
    const path = join(dir, 'stale.sock')
    // A process that dies without closing its listener leaves the socket file behind.
    spawnSync(process.execPath, [
      '-e',
      `require('net').createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, 'SIGKILL'))`,
    ])
    expect((await stat(path)).isSocket()).toBe(true)
    const handle = await Server.builder().bindUnix(path).serve(service)
    handles.push(handle)
    const c = await connect({ path })
    expect((await c.request(req('GET', '/'))).status).toBe(200)
  })

  it('does not replace a socket something listens on', async () => {
    const path = join(dir, 'live.sock')
    const first = await Server.builder().bindUnix(path).serve(service)
    handles.push(first)
    await expect(Server.builder().bindUnix(path).serve(service)).rejects.toThrow(/EADDRINUSE/)
    const c = await connect({ path })
    expect((await c.request(req('GET', '/'))).status).toBe(200)
  })
})
