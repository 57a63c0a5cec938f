import * as fc from 'fast-check'
import { HeaderMap } from '@touche/http-types'
import { Decoder } from './decode.js'
import { Encoder } from './encode.js'
import { EncodeError } from './errors.js'
import type { EncodeErrorKind } from './errors.js'

const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))
const text = (b: Uint8Array): string => String.fromCharCode(...b)
const wire = (pieces: readonly Uint8Array[]): string => pieces.map(text).join('')

function encodeErr(fn: () => unknown): EncodeErrorKind {
  try {
    fn()
  } catch (e) {
    if (e instanceof EncodeError) return e.kind
    throw e
  }
  throw new Error('no EncodeError')
}

describe('Encoder.length', () => {
  test('passes chunks through and counts them down', () => {
    const encoder = Encoder.length(10)
    const chunk = bytes('hello')
    const pieces = encoder.encode(chunk)
    expect(pieces).toHaveLength(1)
    expect(pieces[0]).toBe(chunk)
    expect(encoder.remaining).toBe(5)
    expect(wire(encoder.encode(bytes('world')))).toBe('world')
    expect(encoder.remaining).toBe(0)
    expect(encoder.end()).toBeNull()
    expect(encoder.isEnded).toBe(true)
  })

  test('refuses bytes past the declared length and counts none of them', () => {
    const encoder = Encoder.length(4)
    encoder.encode(bytes('abc'))
    const err = (() => {
      try {
        encoder.encode(bytes('de'))
      } catch (e) {
        return e
      }
      return null
    })()
    expect(err).toBeInstanceOf(EncodeError)
    expect(err).toMatchObject({ kind: 'body-too-long', code: 'ERR_H1_BODY_TOO_LONG' })
    expect(encoder.remaining).toBe(1)
    expect(wire(encoder.encode(bytes('d')))).toBe('d')
  })

  test('refuses to end before the declared length', () => {
    const encoder = Encoder.length(4)
    encoder.encode(bytes('abc'))
    expect(encodeErr(() => encoder.end())).toBe('body-too-short')
    expect(encoder.isEnded).toBe(false)
  })

  test('length 0 ends at once and takes no bytes', () => {
    const encoder = Encoder.length(0)
    expect(encoder.encode(new Uint8Array(0))).toEqual([])
    expect(encodeErr(() => encoder.encode(bytes('x')))).toBe('body-too-long')
    expect(encoder.end()).toBeNull()
  })

  test('cannot carry trailers', () => {
    const trailers = new HeaderMap([['x-sum', '1']])
    expect(encodeErr(() => Encoder.length(0).end(trailers))).toBe('trailers')
  })

  test.each([-1, 0.5, NaN, 2 ** 53])('rejects length %p', (n) => {
    expect(() => Encoder.length(n)).toThrow(RangeError)
  })
})

