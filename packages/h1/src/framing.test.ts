import { Method } from '@touche/http-types'
import { ParseError } from './errors.js'
import {
  CONN_CLOSE,
  CONN_KEEP_ALIVE,
  CONN_UPGRADE,
  TransferCodings,
  connectionOptions,
  connectionOptionsOf,
  contentLength,
  contentLengthOf,
  hasListToken,
  requestBodyLength,
  responseBodyLength,
  responseHasBody,
} from './framing.js'
import type { FramingFacts } from './framing.js'
import { bytes, kindOf } from '../test/support.js'

const facts = (contentLength: number, transferCoding: FramingFacts['transferCoding']) => ({
  contentLength,
  transferCoding,
})

describe('requestBodyLength (RFC 9112 §6.3)', () => {
  test.each([
    ['no framing fields: no body', facts(-1, 'none'), { kind: 'none' }],
    ['Content-Length', facts(12, 'none'), { kind: 'length', length: 12 }],
    ['Content-Length: 0', facts(0, 'none'), { kind: 'length', length: 0 }],
    ['chunked', facts(-1, 'chunked'), { kind: 'chunked' }],
  ])('%s', (_name, f, expected) => {
    expect(requestBodyLength(f)).toEqual(expected)
  })

  test('rejects a final coding other than chunked with 400', () => {
    expect(kindOf(() => requestBodyLength(facts(-1, 'other')))).toBe('transfer-encoding')
  })

  test('rejects Content-Length together with Transfer-Encoding', () => {
    expect(kindOf(() => requestBodyLength(facts(5, 'chunked')))).toBe('content-length')
  })
})

describe('responseBodyLength (RFC 9112 §6.3)', () => {
  test.each([
    ['HEAD', Method.HEAD, 200, facts(10, 'none'), 'none'],
    ['100 Continue', Method.GET, 100, facts(-1, 'none'), 'none'],
    ['101 Switching Protocols', Method.GET, 101, facts(-1, 'none'), 'none'],
    ['204', Method.GET, 204, facts(-1, 'chunked'), 'none'],
    ['304', Method.GET, 304, facts(10, 'none'), 'none'],
    ['2xx to CONNECT', Method.CONNECT, 200, facts(-1, 'none'), 'none'],
    ['407 to CONNECT', Method.CONNECT, 407, facts(3, 'none'), 'length'],
    ['chunked', Method.GET, 200, facts(-1, 'chunked'), 'chunked'],
    [
      'a final coding other than chunked: close-delimited',
      Method.GET,
      200,
      facts(-1, 'other'),
      'close',
    ],
    ['Content-Length', Method.POST, 201, facts(3, 'none'), 'length'],
    ['no length: close-delimited', Method.GET, 200, facts(-1, 'none'), 'close'],
    ['no length on an error', Method.GET, 500, facts(-1, 'none'), 'close'],
  ])('%s', (_name, method, status, f, kind) => {
    expect(responseBodyLength(f, status, method).kind).toBe(kind)
    expect(responseHasBody(status, method)).toBe(kind !== 'none')
  })

  test('rejects Content-Length together with Transfer-Encoding', () => {
    expect(kindOf(() => responseBodyLength(facts(5, 'chunked'), 200, Method.GET))).toBe(
      'content-length'
    )
  })
})

