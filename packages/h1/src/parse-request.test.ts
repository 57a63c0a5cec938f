import { Method, Version } from '@touche/http-types'
import { ParseError } from './errors.js'
import type { Limits } from './limits.js'
import { RequestParser, parseWithText } from './parse-request.js'
import type { ParsedRequest } from './types.js'
import { bytes, rawPairs } from '../test/support.js'

function parse(raw: string, limits?: Partial<Limits>): ParsedRequest {
  const head = new RequestParser(limits).parse(bytes(raw))
  if (head === null) throw new Error('incomplete')
  return head
}

function parseErr(raw: string, limits?: Partial<Limits>): ParseError {
  try {
    new RequestParser(limits).parse(bytes(raw))
  } catch (e) {
    if (e instanceof ParseError) return e
    throw e
  }
  throw new Error(`parsed without error: ${JSON.stringify(raw)}`)
}

const host = 'Host: example.com\r\n'

describe('request line', () => {
  test('parses a small GET', () => {
    const head = parse(`GET /index.html?q=1 HTTP/1.1\r\n${host}\r\n`)
    expect(head.method).toBe(Method.GET)
    expect(head.target).toBe('/index.html?q=1')
    expect(head.version).toBe(Version.HTTP_11)
    expect(rawPairs(head.headers)).toEqual([['Host', 'example.com']])
    expect(head.consumed).toBe(51)
    expect(head.body).toEqual({ kind: 'none' })
  })

  test.each(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'])(
    'returns the interned constant for %s',
    (name) => {
      const target = name === 'CONNECT' ? 'example.com:443' : '/'
      expect(parse(`${name} ${target} HTTP/1.1\r\n${host}\r\n`).method).toBe(Method.from(name))
    }
  )

  test.each([
    ['an extension method', 'PURGE'],
    ['a lower-case standard name (an extension method)', 'get'],
    ['a method of token punctuation', "M-_.!#$%&'*+^`|~"],
    ['a method that shares a prefix with a standard one', 'GETS'],
  ])('accepts %s', (_name, method) => {
    const head = parse(`${method} / HTTP/1.1\r\n${host}\r\n`)
    expect(head.method.toString()).toBe(method)
    expect(head.method.equals(method)).toBe(true)
  })

  test('extension methods the application named stay === whatever methods clients send', () => {
    const purge = Method.from('PURGE')
    for (let i = 0; i < 2000; i++) parse(`JUNK${i} / HTTP/1.1\r\n${host}\r\n`)
    expect(Method.from('PURGE')).toBe(purge)
    expect(parse(`PURGE / HTTP/1.1\r\n${host}\r\n`).method).toBe(purge)
    expect(Method.from('MKCALENDAR')).toBe(Method.from('MKCALENDAR'))
  })

  test('a method only a client sent is not interned', () => {
    const a = parse(`NEVER-NAMED / HTTP/1.1\r\n${host}\r\n`).method
    const b = parse(`NEVER-NAMED / HTTP/1.1\r\n${host}\r\n`).method
    expect(a).not.toBe(b)
    expect(a.equals(b)).toBe(true)
  })

  test.each([
    ['origin-form', 'GET', '/a/b?c=d&e'],
    [
      'origin-form with every visible character',
      'GET',
      '/!"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~',
    ],
    ['absolute-form', 'GET', 'http://example.com:8080/x?y'],
    ['absolute-form of another scheme', 'GET', 'urn:isbn:0451450523'],
    ['authority-form for CONNECT', 'CONNECT', 'example.com:443'],
    ['an IPv6 authority for CONNECT', 'CONNECT', '[2001:db8::1]:443'],
    ['asterisk-form for OPTIONS', 'OPTIONS', '*'],
  ])('accepts %s', (_name, method, target) => {
    expect(parse(`${method} ${target} HTTP/1.1\r\n${host}\r\n`).target).toBe(target)
  })

  test.each([
    ['HTTP/1.0', Version.HTTP_10],
    ['HTTP/1.1', Version.HTTP_11],
    ['HTTP/1.2', Version.HTTP_11],
    ['HTTP/1.9', Version.HTTP_11],
  ])('reads %s', (text, version) => {
    expect(parse(`GET / ${text}\r\n${host}\r\n`).version).toBe(version)
  })

  test('ignores one empty line before the request line (RFC 9112 §2.2)', () => {
    const head = parse(`\r\nGET / HTTP/1.1\r\n${host}\r\n`)
    expect(head.target).toBe('/')
    expect(head.consumed).toBe(2 + 16 + host.length + 2)
  })

  test('stops at the end of the head and leaves the body and next request', () => {
    const raw = `POST / HTTP/1.1\r\n${host}Content-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\n`
    const head = parse(raw)
    expect(raw.slice(head.consumed)).toBe('helloGET / HTTP/1.1\r\n')
    expect(head.body).toEqual({ kind: 'length', length: 5 })
  })

  test.each([
    ['an empty method', ' / HTTP/1.1', 'method'],
    ['a non-token byte in the method', 'G@T / HTTP/1.1', 'method'],
    ['a tab after the method', 'GET\t/ HTTP/1.1', 'method'],
    ['a high byte in the method', 'G\xc9T / HTTP/1.1', 'method'],
    ['two spaces after the method', 'GET  / HTTP/1.1', 'target'],
    ['a control byte in the target', 'GET /\x01 HTTP/1.1', 'target'],
    ['a tab in the target', 'GET /a\tb HTTP/1.1', 'target'],
    ['a high byte in the target', 'GET /caf\xe9 HTTP/1.1', 'target'],
    ['DEL in the target', 'GET /\x7f HTTP/1.1', 'target'],
    ['the asterisk-form for GET', 'GET * HTTP/1.1', 'target'],
    ['a target that is no form', 'GET example.com HTTP/1.1', 'target'],
    ['a scheme that starts with a digit', 'GET 1http://a/ HTTP/1.1', 'target'],
    ['origin-form for CONNECT', 'CONNECT / HTTP/1.1', 'target'],
    ['CONNECT without a port', 'CONNECT example.com HTTP/1.1', 'target'],
    ['CONNECT with an empty port', 'CONNECT example.com: HTTP/1.1', 'target'],
    ['CONNECT with userinfo', 'CONNECT u@example.com:443 HTTP/1.1', 'target'],
    ['CONNECT with a path', 'CONNECT example.com:443/x HTTP/1.1', 'target'],
    ['no version (HTTP/0.9)', 'GET /', 'version'],
    ['HTTP/2.0', 'GET / HTTP/2.0', 'version'],
    ['HTTP/0.9 written out', 'GET / HTTP/0.9', 'version'],
    ['a lower-case protocol name', 'GET / http/1.1', 'version'],
    ['a two-digit minor version', 'GET / HTTP/1.10', 'version'],
    ['a version without a dot', 'GET / HTTP/11', 'version'],
    ['a space after the version', 'GET / HTTP/1.1 ', 'version'],
    ['a space before the target and no version', 'GET / ', 'version'],
  ])('rejects %s', (_name, line, kind) => {
    const err = parseErr(`${line}\r\n${host}\r\n`)
    expect(err.kind).toBe(kind)
  })

  test.each([
    ['a short word for a version', 'BAD REQUEST LINE\r\n\r\n'],
    ['a short word after an origin-form target', 'GET / FOO\r\n\r\n'],
    ['a protocol name without a version', 'GET / HTTP\r\n\r\n'],
    ['a version cut short by the line end', 'GET / HTTP/1\r\n\r\n'],
  ])('rejects %s as soon as the version cannot match, without waiting', (_name, raw) => {
    expect(parseErr(raw).kind).toBe('version')
    // The line up to its CR already rules the version out: no later byte can mend it.
    const line = raw.slice(0, raw.indexOf('\r') + 1)
    expect(() => new RequestParser().parse(bytes(line))).toThrow(ParseError)
  })

  test.each(['GET / ', 'GET / H', 'GET / HTTP/', 'GET / HTTP/1.', 'GET / HTTP/1.1'])(
    'waits for more bytes after %j, a prefix of a valid request line',
    (raw) => {
      expect(new RequestParser().parse(bytes(raw))).toBeNull()
    }
  )

  test('answers 505 for unsupported versions and 400 for a bad method', () => {
    expect(parseErr(`GET / HTTP/2.0\r\n${host}\r\n`).status).toBe(505)
    expect(parseErr(`GET /\r\n\r\n`).status).toBe(505)
    expect(parseErr(`G@T / HTTP/1.1\r\n${host}\r\n`).status).toBe(400)
  })

  test.each([
    ['a bare LF ending the request line', `GET / HTTP/1.1\n${host}\r\n`],
    ['a bare CR in the request line', `GET / HTTP/1.1\rX\r\n${host}\r\n`],
    ['a bare LF ending a field', `GET / HTTP/1.1\r\nHost: a\n\r\n`],
    ['a bare LF ending the head', `GET / HTTP/1.1\r\n${host}\n`],
    ['a leading bare LF', `\nGET / HTTP/1.1\r\n${host}\r\n`],
  ])('rejects %s (line-ending)', (_name, raw) => {
    expect(parseErr(raw).kind).toBe('line-ending')
  })

  test('accepts bare LF line endings with allowBareLf', () => {
    const head = parse('\nGET / HTTP/1.1\nHost: a\nX: y\n\n', { allowBareLf: true })
    expect(rawPairs(head.headers)).toEqual([
      ['Host', 'a'],
      ['X', 'y'],
    ])
    expect(head.consumed).toBe(30)
  })

  test('rejects a bare CR even with allowBareLf', () => {
    expect(parseErr('GET / HTTP/1.1\rHost: a\n\n', { allowBareLf: true }).kind).toBe('line-ending')
  })
})

