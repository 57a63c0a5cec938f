import * as fc from 'fast-check'
import { Decoder } from './decode.js'
import { resolveLimits } from './limits.js'
import { decodeAll, decodeErr, feed, text } from '../test/chunked-support.js'
import { bytes } from '../test/support.js'

describe('chunk sizes', () => {
  test.each([
    ['1\r\na\r\n0\r\n\r\n', 'a'],
    ['01\r\na\r\n0\r\n\r\n', 'a'],
    ['0000000001\r\na\r\n00\r\n\r\n', 'a'],
    ['A\r\n0123456789\r\n0\r\n\r\n', '0123456789'],
    ['a\r\n0123456789\r\n0\r\n\r\n', '0123456789'],
    ['10\r\n1234567890abcdef\r\n0\r\n\r\n', '1234567890abcdef'],
    ['Ff\r\n' + 'x'.repeat(255) + '\r\n0\r\n\r\n', 'x'.repeat(255)],
    ['3\r\nfoo\r\n3\r\nbar\r\n0\r\n\r\n', 'foobar'],
    ['0\r\n\r\n', ''],
    ['3\r\n\r\n\r\r\n0\r\n\r\n', '\r\n\r'],
  ])('%j decodes to %j', (raw, body) => {
    expect(decodeAll(raw)).toEqual({ body, done: true, rest: '', trailers: null })
  })

  test.each([
    ['\r\n', 'an empty size'],
    ['X\r\n', 'a non-hex digit'],
    ['1X\r\n', 'a non-hex digit after a digit'],
    ['-1\r\n', 'a minus sign'],
    ['+1\r\n', 'a plus sign'],
    ['0x1\r\n', 'a 0x prefix'],
    [' 1\r\n', 'leading whitespace'],
    ['1 2\r\n', 'whitespace inside the size'],
    ['1 \r\n', 'whitespace not followed by ";"'],
    ['1 A\r\n', 'a digit after whitespace'],
    ['F\rF', 'a bare CR'],
    ['1;a\rb\r\n', 'a bare CR after an extension'],
    ['1\na\r\n0\r\n\r\n', 'a bare LF'],
    ['20000000000000\r\n', 'a size of 2^53'],
    ['fffffffffffffffff\r\n', 'a size over 2^64'],
  ])('%j is a chunk-size error: %s', (raw) => {
    expect(decodeErr(raw)).toBe('chunk-size')
  })

  test('accepts the largest safe size', () => {
    expect(feed([bytes('1fffffffffffff\r\nabc')])).toMatchObject({ body: 'abc', done: false })
  })

  test('returns one data view per chunk, with no extra empty step', () => {
    const outcome = feed([bytes('3\r\nfoo\r\n3\r\nbar\r\n0\r\n\r\n')])
    expect(outcome).toMatchObject({ body: 'foobar', steps: 2, done: true })
  })

  test('stops at the end of the body and leaves the next message', () => {
    expect(decodeAll('3\r\nabc\r\n0\r\n\r\nGET / HTTP/1.1\r\n')).toEqual({
      body: 'abc',
      done: true,
      rest: 'GET / HTTP/1.1\r\n',
      trailers: null,
    })
  })
})

describe('chunk data', () => {
  test.each([
    ['1\r\nab\r\n', 'a byte where CR belongs'],
    ['1\r\na\rb', 'CR not followed by LF'],
    ['1\r\na\n0\r\n\r\n', 'a bare LF'],
  ])('%j is a chunk-data error: %s', (raw) => {
    expect(decodeErr(raw)).toBe('chunk-data')
  })
})

describe('bare LF', () => {
  const lenient = resolveLimits({ allowBareLf: true })

  test.each([
    ['1\na\n0\n\n', 'a', null],
    ['1;ext\na\r\n0;x="y"\n\r\n', 'a', null],
    ['1\na\n0\nx: y\n\n', 'a', ['x: y']],
  ])('%j is accepted when allowBareLf is on', (raw, body, trailers) => {
    expect(decodeAll(raw, lenient)).toEqual({ body, done: true, rest: '', trailers })
  })

  test('a bare CR is never a line ending', () => {
    expect(decodeErr('1\ra\r\n', lenient)).toBe('chunk-size')
    expect(decodeErr('1\r\na\r0\r\n', lenient)).toBe('chunk-data')
    expect(decodeErr('0\r\nx: y\r\r\n', lenient)).toBe('trailers')
  })
})

