import { HeaderMap, Method, StatusCode, Version } from '@touche/http-types'
import { EncodeError } from './errors.js'
import type { ResponseHeadInit } from './write-head.js'
import { writeRequestHead, writeResponseHead } from './write-head.js'

const headers = (...pairs: [string, string][]): HeaderMap => {
  const map = new HeaderMap()
  for (const [name, value] of pairs) map.append(name, value)
  return map
}

const response = (init: Partial<ResponseHeadInit>): string =>
  writeResponseHead({
    status: StatusCode.OK,
    version: Version.HTTP_11,
    headers: new HeaderMap(),
    ...init,
  })

describe('writeResponseHead', () => {
  test.each([
    [StatusCode.OK, Version.HTTP_11, 'HTTP/1.1 200 OK\r\n\r\n'],
    [StatusCode.NOT_FOUND, Version.HTTP_11, 'HTTP/1.1 404 Not Found\r\n\r\n'],
    [StatusCode.OK, Version.HTTP_10, 'HTTP/1.0 200 OK\r\n\r\n'],
    [StatusCode.SWITCHING_PROTOCOLS, Version.HTTP_11, 'HTTP/1.1 101 Switching Protocols\r\n\r\n'],
    [StatusCode.from(599), Version.HTTP_11, 'HTTP/1.1 599 \r\n\r\n'],
    [StatusCode.OK, Version.HTTP_2, 'HTTP/1.1 200 OK\r\n\r\n'],
  ])('status %s in %s', (status, version, expected) => {
    expect(response({ status, version })).toBe(expected)
    expect(response({ status, version })).toBe(expected)
  })

  test('writes a custom reason phrase, including obs-text', () => {
    expect(response({ reason: 'Fine \xe9' })).toBe('HTTP/1.1 200 Fine \xe9\r\n\r\n')
    expect(response({ reason: '' })).toBe('HTTP/1.1 200 \r\n\r\n')
    expect(response({ status: StatusCode.NOT_FOUND })).toBe('HTTP/1.1 404 Not Found\r\n\r\n')
  })

  test.each(['a\r\nx-injected: 1', 'bad\n', 'nul\x00', 'wide \u2028'])(
    'refuses the reason phrase %j',
    (reason) => {
      expect(() => response({ reason })).toThrow(
        expect.objectContaining({ kind: 'head', code: 'ERR_H1_INVALID_HEAD' })
      )
    }
  )

  test('writes user fields in insertion order, lower case, then the framing lines', () => {
    const head = response({
      headers: headers(['Content-Type', 'text/plain'], ['X-A', '1'], ['x-a', '2']),
      contentLength: 12,
      date: 'Sun, 06 Nov 1994 08:49:37 GMT',
      connection: 'keep-alive',
    })
    expect(head).toBe(
      'HTTP/1.1 200 OK\r\n' +
        'content-type: text/plain\r\n' +
        'x-a: 1\r\n' +
        'x-a: 2\r\n' +
        'content-length: 12\r\n' +
        'date: Sun, 06 Nov 1994 08:49:37 GMT\r\n' +
        'connection: keep-alive\r\n' +
        '\r\n'
    )
  })

  test('writes Title-Case names when asked', () => {
    const head = response({
      headers: headers(['content-type', 'a'], ['x-request-id', 'b'], ['www-authenticate', 'c']),
      chunked: true,
      date: 'D',
      connection: 'close',
      titleCase: true,
    })
    expect(head).toBe(
      'HTTP/1.1 200 OK\r\n' +
        'Content-Type: a\r\n' +
        'X-Request-Id: b\r\n' +
        'Www-Authenticate: c\r\n' +
        'Transfer-Encoding: chunked\r\n' +
        'Date: D\r\n' +
        'Connection: close\r\n' +
        '\r\n'
    )
  })

  test('the framing in init replaces user Content-Length and Transfer-Encoding', () => {
    const user = headers(['content-length', '99'], ['x', 'y'], ['transfer-encoding', 'gzip'])
    expect(response({ headers: user, chunked: true })).toBe(
      'HTTP/1.1 200 OK\r\nx: y\r\ntransfer-encoding: chunked\r\n\r\n'
    )
    expect(response({ headers: user, contentLength: 0 })).toBe(
      'HTTP/1.1 200 OK\r\nx: y\r\ncontent-length: 0\r\n\r\n'
    )
  })

  test('omitFraming leaves out user Content-Length and Transfer-Encoding and writes neither', () => {
    const user = headers(['content-length', '99'], ['x', 'y'], ['transfer-encoding', 'gzip'])
    expect(response({ headers: user, omitFraming: true })).toBe('HTTP/1.1 200 OK\r\nx: y\r\n\r\n')
    expect(user.get('content-length')).toBe('99')
  })

  test('without framing in init, user framing fields are kept (a HEAD response)', () => {
    const user = headers(['content-length', '99'])
    expect(response({ headers: user })).toBe('HTTP/1.1 200 OK\r\ncontent-length: 99\r\n\r\n')
  })

  test('date and connection in init replace the user fields; absent, the user fields stay', () => {
    const user = headers(['date', 'old'], ['connection', 'upgrade'], ['upgrade', 'websocket'])
    expect(response({ headers: user, date: 'new', connection: 'close' })).toBe(
      'HTTP/1.1 200 OK\r\nupgrade: websocket\r\ndate: new\r\nconnection: close\r\n\r\n'
    )
    expect(
      response({ status: StatusCode.SWITCHING_PROTOCOLS, headers: user, connection: null })
    ).toBe(
      'HTTP/1.1 101 Switching Protocols\r\ndate: old\r\nconnection: upgrade\r\nupgrade: websocket\r\n\r\n'
    )
  })

  test('HTTP/1.0 never gets Transfer-Encoding', () => {
    const user = headers(['transfer-encoding', 'chunked'], ['x', 'y'])
    expect(response({ version: Version.HTTP_10, headers: user })).toBe(
      'HTTP/1.0 200 OK\r\nx: y\r\n\r\n'
    )
    expect(() => response({ version: Version.HTTP_10, chunked: true })).toThrow(EncodeError)
  })

  test.each([-1, 1.5, NaN, 2 ** 53])('refuses content length %p', (contentLength) => {
    expect(() => response({ contentLength })).toThrow(expect.objectContaining({ kind: 'head' }))
  })

  test('refuses both framings at once', () => {
    expect(() => response({ contentLength: 1, chunked: true })).toThrow(EncodeError)
  })

  test('keepAliveTimeout writes keep-alive: timeout=N in place of a user Keep-Alive', () => {
    const user = headers(['keep-alive', 'timeout=99, max=3'], ['x', 'y'])
    expect(response({ headers: user, keepAliveTimeout: 5 })).toBe(
      'HTTP/1.1 200 OK\r\nx: y\r\nkeep-alive: timeout=5\r\n\r\n'
    )
    expect(response({ headers: user })).toBe(
      'HTTP/1.1 200 OK\r\nkeep-alive: timeout=99, max=3\r\nx: y\r\n\r\n'
    )
    expect(() => response({ keepAliveTimeout: -1 })).toThrow(EncodeError)
  })
})