describe('header fields', () => {
  test('keeps duplicates in order, names as sent, values OWS-trimmed', () => {
    const head = parse(
      `GET / HTTP/1.1\r\n${host}accept: a\r\nX-Empty:\r\nACCEPT:  \t b \t\r\ncookie: c=1\r\n\r\n`
    )
    expect(rawPairs(head.headers)).toEqual([
      ['Host', 'example.com'],
      ['accept', 'a'],
      ['X-Empty', ''],
      ['ACCEPT', 'b'],
      ['cookie', 'c=1'],
    ])
    expect(head.headers.getAll('Accept')).toEqual(['a', 'b'])
  })

  test('keeps obs-text in values as latin1', () => {
    const head = parse(`GET / HTTP/1.1\r\n${host}X: caf\xe9\x80\xff\r\n\r\n`)
    expect(head.headers.get('x')).toBe('caf\xe9\x80\xff')
  })

  test.each([
    ['space before colon', 'Host : a', 'header-name'],
    ['obs-fold', 'X: a\r\n b', 'obs-fold'],
    ['NUL in a value', 'X: a\x00b', 'header-value'],
    ['a bare CR in a value', 'X: a\rb', 'header-value'],
    ['a control byte in a value', 'X: a\x1fb', 'header-value'],
  ])('rejects %s', (_name, line, kind) => {
    expect(parseErr(`GET / HTTP/1.1\r\n${host}${line}\r\n\r\n`).kind).toBe(kind)
  })

  test('keeps obs-text in long values, at every alignment', () => {
    for (let pad = 0; pad < 16; pad++) {
      const high = pad < 8 ? '\xe9\xa0\xfe' : '\x80\x9f\xff'
      const value = `${'a'.repeat(40 + (pad & 7))}${high}${'b'.repeat(40)}\t${'c'.repeat(30)}`
      const head = parse(`GET / HTTP/1.1\r\n${host}X-Long: ${value}\r\nY: z\r\n\r\n`)
      expect(rawPairs(head.headers)).toEqual([
        ['Host', 'example.com'],
        ['X-Long', value],
        ['Y', 'z'],
      ])
    }
  })

  test.each([
    ['NUL', '\x00', 'header-value'],
    ['DEL', '\x7f', 'header-value'],
    ['a bare CR', '\r', 'header-value'],
    ['a bare LF', '\n', 'line-ending'],
    ['a vertical tab', '\x0b', 'header-value'],
    ['0x1f', '\x1f', 'header-value'],
  ])('rejects %s anywhere in a long value', (_name, byte, kind) => {
    for (let at = 0; at < 70; at++) {
      const value = 'v'.repeat(at) + byte + 'w'.repeat(140 - at)
      const raw = `GET / HTTP/1.1\r\n${host}X-Long: ${value}\r\n\r\n`
      expect([at, parseErr(raw).kind]).toEqual([at, kind])
    }
  })

  test('the public parser reads the bytes, whatever text a caller may have decoded', () => {
    const input = 'GET /admin?user=alice HTTP/1.1\r\nHost: x\r\n\r\n'
    const parse = RequestParser.prototype.parse as (
      this: RequestParser,
      buf: Uint8Array,
      text?: string
    ) => ParsedRequest | null
    const lie = input.replace('/admin?user=alice', '/guest?user=mallo')
    expect(parse.call(new RequestParser(), bytes(input), lie)!.target).toBe('/admin?user=alice')
  })

  test('the internal text path slices an ASCII head from text decoded from the same bytes', () => {
    const input = 'GET /a?b=1 HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\nGET /next HTTP/1.1'
    const buf = bytes(input)
    const plain = new RequestParser().parse(buf)!
    const sliced = parseWithText(new RequestParser(), buf, input)!
    expect(sliced.target).toBe(plain.target)
    expect(rawPairs(sliced.headers)).toEqual(rawPairs(plain.headers))
    const latin = new Uint8Array([
      ...bytes('GET / HTTP/1.1\r\nHost: x\r\nX: caf'),
      0xe9,
      ...bytes('\r\n\r\n'),
    ])
    // A head that is not ASCII is decoded from its bytes, never taken from the text.
    const fromBytes = parseWithText(
      new RequestParser(),
      latin,
      'GET / HTTP/1.1\r\nHost: x\r\nX: cafe\r\n\r\n'
    )!
    expect(fromBytes.headers.get('x')).toBe('caf\u00e9')
  })

  test('decodes an ASCII head followed by a binary body', () => {
    for (const bodyLength of [3, 200, 400]) {
      const body = '\xff\xfe\xc3'.repeat(bodyLength)
      const raw = `POST /x HTTP/1.1\r\n${host}X-A: ${'a'.repeat(150)}\r\nContent-Length: ${body.length}\r\n\r\n${body}`
      const head = parse(raw)
      expect(head.headers.get('x-a')).toBe('a'.repeat(150))
      expect(head.target).toBe('/x')
      expect(raw.slice(head.consumed)).toBe(body)
    }
  })

  test('rejects whitespace between the request line and the first field', () => {
    expect(parseErr(`GET / HTTP/1.1\r\n ${host}\r\n`).kind).toBe('obs-fold')
  })
})
