import { Method, StatusCode, Version } from '@touche/http-types'
import { ParseError } from './errors.js'
import type { Limits } from './limits.js'
import { ResponseParser } from './parse-response.js'
import type { ParsedResponse } from './types.js'
import { bytes, rawPairs } from '../test/support.js'

function parse(raw: string, method = Method.GET, limits?: Partial<Limits>): ParsedResponse {
  const head = new ResponseParser(limits).parse(bytes(raw), { method })
  if (head === null) throw new Error('incomplete')
  return head
}

function kindOf(raw: string, method = Method.GET): string {
  try {
    parse(raw, method)
    return 'parsed'
  } catch (e) {
    if (e instanceof ParseError) return e.kind
    throw e
  }
}

describe('status line', () => {
  test('parses a response head', () => {
    const head = parse('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A:  b \r\n\r\nhello')
    expect(head.status).toBe(StatusCode.OK)
    expect(head.reason).toBe('OK')
    expect(head.version).toBe(Version.HTTP_11)
    expect(rawPairs(head.headers)).toEqual([
      ['Content-Length', '5'],
      ['X-A', 'b'],
    ])
    expect(head.consumed).toBe(48)
    expect(head.body).toEqual({ kind: 'length', length: 5 })
    expect(head.keepAlive).toBe(true)
  })

  test.each([
    ['a reason with spaces', 'HTTP/1.1 404 Not Found Here', 404, 'Not Found Here'],
    ['an empty reason after the space', 'HTTP/1.1 200 ', 200, ''],
    ['no space and no reason', 'HTTP/1.1 200', 200, ''],
    ['obs-text in the reason', 'HTTP/1.1 200 D\xe9j\xe0', 200, 'D\xe9j\xe0'],
    ['an unregistered code', 'HTTP/1.1 599 Whatever', 599, 'Whatever'],
    ['HTTP/1.0', 'HTTP/1.0 200 OK', 200, 'OK'],
    ['HTTP/1.2 as 1.1', 'HTTP/1.2 200 OK', 200, 'OK'],
  ])('accepts %s', (_name, line, code, reason) => {
    const head = parse(`${line}\r\nContent-Length: 0\r\n\r\n`)
    expect([head.status.code, head.reason]).toEqual([code, reason])
  })

  test.each([
    ['a two-digit code', 'HTTP/1.1 20 OK', 'status'],
    ['a four-digit code', 'HTTP/1.1 2000 OK', 'status'],
    ['a code below 100', 'HTTP/1.1 099 OK', 'status'],
    ['a non-digit code', 'HTTP/1.1 2x0 OK', 'status'],
    ['two spaces before the code', 'HTTP/1.1  200 OK', 'status'],
    ['a control byte in the reason', 'HTTP/1.1 200 O\x01K', 'status'],
    ['HTTP/2', 'HTTP/2.0 200 OK', 'version'],
    ['a lower-case protocol name', 'http/1.1 200 OK', 'version'],
    ['a bare CR in the status line', 'HTTP/1.1 200 OK\rX', 'line-ending'],
  ])('rejects %s', (_name, line, kind) => {
    expect(kindOf(`${line}\r\n\r\n`)).toBe(kind)
  })

  test('rejects a bare LF by default and accepts it with allowBareLf', () => {
    expect(kindOf('HTTP/1.1 200 OK\nA: b\n\n')).toBe('line-ending')
    const head = parse('HTTP/1.1 204 OK\nA: b\n\n', Method.GET, { allowBareLf: true })
    expect(head.consumed).toBe(22)
  })
})

