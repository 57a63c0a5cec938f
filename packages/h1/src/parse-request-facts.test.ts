import { ParseError } from './errors.js'
import { RequestParser } from './parse-request.js'
import type { ParsedRequest } from './types.js'
import { bytes } from '../test/support.js'

function parse(raw: string): ParsedRequest {
  const head = new RequestParser().parse(bytes(raw))
  if (head === null) throw new Error('incomplete')
  return head
}

function errorOf(raw: string): { kind: string; status: number } | 'parsed' {
  try {
    parse(raw)
    return 'parsed'
  } catch (e) {
    if (e instanceof ParseError) return { kind: e.kind, status: e.status }
    throw e
  }
}

/** A request with `fields` (CRLF-terminated lines) after the request line. */
const req = (fields: string, line = 'POST / HTTP/1.1') => `${line}\r\n${fields}\r\n`
const host = 'Host: a\r\n'

describe('body framing', () => {
  test.each([
    ['no framing fields', host, { kind: 'none' }],
    ['Content-Length', `${host}Content-Length: 10\r\n`, { kind: 'length', length: 10 }],
    ['Content-Length: 0', `${host}content-length: 0\r\n`, { kind: 'length', length: 0 }],
    [
      'Content-Length with leading zeros',
      `${host}Content-Length: 0012\r\n`,
      { kind: 'length', length: 12 },
    ],
    ['Content-Length: 5, 5', `${host}Content-Length: 5, 5\r\n`, { kind: 'length', length: 5 }],
    [
      'identical repeated Content-Length',
      `${host}Content-Length: 5\r\nCONTENT-LENGTH: 5\r\n`,
      { kind: 'length', length: 5 },
    ],
    ['chunked', `${host}Transfer-Encoding: chunked\r\n`, { kind: 'chunked' }],
    ['chunked in any case', `${host}transfer-encoding: CHUNKED\r\n`, { kind: 'chunked' }],
  ])('%s', (_name, fields, body) => {
    expect(parse(req(fields)).body).toEqual(body)
  })

  test.each([
    ['a signed Content-Length', 'Content-Length: +5', 'content-length', 400],
    ['a Content-Length with inner space', 'Content-Length: 5 0', 'content-length', 400],
    ['a hex Content-Length', 'Content-Length: 0x10', 'content-length', 400],
    ['an empty Content-Length', 'Content-Length:', 'content-length', 400],
    ['an overflowing Content-Length', 'Content-Length: 9007199254740992', 'content-length', 400],
    ['differing list values', 'Content-Length: 5, 6', 'content-length', 400],
    ['differing repeated fields', 'Content-Length: 5\r\nContent-Length: 6', 'content-length', 400],
    [
      'Content-Length with Transfer-Encoding',
      'Content-Length: 5\r\nTransfer-Encoding: chunked',
      'content-length',
      400,
    ],
    [
      'Transfer-Encoding before Content-Length',
      'Transfer-Encoding: chunked\r\nContent-Length: 5',
      'content-length',
      400,
    ],
    ['an empty Transfer-Encoding', 'Transfer-Encoding:', 'transfer-encoding', 400],
    ['a final coding other than chunked', 'Transfer-Encoding: gzip', 'transfer-encoding', 400],
    ['chunked before another coding', 'Transfer-Encoding: chunked, gzip', 'transfer-encoding', 400],
    ['chunked twice', 'Transfer-Encoding: chunked, chunked', 'transfer-encoding', 400],
    [
      'chunked twice over two lines',
      'Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked',
      'transfer-encoding',
      400,
    ],
    ['gzip before chunked', 'Transfer-Encoding: gzip, chunked', 'unsupported-transfer-coding', 501],
    [
      'an unknown coding before chunked',
      'Transfer-Encoding: foo, chunked',
      'unsupported-transfer-coding',
      501,
    ],
  ])('rejects %s', (_name, fields, kind, status) => {
    expect(errorOf(req(`${host}${fields}\r\n`))).toEqual({ kind, status })
  })

  test('rejects Transfer-Encoding in HTTP/1.0', () => {
    expect(errorOf(req('Transfer-Encoding: chunked\r\n', 'POST / HTTP/1.0'))).toEqual({
      kind: 'transfer-encoding',
      status: 400,
    })
  })
})

