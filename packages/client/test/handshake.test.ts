import { connect } from 'node:net'
import { Request, Response } from '@touche/http-types'
import { Body, handshake } from '../src/index.js'
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

  it('fails with a connect error when the socket it was given cannot connect', async () => {
    const server = await raw((s) => s.destroy())
    server.server.close()
    await new Promise((r) => server.server.once('close', r))
    const send = handshake(connect(server.port, '127.0.0.1'))
    const error = await send.send(Request.get(`${server.url}/`).body(null)).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_CLIENT_CONNECT', cause: { code: 'ECONNREFUSED' } })
  })

  it('sends a body chunk that is ready in the same write as the head', async () => {
    // One write per request is one system call; a head sent alone costs a second one.
    let received = ''
    const server = await raw((socket) => {
      socket.on('data', (d: Buffer) => {
        received += d.toString('latin1')
        if (received.endsWith('\r\n0\r\n\r\n')) {
          socket.write('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n')
        }
      })
    })
    const socket = connect(server.port, '127.0.0.1')
    const writes: number[] = []
    const writev = socket._writev?.bind(socket)
    const write = socket._write.bind(socket)
    socket._write = (chunk: Buffer, encoding, callback) => {
      writes.push(1)
      write(chunk, encoding, callback)
    }
    if (writev) {
      socket._writev = (chunks, callback) => {
        writes.push(chunks.length)
        writev(chunks, callback)
      }
    }
    const [sender, body] = Body.channel()
    void sender.send('hello')
    sender.close()
    const send = handshake(socket)
    const res = await send.send(Request.post(`${server.url}/`).body(body))
    expect(res.status.code).toBe(200)
    // Head, chunk and the last chunk: the body had ended before the request was sent.
    expect(writes).toHaveLength(1)
    expect(received).toContain('\r\n\r\n5\r\nhello\r\n0\r\n\r\n')
    await send.close()
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