describe('Encoder.chunked', () => {
  test.each([
    [1, '1'],
    [10, 'a'],
    [255, 'ff'],
    [256, '100'],
    [300, '12c'],
    [65536, '10000'],
  ])('a %i-byte chunk gets the size line %j', (n, hex) => {
    const chunk = new Uint8Array(n)
    const pieces = Encoder.chunked().encode(chunk)
    expect(pieces).toHaveLength(3)
    expect(text(pieces[0]!)).toBe(hex + '\r\n')
    expect(pieces[1]).toBe(chunk)
    expect(text(pieces[2]!)).toBe('\r\n')
  })

  test('an empty chunk writes nothing, since a zero-size chunk would end the body', () => {
    expect(Encoder.chunked().encode(new Uint8Array(0))).toEqual([])
  })

  test('ends with the last chunk and an empty trailer section', () => {
    const encoder = Encoder.chunked()
    expect(encoder.isChunked).toBe(true)
    expect(encoder.remaining).toBeNull()
    expect(wire(encoder.encode(bytes('hello')))).toBe('5\r\nhello\r\n')
    expect(text(encoder.end()!)).toBe('0\r\n\r\n')
  })

  test('an empty trailer map is no trailers', () => {
    expect(text(Encoder.chunked().end(new HeaderMap())!)).toBe('0\r\n\r\n')
    expect(text(Encoder.chunked().end(null)!)).toBe('0\r\n\r\n')
  })

  test('writes trailers after the last chunk, in order', () => {
    const trailers = new HeaderMap()
    trailers.append('Grpc-Status', '0')
    trailers.append('x-checksum', 'abc')
    trailers.append('grpc-status', '1')
    expect(text(Encoder.chunked().end(trailers)!)).toBe(
      '0\r\ngrpc-status: 0\r\nx-checksum: abc\r\ngrpc-status: 1\r\n\r\n'
    )
  })

  test.each([
    'content-length',
    'transfer-encoding',
    'host',
    'trailer',
    'te',
    'authorization',
    'content-type',
    'connection',
    'set-cookie',
  ])('refuses %s as a trailer field', (name) => {
    const trailers = new HeaderMap()
    trailers.append('x-ok', '1')
    trailers.append(name, 'v')
    const encoder = Encoder.chunked()
    expect(encodeErr(() => encoder.end(trailers))).toBe('trailers')
    expect(encoder.isEnded).toBe(false)
  })

  test('round-trips through the chunked decoder', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 10 }),
        fc.boolean(),
        (chunks, withTrailers) => {
          const encoder = Encoder.chunked()
          let raw = ''
          for (const chunk of chunks) raw += wire(encoder.encode(chunk))
          const trailers = withTrailers ? new HeaderMap([['x-count', String(chunks.length)]]) : null
          raw += text(encoder.end(trailers)!)
          const decoder = Decoder.chunked()
          let buf = bytes(raw)
          let body = ''
          let decodedTrailers: HeaderMap | null = null
          while (!decoder.isDone) {
            const step = decoder.decode(buf)
            if (step.data) body += text(step.data)
            decodedTrailers = step.trailers ?? decodedTrailers
            buf = buf.subarray(step.consumed)
          }
          expect(buf.length).toBe(0)
          expect(body).toBe(chunks.map(text).join(''))
          expect(decodedTrailers?.get('x-count')).toBe(
            withTrailers ? String(chunks.length) : undefined
          )
        }
      )
    )
  })
})

describe('Encoder.closeDelimited', () => {
  test('passes chunks through and ends with nothing to write', () => {
    const encoder = Encoder.closeDelimited()
    const chunk = bytes('data')
    expect(encoder.encode(chunk)).toEqual([chunk])
    expect(encoder.remaining).toBeNull()
    expect(encoder.isChunked).toBe(false)
    expect(encoder.end()).toBeNull()
  })

  test('cannot carry trailers', () => {
    expect(encodeErr(() => Encoder.closeDelimited().end(new HeaderMap([['x', 'y']])))).toBe(
      'trailers'
    )
  })
})

describe('Encoder.none', () => {
  test('takes no body bytes', () => {
    const encoder = Encoder.none()
    expect(encoder.remaining).toBe(0)
    expect(encoder.encode(new Uint8Array(0))).toEqual([])
    expect(encodeErr(() => encoder.encode(bytes('x')))).toBe('body-not-allowed')
    expect(encoder.end()).toBeNull()
  })
})

describe('after end', () => {
  test.each([
    ['length', () => Encoder.length(0)],
    ['chunked', () => Encoder.chunked()],
    ['close', () => Encoder.closeDelimited()],
    ['none', () => Encoder.none()],
  ])('a %s body refuses more bytes and a second end', (_kind, make) => {
    const encoder = make()
    encoder.end()
    expect(encodeErr(() => encoder.encode(bytes('x')))).toBe('body-ended')
    expect(encodeErr(() => encoder.end())).toBe('body-ended')
  })
})
