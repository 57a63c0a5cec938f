import { latin1 } from './bytes.js'
import { echoPlan } from './echo.js'
import { expectResponses } from './model.js'

const owed = (raw: string): [number, string, boolean][] =>
  expectResponses(latin1(raw)).responses.map((r) => [r.status, r.close, r.optional])

test('pipelined requests are owed answers in order, the malformed one its status, then close', () => {
  const raw =
    'GET /p0 HTTP/1.1\r\nHost: a\r\n\r\n' +
    'GET /p1 HTTP/1.1\r\nHost: a\r\n\r\n' +
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n' +
    'GET /never HTTP/1.1\r\nHost: a\r\n\r\n'
  const exp = expectResponses(latin1(raw))
  expect(exp.responses.map((r) => r.echo)).toEqual([
    echoPlan('GET', '/p0', new Uint8Array()).echo,
    echoPlan('GET', '/p1', new Uint8Array()).echo,
    null,
  ])
  expect(owed(raw).map(([s, c]) => [s, c])).toEqual([
    [echoPlan('GET', '/p0', new Uint8Array()).status, 'no'],
    [echoPlan('GET', '/p1', new Uint8Array()).status, 'no'],
    [400, 'must'],
  ])
})

test('a malformed head gets its own status: 505 for a bad version, 431 for too many fields', () => {
  expect(owed('GET / HTTP/2.0\r\nHost: a\r\n\r\n')).toEqual([[505, 'must', false]])
  expect(owed(`GET / HTTP/1.1\r\nHost: a\r\n${'x: y\r\n'.repeat(2001)}\r\n`)).toEqual([
    [431, 'must', false],
  ])
})

test('a head cut short by the FIN is owed nothing; a body cut short may get 400', () => {
  expect(owed('GET / HTTP/1.1\r\nHost: a\r\n')).toEqual([])
  expect(owed('POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab')).toEqual([
    [400, 'must', true],
  ])
})

test('Connection: close, HTTP/1.0 and CONNECT end the connection after their answer', () => {
  const after = 'GET /x HTTP/1.1\r\nHost: a\r\n\r\n'
  expect(owed('GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n' + after)).toHaveLength(1)
  expect(owed('GET / HTTP/1.0\r\n\r\n' + after)).toHaveLength(1)
  expect(owed('CONNECT a:1 HTTP/1.1\r\nHost: a:1\r\n\r\n' + after)).toHaveLength(1)
  expect(
    owed('GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n' + after).length
  ).toBeGreaterThanOrEqual(1)
})

test('the echo ties a response to its request and body', () => {
  const a = echoPlan('POST', '/x', latin1('hello'))
  expect(a.echo).toMatch(/^POST [0-9a-f]{8} 5 [0-9a-f]{8}$/)
  expect(echoPlan('POST', '/x', latin1('hellp')).echo).not.toBe(a.echo)
  expect(echoPlan('POST', '/x', latin1('hello'))).toEqual(a)
})
