import { Response, serveConnection } from '../src/index.js'
import type { Body, Request, ServerError } from '../src/index.js'
import { duplexPair } from './support/duplex-pair.js'
import { RawClient } from './support/raw-client.js'
import { req } from './support/serve.js'

const echo = async (r: Request<Body>): Promise<Response<string>> =>
  Response.builder()
    .header('x-path', r.uri.path)
    .body(await r.body.text())

function start(options = {}): { client: RawClient; done: Promise<void>; errors: ServerError[] } {
  const [server, client] = duplexPair()
  const errors: ServerError[] = []
  const done = serveConnection(server, echo, { ...options, onError: (e) => errors.push(e) })
  return { client: new RawClient(client), done, errors }
}

const PIPELINE =
  req('POST', '/a', 'content-length: 5') +
  'hello' +
  req('POST', '/b', 'transfer-encoding: chunked') +
  '3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n' +
  req('GET', '/c')

describe('serveConnection over an in-memory duplex', () => {
  it('serves a pipeline sent whole', async () => {
    const { client } = start()
    client.writeRaw(PIPELINE)
    expect((await client.readResponse()).body.toString()).toBe('hello')
    expect((await client.readResponse()).body.toString()).toBe('abcde')
    expect((await client.readResponse()).headers.get('x-path')).toBe('/c')
  })

  it('gives the same responses at every split point', async () => {
    for (let i = 1; i < PIPELINE.length; i++) {
      const { client } = start()
      client.writeRaw(PIPELINE.slice(0, i))
      await new Promise((r) => setImmediate(r))
      client.writeRaw(PIPELINE.slice(i))
      const bodies = []
      for (let n = 0; n < 3; n++) bodies.push((await client.readResponse()).body.toString())
      expect(bodies).toEqual(['hello', 'abcde', ''])
      client.destroy()
    }
  })

  it('serves a request fed one byte at a time', async () => {
    const { client } = start()
    for (const byte of PIPELINE) {
      client.writeRaw(byte)
      await new Promise((r) => setImmediate(r))
    }
    expect((await client.readResponse()).body.toString()).toBe('hello')
    expect((await client.readResponse()).body.toString()).toBe('abcde')
    expect((await client.readResponse()).headers.get('x-path')).toBe('/c')
  })

  it('resolves once the peer has gone and reports a cut-off request', async () => {
    const { client, done, errors } = start()
    client.writeRaw(req('POST', '/', 'content-length: 10') + 'abc')
    client.end()
    await done
    expect(errors.map((e) => e.code)).toContain('ERR_SERVER_INCOMPLETE_MESSAGE')
    expect(errors[0]?.isIncompleteMessage()).toBe(true)
  })

  it('answers 400 to a head that is already malformed when the peer half-closes', async () => {
    const { client, done, errors } = start()
    client.writeRaw('GET / HTTP/1.1\r\nhost: x\r\nbad header\r\n')
    client.end()
    const res = await client.readResponse()
    expect(res.status).toBe(400)
    await done
    expect(errors.map((e) => e.code)).toEqual(['ERR_SERVER_PARSE'])
  })

  it('sends nothing for a head merely cut short by the peer', async () => {
    const { client, done, errors } = start()
    client.writeRaw('GET / HTTP/1.1\r\nhost: x\r\n')
    client.end()
    expect((await client.readUntilClose()).length).toBe(0)
    await done
    expect(errors.map((e) => e.code)).toEqual(['ERR_SERVER_INCOMPLETE_MESSAGE'])
  })

  it('resolves when the peer closes an idle connection', async () => {
    const { client, done, errors } = start()
    await client.request(req('GET', '/'))
    client.end()
    await done
    expect(errors).toHaveLength(0)
  })
})