describe('Host', () => {
  test.each([
    ['a name', 'example.com'],
    ['a name and port', 'example.com:8080'],
    ['an IPv4 address', '127.0.0.1:80'],
    ['an IPv6 literal', '[::1]:8080'],
    ['an empty value (RFC 9112 §3.2)', ''],
    ['percent-encoding', 'ex%41mple.com'],
  ])('accepts %s', (_name, value) => {
    expect(parse(req(`Host: ${value}\r\n`, 'GET / HTTP/1.1')).headers.get('host')).toBe(value)
  })

  test.each([
    ['no Host in HTTP/1.1', 'X: y\r\n', 'GET / HTTP/1.1'],
    ['no Host with an absolute-form target', 'X: y\r\n', 'GET http://a/ HTTP/1.1'],
    ['two Host fields', 'Host: a\r\nHost: a\r\n', 'GET / HTTP/1.1'],
    ['two Host fields in HTTP/1.0', 'Host: a\r\nhost: b\r\n', 'GET / HTTP/1.0'],
    ['a space inside', 'Host: a b\r\n', 'GET / HTTP/1.1'],
    ['a slash', 'Host: a/b\r\n', 'GET / HTTP/1.1'],
    ['userinfo', 'Host: u@a\r\n', 'GET / HTTP/1.1'],
    ['a non-numeric port', 'Host: a:b\r\n', 'GET / HTTP/1.1'],
    ['two ports', 'Host: a:1:2\r\n', 'GET / HTTP/1.1'],
    ['an unclosed IPv6 literal', 'Host: [::1\r\n', 'GET / HTTP/1.1'],
    ['a bad percent-escape', 'Host: a%zz\r\n', 'GET / HTTP/1.1'],
    ['an invalid Host in HTTP/1.0', 'Host: a b\r\n', 'GET / HTTP/1.0'],
  ])('rejects %s', (_name, fields, line) => {
    expect(errorOf(req(fields, line))).toEqual({ kind: 'host', status: 400 })
  })

  test('HTTP/1.0 may omit Host', () => {
    expect(parse(req('', 'GET / HTTP/1.0')).headers.size).toBe(0)
  })
})

describe('connection facts', () => {
  test.each([
    ['HTTP/1.1 defaults to keep-alive', 'GET / HTTP/1.1', host, true, false],
    ['HTTP/1.1 with close', 'GET / HTTP/1.1', `${host}Connection: close\r\n`, false, true],
    [
      'close in any case, in a list',
      'GET / HTTP/1.1',
      `${host}Connection: foo, CLOSE\r\n`,
      false,
      true,
    ],
    [
      'close on a second Connection line',
      'GET / HTTP/1.1',
      `${host}Connection: x\r\nConnection: close\r\n`,
      false,
      true,
    ],
    ['HTTP/1.0 defaults to close', 'GET / HTTP/1.0', '', false, false],
    ['HTTP/1.0 with keep-alive', 'GET / HTTP/1.0', 'Connection: Keep-Alive\r\n', true, false],
    [
      'HTTP/1.0 with keep-alive and upgrade',
      'GET / HTTP/1.0',
      'Connection: keep-alive, upgrade\r\n',
      true,
      false,
    ],
    [
      'HTTP/1.0 with keep-alive and close',
      'GET / HTTP/1.0',
      'Connection: keep-alive, close\r\n',
      false,
      true,
    ],
    ['a Keep-Alive field is not the option', 'GET / HTTP/1.0', 'Keep-Alive: 300\r\n', false, false],
  ])('%s', (_name, line, fields, keepAlive, mustClose) => {
    const head = parse(req(fields, line))
    expect([head.keepAlive, head.mustClose]).toEqual([keepAlive, mustClose])
  })

  test.each([
    ['Expect: 100-continue', 'GET / HTTP/1.1', `${host}Expect: 100-continue\r\n`, true],
    ['any case', 'GET / HTTP/1.1', `${host}expect: 100-Continue\r\n`, true],
    ['another expectation', 'GET / HTTP/1.1', `${host}Expect: 200-ok\r\n`, false],
    ['HTTP/1.0 (ignored, RFC 9110 §10.1.1)', 'GET / HTTP/1.0', 'Expect: 100-continue\r\n', false],
  ])('expectContinue: %s', (_name, line, fields, expected) => {
    expect(parse(req(fields, line)).expectContinue).toBe(expected)
  })

  test.each([
    [
      'Upgrade listed in Connection',
      'GET / HTTP/1.1',
      `${host}Connection: Upgrade\r\nUpgrade: websocket\r\n`,
      true,
    ],
    [
      'Upgrade without the connection option',
      'GET / HTTP/1.1',
      `${host}Upgrade: websocket\r\n`,
      false,
    ],
    [
      'the connection option without Upgrade',
      'GET / HTTP/1.1',
      `${host}Connection: upgrade\r\n`,
      false,
    ],
    [
      'HTTP/1.0 (ignored, RFC 9110 §7.8)',
      'GET / HTTP/1.0',
      'Connection: upgrade\r\nUpgrade: x\r\n',
      false,
    ],
    ['CONNECT', 'CONNECT a:443 HTTP/1.1', host, true],
    ['CONNECT in HTTP/1.0', 'CONNECT a:443 HTTP/1.0', '', true],
  ])('upgrade: %s', (_name, line, fields, expected) => {
    expect(parse(req(fields, line)).upgrade).toBe(expected)
  })

  test.each([
    ['TE: trailers', `${host}TE: trailers\r\n`, true],
    ['in a list with parameters', `${host}te: deflate;q=0.5, Trailers\r\n`, true],
    ['other codings only', `${host}TE: gzip\r\n`, false],
    ['no TE', host, false],
  ])('acceptsTrailers: %s', (_name, fields, expected) => {
    expect(parse(req(fields, 'GET / HTTP/1.1')).acceptsTrailers).toBe(expected)
  })
})
