import { connect } from 'node:net'
import { Request, Response } from '@touche/http-types'
import { handshake } from '../src/index.js'
import { cleanup, raw, readHeads, touche } from './support/servers.js'

afterEach(cleanup)

describe('handshake', () => {
  it('sends requests on one connection and reads the responses', async () => {
    const server = await touche(async (req) =>
      Response.builder()
        .header('x-path', req.uri.path)
        .body(`hello ${await req.body.text()}`)
    )
    const send = handshake(connect(server.port, '127.0.0.1'))
    const a = await send.send(Request.get(`${server.url}/a`).body(null))
    expect(a.status.code).toBe(200)
    expect(a.headers.get('x-path')).toBe('/a')
    expect(await a.body.text()).toBe('hello ')
    const b = await send.send(Request.post(`${server.url}/b`).body('world'))
    expect(await b.body.text()).toBe('hello world')
    await send.close()
    expect(send.isClosed()).toBe(true)
  })

  it('pipelines requests sent together, in one write, and matches responses in order', async () => {
    let writes = 0
    const server = await raw((socket) => {
      socket.on('data', () => writes++)
      void readHeads(socket, 3).then((heads) => {
        socket.write(
          heads.map((_h, i) => `HTTP/1.1 200 OK\r\ncontent-length: 1\r\n\r\n${String(i)}`).join('')
        )
      })
    })
    const send = handshake(connect(server.port, '127.0.0.1'), { pipelining: 3 })
    const all = await Promise.all(
      ['/0', '/1', '/2'].map((p) => send.send(Request.get(`${server.url}${p}`).body(null)))
    )
    expect(await Promise.all(all.map((r) => r.body.text()))).toEqual(['0', '1', '2'])
    expect(writes).toBe(1)
    send.destroy()
  })
})
