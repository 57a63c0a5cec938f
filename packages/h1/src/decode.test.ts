import { Decoder } from './decode.js'
import { ParseError } from './errors.js'

const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))
const text = (b: Uint8Array): string => String.fromCharCode(...b)

/** Feeds `pieces` in order as a caller would, collecting the body and what follows it. */
function feed(decoder: Decoder, pieces: Uint8Array[]): { body: string; rest: string } {
  let body = ''
  let rest = ''
  for (const piece of pieces) {
    let buf = piece
    while (buf.length > 0) {
      if (decoder.isDone) {
        rest += text(buf)
        break
      }
      const step = decoder.decode(buf)
      if (step.data !== null) {
        expect(step.data.buffer).toBe(piece.buffer)
        body += text(step.data)
      }
      if (step.consumed === 0) throw new Error('the decoder made no progress')
      buf = buf.subarray(step.consumed)
    }
  }
  return { body, rest }
}

/** Every way to cut `raw` in two, as hyper's `all_async_cases`. */
function everySplit(raw: string): Uint8Array[][] {
  const whole = bytes(raw)
  const cases: Uint8Array[][] = []
  for (let k = 0; k <= whole.length; k++) cases.push([whole.subarray(0, k), whole.subarray(k)])
  return cases
}

describe('Decoder.length', () => {
  test('reads exactly the declared bytes and leaves the next message', () => {
    const decoder = Decoder.length(5)
    const step = decoder.decode(bytes('helloGET /'))
    expect(text(step.data!)).toBe('hello')
    expect(step).toMatchObject({ consumed: 5, done: true, trailers: null })
    expect(decoder.isDone).toBe(true)
    expect(decoder.remaining).toBe(0)
  })

  test('returns the input itself when all of it is body', () => {
    const input = bytes('abc')
    expect(Decoder.length(10).decode(input).data).toBe(input)
  })

  test('counts down remaining across calls', () => {
    const decoder = Decoder.length(10)
    expect(decoder.decode(bytes('abcd'))).toMatchObject({ consumed: 4, done: false })
    expect(decoder.remaining).toBe(6)
    expect(decoder.isDone).toBe(false)
  })

  test('length 0 is done before reading', () => {
    const decoder = Decoder.length(0)
    expect(decoder.isDone).toBe(true)
    expect(decoder.decode(bytes('GET'))).toEqual({
      data: null,
      consumed: 0,
      done: true,
      trailers: null,
    })
    expect(() => decoder.finish()).not.toThrow()
  })

  test('gives the same body at every split point', () => {
    for (const pieces of everySplit('foobarGET')) {
      expect(feed(Decoder.length(6), pieces)).toEqual({ body: 'foobar', rest: 'GET' })
    }
  })

  test('reads byte by byte', () => {
    const pieces = Array.from(bytes('foobar'), (b) => Uint8Array.of(b))
    expect(feed(Decoder.length(6), pieces).body).toBe('foobar')
  })

  test('an empty buffer consumes nothing', () => {
    expect(Decoder.length(3).decode(new Uint8Array(0))).toMatchObject({
      data: null,
      consumed: 0,
      done: false,
    })
  })

  test('finish before the declared length is incomplete', () => {
    const decoder = Decoder.length(10)
    decoder.decode(bytes('foo bar'))
    expect(() => decoder.finish()).toThrow(
      expect.objectContaining({ kind: 'incomplete', code: 'ERR_H1_INCOMPLETE' })
    )
  })

  test('finish after the declared length is fine', () => {
    const decoder = Decoder.length(3)
    decoder.decode(bytes('foo'))
    expect(() => decoder.finish()).not.toThrow()
  })

  test.each([-1, 1.5, NaN, Infinity, 2 ** 53])('rejects length %p', (n) => {
    expect(() => Decoder.length(n)).toThrow(RangeError)
  })
})

describe('Decoder.eof', () => {
  test('everything is body until the stream ends', () => {
    const decoder = Decoder.eof()
    const input = bytes('foobar')
    expect(decoder.decode(input)).toEqual({
      data: input,
      consumed: 6,
      done: false,
      trailers: null,
    })
    expect(decoder.isDone).toBe(false)
    expect(decoder.remaining).toBeNull()
    decoder.finish()
    expect(decoder.isDone).toBe(true)
    expect(decoder.decode(bytes('more'))).toMatchObject({ data: null, consumed: 0, done: true })
  })

  test('an empty buffer gives no data', () => {
    expect(Decoder.eof().decode(new Uint8Array(0)).data).toBeNull()
  })

  test('gives the same body at every split point', () => {
    for (const pieces of everySplit('foobar')) {
      const decoder = Decoder.eof()
      expect(feed(decoder, pieces).body).toBe('foobar')
      decoder.finish()
      expect(decoder.isDone).toBe(true)
    }
  })
})

describe('Decoder.chunked', () => {
  test('reads a chunked body and reports no size', () => {
    const decoder = Decoder.chunked()
    expect(decoder.kind).toBe('chunked')
    expect(decoder.remaining).toBeNull()
    expect(feed(decoder, [bytes('3\r\nfoo\r\n3\r\nbar\r\n0\r\n\r\n')]).body).toBe('foobar')
    expect(decoder.isDone).toBe(true)
  })

  test('finish inside the body is incomplete', () => {
    const decoder = Decoder.chunked()
    decoder.decode(bytes('9\r\nfoo bar'))
    expect(() => decoder.finish()).toThrow(ParseError)
  })
})

describe('Decoder.from', () => {
  test.each([
    [{ kind: 'none' } as const, 'length', 0],
    [{ kind: 'length', length: 7 } as const, 'length', 7],
    [{ kind: 'chunked' } as const, 'chunked', null],
    [{ kind: 'close' } as const, 'eof', null],
  ])('%j gives a %s decoder', (body, kind, remaining) => {
    const decoder = Decoder.from(body)
    expect(decoder.kind).toBe(kind)
    expect(decoder.remaining).toBe(remaining)
  })
})
