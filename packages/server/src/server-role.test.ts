import { HeaderMap, Method, StatusCode } from '@touche/http-types'
import { ParseError, responseHasBody } from '@touche/h1'
import { ServerError } from './errors.js'
import {
  canHaveFraming,
  declaredLength,
  errorStatus,
  hasToken,
  responseFraming,
  wantsClose,
} from './server-role.js'

describe('server role', () => {
  it.each([
    [Method.GET, 200, true, true],
    [Method.HEAD, 200, false, true],
    [Method.GET, 101, false, false],
    [Method.GET, 103, false, false],
    [Method.GET, 204, false, false],
    [Method.GET, 304, false, false],
    [Method.CONNECT, 200, false, false],
    [Method.CONNECT, 403, true, true],
    [Method.POST, 500, true, true],
  ])('%s %i: body %s, framing %s', (method, status, body, framing) => {
    expect(responseHasBody(status, method)).toBe(body)
    expect(canHaveFraming(method, status)).toBe(framing)
  })

  it.each([
    ['known length', Method.GET, 200, false, 5, false, 'length'],
    ['unknown length', Method.GET, 200, false, undefined, false, 'chunked'],
    ['HTTP/1.0 unknown length', Method.GET, 200, true, undefined, false, 'close'],
    ['trailers declared', Method.GET, 200, false, 5, true, 'chunked'],
    ['trailers on HTTP/1.0', Method.GET, 200, true, 5, true, 'length'],
    ['HEAD known', Method.HEAD, 200, false, 5, false, 'none'],
    ['HEAD unknown', Method.HEAD, 200, false, undefined, false, 'none'],
    ['204', Method.GET, 204, false, 5, false, 'none'],
    ['304', Method.GET, 304, false, 5, false, 'none'],
  ])('framing for %s', (_name, method, status, http10, length, trailers, expected) => {
    expect(responseFraming(method, status, http10, length, trailers)).toBe(expected)
  })

  it.each([
    ['12', 12],
    ['0', 0],
    ['', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['12abc', undefined],
    ['99999999999999999999', undefined],
  ])('declared content-length %j is %s', (value, expected) => {
    const h = new HeaderMap()
    if (value !== '') h.append('content-length', value)
    expect(declaredLength(h)).toBe(expected)
  })

  it.each([
    ['close', true],
    ['Keep-Alive, Close', true],
    ['keep-alive', false],
    ['closed', false],
  ])('connection: %s asks to close: %s', (value, expected) => {
    expect(wantsClose(new HeaderMap({ connection: value }))).toBe(expected)
    expect(hasToken(value.toLowerCase(), 'close')).toBe(expected)
  })

  it.each([
    [new ParseError('head-too-large'), 431],
    [new ParseError('target-too-long'), 414],
    [new ParseError('version'), 505],
    [
      new ServerError('ERR_SERVER_PARSE', { cause: new ParseError('unsupported-transfer-coding') }),
      501,
    ],
    [new ServerError('ERR_SERVER_HEADER_TIMEOUT'), 408],
    [new ServerError('ERR_SERVER_BODY_READ_TIMEOUT'), 408],
    [new Error('boom'), 500],
    ['a string', 500],
  ])('error %s answers %i', (error, status) => {
    expect(errorStatus(error)).toBe(StatusCode.from(status))
  })
})
