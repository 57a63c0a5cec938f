import { HeaderMap, Method, StatusCode } from '@touche/http-types'
import { ParseError, responseHasBody } from '@touche/h1'
import { ServerError } from './errors.js'
import {
  canHaveFraming,
  declaredLength,
  canDrain,
  errorStatus,
  keepsAlive,
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
  })

  it.each([
    ['persists by default', true, true, null, false, true, true],
    ['the client said close', false, true, null, false, true, false],
    ['the server does not allow it', true, false, null, false, true, false],
    ['an undrainable body', true, true, null, false, false, false],
    ['a close-delimited response', true, true, 'close', false, true, false],
    ['a chunked response', true, true, 'chunked', false, true, true],
    ['the handler said close', true, true, 'length', true, true, false],
  ] as const)('keep-alive when %s: %s', (_n, requested, allowed, framing, close, reusable, ka) => {
    const headers = framing === null ? null : new HeaderMap(close ? { connection: 'close' } : {})
    expect(keepsAlive(requested, allowed, framing, headers, reusable)).toBe(ka)
  })

  it.each([
    ['a complete body', { isDone: true, clientMaySend: false, remaining: 0, isUsed: false }, true],
    ['a withheld body', { isDone: false, clientMaySend: false, remaining: 5, isUsed: true }, false],
    ['a small rest', { isDone: false, clientMaySend: true, remaining: 10, isUsed: false }, true],
    ['a large rest', { isDone: false, clientMaySend: true, remaining: 11, isUsed: false }, false],
    [
      'a large rest being read',
      { isDone: false, clientMaySend: true, remaining: 11, isUsed: true },
      true,
    ],
    [
      'a chunked rest',
      { isDone: false, clientMaySend: true, remaining: null, isUsed: false },
      true,
    ],
  ])('%s can be drained: %s', (_n, facts, expected) => {
    expect(canDrain(facts, 10)).toBe(expected)
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
    [new ServerError('ERR_SERVER_BODY_TOO_SLOW'), 408],
    [new ServerError('ERR_SERVER_INCOMPLETE_MESSAGE'), 400],
    [new Error('boom'), 500],
    ['a string', 500],
  ])('error %s answers %i', (error, status) => {
    expect(errorStatus(error)).toBe(StatusCode.from(status))
  })
})
