import { latin1 } from './bytes.js'
import { readTranscript } from './transcript.js'

const read = (raw: string, methods: string[] = [], end: 'fin' | 'reset' = 'fin') =>
  readTranscript(latin1(raw), methods, end)

test('frames responses by their own framing, interim ones apart', () => {
  const t = read(
    'HTTP/1.1 100 Continue\r\n\r\n' +
      'HTTP/1.1 200 OK\r\nx-echo: a\r\ncontent-length: 2\r\n\r\nhi' +
      'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n2\r\nok\r\n0\r\n\r\n'
  )
  expect(t.responses.map((r) => [r.status, r.interim, r.echo, r.close, r.body.length])).toEqual([
    [200, [100], 'a', false, 2],
    [200, [], null, true, 2],
  ])
  expect([t.malformed, t.truncatedAt]).toEqual([null, null])
})

test('a response to HEAD has no body, whatever its Content-Length says', () => {
  const t = read('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n', [
    'HEAD',
    'GET',
  ])
  expect(t.responses.map((r) => r.status)).toEqual([200, 204])
})

test('a body cut short is a truncation; bytes that are no response are malformed', () => {
  expect(read('HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nab').truncatedAt).toBe(0)
  expect(read('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\nnonsense\r\n\r\n').malformed?.at).toBe(
    38
  )
  expect(read('HTTP/1.0 200 OK\r\ncontent-length: 0\r\n\r\n').malformed?.why).toBe(
    'status line says HTTP/1.0'
  )
})

test('a close-delimited body is complete only with a clean FIN', () => {
  expect(read('HTTP/1.1 200 OK\r\n\r\nall of it').responses[0]?.closeDelimited).toBe(true)
  expect(read('HTTP/1.1 200 OK\r\n\r\nall of it', [], 'reset').truncatedAt).toBe(0)
})