describe('Content-Length values', () => {
  test.each([
    ['0', 0],
    ['5', 5],
    ['007', 7],
    ['5, 5', 5],
    ['5,5,5', 5],
    ['5 ,\t5', 5],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['000000000000000000000000000001', 1],
  ])('accepts %j', (value, expected) => {
    const v = bytes(value)
    expect(contentLength(v, 0, v.length, -1)).toBe(expected)
  })

  test.each([
    ['empty', ''],
    ['a plus sign', '+5'],
    ['a minus sign', '-5'],
    ['a space inside', '5 5'],
    ['hex', '0x5'],
    ['a letter after the digits', '5a'],
    ['an exponent', '1e3'],
    ['a decimal point', '5.0'],
    ['differing list values', '5, 6'],
    ['an empty list element', '5, , 5'],
    ['a trailing comma', '5,'],
    ['a leading comma', ',5'],
    ['2^53', '9007199254740992'],
    ['a huge value', '99999999999999999999999999'],
  ])('rejects %s', (_name, value) => {
    const v = bytes(value)
    expect(kindOf(() => contentLength(v, 0, v.length, -1))).toBe('content-length')
  })

  test('a repeat must equal the earlier value', () => {
    const v = bytes('6')
    expect(contentLength(v, 0, 1, 6)).toBe(6)
    expect(kindOf(() => contentLength(v, 0, 1, 5))).toBe('content-length')
  })
})

describe('list fields', () => {
  test.each([
    ['close', CONN_CLOSE],
    ['Close', CONN_CLOSE],
    ['keep-alive', CONN_KEEP_ALIVE],
    ['KEEP-ALIVE, Upgrade', CONN_KEEP_ALIVE | CONN_UPGRADE],
    [' , upgrade ,, close ,', CONN_CLOSE | CONN_UPGRADE],
    ['closed, keep-alive2, x-close', 0],
    ['', 0],
  ])('Connection %j', (value, bits) => {
    const v = bytes(value)
    expect(connectionOptions(v, 0, v.length)).toBe(bits)
  })

  test.each([
    ['trailers', true],
    ['deflate;q=0.5, Trailers', true],
    ['TRAILERS;q=1', true],
    ['trailer', false],
    ['x-trailers', false],
    ['', false],
  ])('TE %j has trailers: %s', (value, expected) => {
    const v = bytes(value)
    expect(hasListToken(v, 0, v.length, 'trailers')).toBe(expected)
  })
})

describe('transfer codings', () => {
  function codings(...lines: string[]): string {
    const te = new TransferCodings()
    try {
      for (const line of lines) {
        const v = bytes(line)
        te.add(v, 0, v.length)
      }
      return te.finish()
    } catch (e) {
      if (e instanceof ParseError) return e.kind
      throw e
    }
  }

  test.each([
    [['chunked'], 'chunked'],
    [['Chunked'], 'chunked'],
    [[' chunked , '], 'chunked'],
    [['gzip'], 'other'],
    [['chunked, gzip'], 'other'],
    [['chunked;ext=1'], 'other'],
    [[''], 'transfer-encoding'],
    [[' , ,'], 'transfer-encoding'],
    [['chunked, chunked'], 'transfer-encoding'],
    [['chunked', 'chunked'], 'transfer-encoding'],
    [['gzip, chunked'], 'unsupported-transfer-coding'],
    [['gzip', 'chunked'], 'unsupported-transfer-coding'],
    [['deflate;q=1 , chunked'], 'unsupported-transfer-coding'],
    [['x-custom, chunked'], 'unsupported-transfer-coding'],
    [['g zip, chunked'], 'transfer-encoding'],
    [['"gzip", chunked'], 'transfer-encoding'],
  ])('%j gives %s', (lines, expected) => {
    expect(codings(...lines)).toBe(expected)
  })
})

describe('framing fields given as text', () => {
  test.each([
    ['12', 12],
    ['0', 0],
    ['7, 7', 7],
    ['', -1],
    ['+5', -1],
    ['1e3', -1],
    ['5, 6', -1],
    ['12 ', 12],
    ['\u20ac', -1],
    ['9007199254740992', -1],
  ])('Content-Length %j is %i', (value, expected) => {
    expect(contentLengthOf(value)).toBe(expected)
  })

  test.each([
    ['close', CONN_CLOSE],
    ['Keep-Alive, Upgrade', CONN_KEEP_ALIVE | CONN_UPGRADE],
    ['closed', 0],
    ['x, CLOSE', CONN_CLOSE],
    ['\u0441lose', 0],
  ])('Connection %j has options %i', (value, expected) => {
    expect(connectionOptionsOf(value)).toBe(expected)
  })
})