describe('response framing', () => {
  test.each([
    ['chunked', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked', Method.GET, { kind: 'chunked' }],
    ['no length: close-delimited', 'HTTP/1.1 200 OK', Method.GET, { kind: 'close' }],
    ['1xx', 'HTTP/1.1 100 Continue', Method.POST, { kind: 'none' }],
    ['101', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket', Method.GET, { kind: 'none' }],
    ['204', 'HTTP/1.1 204 No Content', Method.GET, { kind: 'none' }],
    [
      '304 with a length',
      'HTTP/1.1 304 Not Modified\r\nContent-Length: 10',
      Method.GET,
      { kind: 'none' },
    ],
    ['HEAD with a length', 'HTTP/1.1 200 OK\r\nContent-Length: 10', Method.HEAD, { kind: 'none' }],
    [
      'HEAD with a coding this codec cannot decode',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked',
      Method.HEAD,
      { kind: 'none' },
    ],
    ['2xx to CONNECT', 'HTTP/1.1 200 Connection Established', Method.CONNECT, { kind: 'none' }],
    [
      '407 to CONNECT',
      'HTTP/1.1 407 Auth\r\nContent-Length: 2',
      Method.CONNECT,
      { kind: 'length', length: 2 },
    ],
  ])('%s', (_name, head, method, body) => {
    expect(parse(`${head}\r\n\r\n`, method).body).toEqual(body)
  })

  test.each([
    [
      'Content-Length with Transfer-Encoding',
      'Content-Length: 3\r\nTransfer-Encoding: chunked',
      'content-length',
    ],
    ['differing Content-Length values', 'Content-Length: 3\r\nContent-Length: 4', 'content-length'],
    ['a coding after chunked', 'Transfer-Encoding: chunked, gzip', 'unsupported-transfer-coding'],
    ['a coding before chunked', 'Transfer-Encoding: gzip, chunked', 'unsupported-transfer-coding'],
    ['chunked twice', 'Transfer-Encoding: chunked, chunked', 'transfer-encoding'],
    ['an empty Transfer-Encoding', 'Transfer-Encoding: ', 'transfer-encoding'],
  ])('rejects %s', (_name, fields, kind) => {
    expect(kindOf(`HTTP/1.1 200 OK\r\n${fields}\r\n\r\n`)).toBe(kind)
  })

  test('rejects Transfer-Encoding in HTTP/1.0', () => {
    expect(kindOf('HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n')).toBe(
      'transfer-encoding'
    )
  })
})

describe('keep-alive', () => {
  test.each([
    ['HTTP/1.1 with a length', 'HTTP/1.1 200 OK\r\nContent-Length: 0', true],
    ['HTTP/1.1 with close', 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close', false],
    ['a close-delimited body', 'HTTP/1.1 200 OK', false],
    ['HTTP/1.0 by default', 'HTTP/1.0 200 OK\r\nContent-Length: 0', false],
    [
      'HTTP/1.0 with keep-alive',
      'HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive',
      true,
    ],
  ])('%s', (_name, head, keepAlive) => {
    expect(parse(`${head}\r\n\r\n`).keepAlive).toBe(keepAlive)
  })
})

describe('incremental input', () => {
  test('returns null until the head is complete, then the same head', () => {
    const raw = bytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    const parser = new ResponseParser()
    for (let i = 0; i < 38; i++)
      expect(parser.parse(raw.subarray(0, i), { method: Method.GET })).toBeNull()
    expect(parser.parse(raw, { method: Method.GET })?.consumed).toBe(38)
  })

  test('a 1xx head is followed by the final head', () => {
    const raw = bytes('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')
    const parser = new ResponseParser()
    const first = parser.parse(raw, { method: Method.POST })
    expect(first?.status.code).toBe(100)
    const second = parser.parse(raw.subarray(first!.consumed), { method: Method.POST })
    expect([second?.status.code, second?.consumed]).toEqual([200, 38])
  })

  test('answers head-too-large while the head is still incomplete', () => {
    const parser = new ResponseParser({ maxHeadBytes: 64 })
    const raw = bytes(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(100)}`)
    expect(parser.parse(raw.subarray(0, 30), { method: Method.GET })).toBeNull()
    expect(() => parser.parse(raw, { method: Method.GET })).toThrow(
      expect.objectContaining({ kind: 'head-too-large', status: 431 })
    )
  })
})

describe('the rules the request parser applies', () => {
  test.each([
    ['garbage', 'garbage\r\n\r\n', 'version'],
    ['a bare line end', '\r\n', 'version'],
    ['an empty line then a status line', '\r\nHTTP/1.1 200 OK\r\n\r\n', 'version'],
    ['a short status code then a line end', 'HTTP/1.1 20\r\n', 'status'],
    ['a status code starting with 0', 'HTTP/1.1 0\r\n', 'status'],
    ['another protocol', 'SSH-2.0-x\r\n', 'version'],
  ])('refuses %s as soon as it arrives, however short', (_name, raw, kind) => {
    expect(kindOf(raw)).toBe(kind)
    // Fed in growing pieces, it fails by the end of its first line at the latest.
    const parser = new ResponseParser()
    const full = bytes(raw)
    let failedAt = -1
    for (let i = 1; i <= full.length && failedAt < 0; i++) {
      try {
        parser.parse(full.subarray(0, i), { method: Method.GET })
      } catch (e) {
        expect(e).toBeInstanceOf(ParseError)
        failedAt = i
      }
    }
    expect(failedAt).toBeGreaterThan(0)
  })

  test('a partial status line that can still become one is incomplete', () => {
    for (const raw of ['H', 'HTTP/1.', 'HTTP/1.1 2', 'HTTP/1.1 200']) {
      expect(new ResponseParser().parse(bytes(raw), { method: Method.GET })).toBeNull()
    }
  })

  test.each([
    ['obs-fold', 'HTTP/1.1 200 OK\r\nX: a\r\n b\r\nContent-Length: 0\r\n\r\n', 'obs-fold'],
    ['a space before the colon', 'HTTP/1.1 200 OK\r\nX : a\r\n\r\n', 'header-name'],
    [
      'Content-Length with chunked on a 304 to GET is still framing-free',
      'HTTP/1.1 304 Not Modified\r\nContent-Length: 3\r\n\r\n',
      'parsed',
    ],
    [
      'a negative Content-Length',
      'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n',
      'content-length',
    ],
    [
      'a Content-Length list with differing values',
      'HTTP/1.1 200 OK\r\nContent-Length: 3, 4\r\n\r\n',
      'content-length',
    ],
    ['a NUL in a field value', 'HTTP/1.1 200 OK\r\nX: a\x00b\r\n\r\n', 'header-value'],
  ])('%s', (_name, raw, kind) => {
    expect(kindOf(raw)).toBe(kind)
  })
})

describe('Keep-Alive timeout', () => {
  test.each([
    ['timeout=5, max=100', 5],
    ['max=100, Timeout=7', 7],
    ['timeout="3"', 3],
    ['timeout=', -1],
    ['timeout=x', -1],
    ['max=4', -1],
  ])('Keep-Alive: %s gives %d', (value, seconds) => {
    const head = parse(`HTTP/1.1 200 OK\r\nContent-Length: 0\r\nKeep-Alive: ${value}\r\n\r\n`)
    expect(head.keepAliveTimeout).toBe(seconds)
  })

  test('is -1 without a Keep-Alive field', () => {
    expect(parse('HTTP/1.1 204 No Content\r\n\r\n').keepAliveTimeout).toBe(-1)
  })
})