describe('writeRequestHead', () => {
  test('writes the request line, fields and framing', () => {
    const head = writeRequestHead({
      method: Method.POST,
      target: '/upload?x=1',
      version: Version.HTTP_11,
      headers: headers(['Host', 'example.com'], ['content-length', '3']),
      chunked: true,
    })
    expect(head).toBe(
      'POST /upload?x=1 HTTP/1.1\r\nhost: example.com\r\ntransfer-encoding: chunked\r\n\r\n'
    )
  })

  test('writes HTTP/1.0, extension methods and Title-Case', () => {
    const head = writeRequestHead({
      method: Method.from('PURGE'),
      target: '*',
      version: Version.HTTP_10,
      headers: headers(['host', 'h']),
      contentLength: 0,
      connection: 'keep-alive',
      titleCase: true,
    })
    expect(head).toBe(
      'PURGE * HTTP/1.0\r\nHost: h\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n'
    )
  })

  test('host is written first when the fields have no Host, and left out when they do', () => {
    const init = { method: Method.GET, target: '/', version: Version.HTTP_11, host: 'a:81' }
    expect(writeRequestHead({ ...init, headers: headers(['accept', '*/*']) })).toBe(
      'GET / HTTP/1.1\r\nhost: a:81\r\naccept: */*\r\n\r\n'
    )
    expect(writeRequestHead({ ...init, headers: headers(['Host', 'b']) })).toBe(
      'GET / HTTP/1.1\r\nhost: b\r\n\r\n'
    )
  })

  test.each(['', 'a b', 'a\r\nx: y', 'caf\xe9'])('refuses the host %j', (host) => {
    expect(() =>
      writeRequestHead({
        method: Method.GET,
        target: '/',
        version: Version.HTTP_11,
        headers: headers(),
        host,
      })
    ).toThrow(expect.objectContaining({ kind: 'head' }))
  })

  test.each(['', '/a b', '/a\r\nx: y', '/\x7f', '/caf\xe9'])('refuses the target %j', (target) => {
    expect(() =>
      writeRequestHead({ method: Method.GET, target, version: Version.HTTP_11, headers: headers() })
    ).toThrow(expect.objectContaining({ kind: 'head' }))
  })
})