describe('trailers', () => {
  test('are parsed into a HeaderMap on the final step', () => {
    const raw = '3\r\nabc\r\n0\r\nExpires: never\r\nX-Sum:  42 \r\nx-sum: 43\r\n\r\nNEXT'
    expect(decodeAll(raw)).toEqual({
      body: 'abc',
      done: true,
      rest: 'NEXT',
      trailers: ['expires: never', 'x-sum: 42', 'x-sum: 43'],
    })
    const step = Decoder.chunked().decode(bytes('0\r\nX-Sum: 42\r\nx-sum: 43\r\n\r\n'))
    expect(step.done).toBe(true)
    expect(step.trailers?.getAll('x-sum')).toEqual(['42', '43'])
    expect(step.trailers?.rawName('x-sum')).toBe('X-Sum')
  })

  test('are reported once', () => {
    const decoder = Decoder.chunked()
    expect(decoder.decode(bytes('0\r\na: b\r\n\r\n')).trailers?.get('a')).toBe('b')
    expect(decoder.decode(bytes('x')).trailers).toBeNull()
  })

  test.each([
    ['0\r\nbad\r\r\n', 'a bare CR'],
    ['0\r\nx: y\n\r\n', 'a bare LF ending a field'],
    ['0\r\n\n', 'a bare LF ending the section'],
    ['0\r\nno colon\r\n\r\n', 'a line without a colon'],
    ['0\r\nx : y\r\n\r\n', 'whitespace before the colon'],
    ['0\r\nx: y\r\n folded\r\n\r\n', 'obsolete line folding'],
    ['0\r\nx: a\x00b\r\n\r\n', 'NUL in a value'],
    ['0\r\n: y\r\n\r\n', 'an empty name'],
  ])('%j is a trailers error: %s', (raw) => {
    expect(decodeErr(raw)).toBe('trailers')
  })

  test('the section is bounded by maxTrailerBytes', () => {
    const raw = '0\r\nx: 1234567890\r\n\r\n'
    const section = raw.length - 3
    expect(decodeAll(raw, resolveLimits({ maxTrailerBytes: section })).trailers).toEqual([
      'x: 1234567890',
    ])
    const tight = resolveLimits({ maxTrailerBytes: section - 1 })
    expect(decodeErr(raw, tight)).toBe('trailers-too-large')
    expect(decodeErr('0\r\nx: ' + 'y'.repeat(1000), tight)).toBe('trailers-too-large')
  })

  test('the field count is bounded by maxHeaders', () => {
    const limits = resolveLimits({ maxHeaders: 2 })
    expect(decodeAll('0\r\na: 1\r\nb: 2\r\n\r\n', limits).trailers).toEqual(['a: 1', 'b: 2'])
    expect(decodeErr('0\r\na: 1\r\nb: 2\r\nc: 3\r\n\r\n', limits)).toBe('trailers-too-large')
  })

  test('errors carry the trailers code and a 400 or 431 status', () => {
    try {
      Decoder.chunked().decode(bytes('0\r\nbad\r\r\n'))
      throw new Error('unreachable')
    } catch (e) {
      expect(e).toMatchObject({ kind: 'trailers', code: 'ERR_H1_TRAILERS', status: 400 })
    }
  })
})

describe('incomplete bodies', () => {
  test.each([
    '',
    '1',
    '1\r',
    '1\r\n',
    '1\r\na',
    '1\r\na\r',
    '1;ext',
    '1;a="b',
    '0\r\n',
    '0\r\nx: y\r\n',
    '0\r\n\r',
  ])('%j is incomplete when the stream ends', (raw) => {
    const decoder = Decoder.chunked()
    if (raw !== '') decoder.decode(bytes(raw))
    expect(decoder.isDone).toBe(false)
    expect(() => decoder.finish()).toThrow(expect.objectContaining({ kind: 'incomplete' }))
  })
})

describe('random chunkings', () => {
  const body = fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { maxLength: 8 })
  const cuts = fc.array(fc.nat(), { maxLength: 12 })

  function encodeChunks(chunks: Uint8Array[], ext: string, trailer: string): Uint8Array {
    let raw = ''
    for (const chunk of chunks)
      raw += chunk.length.toString(16) + ext + '\r\n' + text(chunk) + '\r\n'
    return bytes(raw + '0' + ext + '\r\n' + trailer + '\r\n')
  }

  function cut(whole: Uint8Array, points: number[]): Uint8Array[] {
    const sorted = points.map((p) => p % (whole.length + 1)).sort((a, b) => a - b)
    const pieces: Uint8Array[] = []
    let at = 0
    for (const p of sorted) {
      pieces.push(whole.subarray(at, p))
      at = p
    }
    pieces.push(whole.subarray(at))
    return pieces
  }

  test('any chunking of any body decodes to the same bytes and trailers', () => {
    fc.assert(
      fc.property(
        body,
        cuts,
        fc.constantFrom('', ';a', ' ; a = "b\\"c" ;d'),
        fc.constantFrom('', 'x-check: 1\r\n'),
        (chunks, points, ext, trailer) => {
          const whole = encodeChunks(chunks, ext, trailer)
          const outcome = feed(cut(whole, points))
          expect(outcome.done).toBe(true)
          expect(outcome.body).toBe(chunks.map(text).join(''))
          expect(outcome.trailers).toEqual(trailer === '' ? null : ['x-check: 1'])
        }
      )
    )
  })
})
