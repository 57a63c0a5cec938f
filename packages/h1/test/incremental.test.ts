import fc from 'fast-check'
import { Method } from '@touche/http-types'
import type { Limits } from '../src/limits.js'
import { RequestParser } from '../src/parse-request.js'
import { ResponseParser } from '../src/parse-response.js'
import { hostile, valid } from './corpus.js'
import { bytes, forEachSplit, outcome, summarizeRequest, summarizeResponse } from './support.js'
import type { HeadSummary, Outcome } from './support.js'

const corpus = [...valid, ...hostile]

function onePiece(raw: Uint8Array, limits?: Partial<Limits>): Outcome<HeadSummary> {
  const parser = new RequestParser(limits)
  return outcome(() => {
    const head = parser.parse(raw)
    return head && summarizeRequest(head)
  })
}

/** Feeds growing prefixes of `raw` ending at each of `cuts` and then at its full length. */
function fed(raw: Uint8Array, cuts: number[], limits?: Partial<Limits>): Outcome<HeadSummary> {
  const parser = new RequestParser(limits)
  return outcome(() => {
    for (const cut of [...cuts, raw.length]) {
      const head = parser.parse(raw.subarray(0, cut))
      if (head !== null) return summarizeRequest(head)
    }
    return null
  })
}

describe('split input gives the one-piece result', () => {
  test.each(corpus.map((e) => [e.name, e.raw]))('%s, split at every offset', (_name, raw) => {
    const whole = bytes(raw)
    const expected = onePiece(whole)
    forEachSplit(whole, (first, all, at) => {
      expect([at, fed(all, [first.length])]).toEqual([at, expected])
    })
  })

  test.each(corpus.map((e) => [e.name, e.raw]))('%s, one byte at a time', (_name, raw) => {
    const whole = bytes(raw)
    const cuts = Array.from({ length: whole.length }, (_, i) => i)
    expect(fed(whole, cuts)).toEqual(onePiece(whole))
  })

  test('random chunkings of the corpus agree with the one-piece parse', () => {
    const entry = fc.constantFrom(...corpus)
    fc.assert(
      fc.property(entry, fc.array(fc.nat(), { maxLength: 12 }), (e, points) => {
        const whole = bytes(e.raw)
        const cuts = points.map((n) => n % (whole.length + 1)).sort((a, b) => a - b)
        expect(fed(whole, cuts)).toEqual(onePiece(whole))
      }),
      { numRuns: 500 }
    )
  })

  test('random byte soup ending in an empty line agrees however it is split', () => {
    const alphabet = fc.constantFrom(
      ...'\r\n\r\n  ::\t/GEThost:HOST1.0/HTTP/1.1\x00\x7f\xe9,;=content-lengthtransfer-encodingchunked5'
    )
    const soup = fc
      .array(alphabet, { maxLength: 80, size: 'max' })
      .map((cs) => `${cs.join('')}\r\n\r\n`)
    const message = fc.oneof(
      soup,
      soup.map((s) => `GET / HTTP/1.1\r\n${s}`),
      soup.map((s) => `POST /x HTTP/1.1\r\nHost: a\r\n${s}`)
    )
    const limits = fc.constantFrom<Partial<Limits>>(
      {},
      { allowBareLf: true },
      { maxHeadBytes: 40 },
      { maxRequestLineBytes: 12 },
      { maxHeaders: 2 }
    )
    fc.assert(
      fc.property(message, fc.array(fc.nat(), { maxLength: 6 }), limits, (m, points, l) => {
        const whole = bytes(m)
        const cuts = points.map((n) => n % (whole.length + 1)).sort((a, b) => a - b)
        expect(fed(whole, cuts, l)).toEqual(onePiece(whole, l))
      }),
      { numRuns: 2000 }
    )
  })

  test('response heads split at every offset give the one-piece result', () => {
    const raw = bytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX:  y \r\n\r\nok')
    const expected = summarizeResponse(new ResponseParser().parse(raw, { method: Method.GET })!)
    forEachSplit(raw, (first, all) => {
      const parser = new ResponseParser()
      const head =
        parser.parse(first, { method: Method.GET }) ?? parser.parse(all, { method: Method.GET })
      expect(head && summarizeResponse(head)).toEqual(expected)
    })
  })
})

describe('limits hold while the head is incomplete', () => {
  const feedUntilError = (raw: string, limits: Partial<Limits>, step: number) => {
    const whole = bytes(raw)
    const cuts = []
    for (let i = step; i < whole.length; i += step) cuts.push(i)
    return fed(whole, cuts, limits)
  }

  test.each([1, 7, 1000])('a request line that never ends gets 414 (pieces of %i)', (step) => {
    const raw = `GET /${'a'.repeat(5000)}`
    expect(feedUntilError(raw, { maxRequestLineBytes: 100 }, step)).toEqual({
      error: 'target-too-long',
    })
  })

  test('a leading CR then LF does not count as the end of the request line', () => {
    const parser = new RequestParser({ maxRequestLineBytes: 100 })
    const raw = bytes(`\r\nGET /${'a'.repeat(200)}`)
    expect(parser.parse(raw.subarray(0, 1))).toBeNull()
    expect(parser.parse(raw.subarray(0, 2))).toBeNull()
    expect(parser.parse(raw.subarray(0, 100))).toBeNull()
    expect(() => parser.parse(raw.subarray(0, 103))).toThrow(
      expect.objectContaining({ kind: 'target-too-long' })
    )
  })

  test('the 414 comes as soon as the line is too long, not at the head limit', () => {
    const parser = new RequestParser({ maxRequestLineBytes: 100 })
    const raw = bytes(`GET /${'a'.repeat(200)}`)
    expect(parser.parse(raw.subarray(0, 100))).toBeNull()
    expect(() => parser.parse(raw.subarray(0, 101))).toThrow(
      expect.objectContaining({ kind: 'target-too-long', status: 414 })
    )
  })

  test('a request line of exactly maxRequestLineBytes (CRLF included) is accepted', () => {
    const line = `GET /${'a'.repeat(100 - 16)} HTTP/1.1\r\n`
    expect(line.length).toBe(100)
    const raw = bytes(`${line}Host: a\r\n\r\n`)
    expect(onePiece(raw, { maxRequestLineBytes: 100 })).toMatchObject({ ok: { consumed: 111 } })
    expect(onePiece(raw, { maxRequestLineBytes: 99 })).toEqual({ error: 'target-too-long' })
  })

  test.each([1, 13, 4096])('a head that never ends gets 431 (pieces of %i)', (step) => {
    const raw = `GET / HTTP/1.1\r\nHost: a\r\n${'X-Filler: aaaaaaaaaaaaaaaa\r\n'.repeat(50)}`
    expect(feedUntilError(raw, { maxHeadBytes: 1024, maxHeaders: 1000 }, step)).toEqual({
      error: 'head-too-large',
    })
  })

  test('a head of exactly maxHeadBytes is accepted, one byte more is 431', () => {
    const raw = bytes('GET / HTTP/1.1\r\nHost: a\r\n\r\n')
    expect(onePiece(raw, { maxHeadBytes: raw.length })).toMatchObject({ ok: { consumed: 27 } })
    expect(onePiece(raw, { maxHeadBytes: raw.length - 1 })).toEqual({ error: 'head-too-large' })
  })

  test('with a head limit below the line limit, a long line gets 431', () => {
    const raw = `GET /${'a'.repeat(500)} HTTP/1.1\r\nHost: a\r\n\r\n`
    const limits = { maxHeadBytes: 200, maxRequestLineBytes: 400 }
    expect(onePiece(bytes(raw), limits)).toEqual({ error: 'head-too-large' })
    expect(feedUntilError(raw, limits, 1)).toEqual({ error: 'head-too-large' })
  })

  test('too many fields are a 431, never dropped', () => {
    const raw = `GET / HTTP/1.1\r\nHost: a\r\n${'X: y\r\n'.repeat(5)}\r\n`
    expect(onePiece(bytes(raw), { maxHeaders: 6 })).toMatchObject({ ok: {} })
    expect(onePiece(bytes(raw), { maxHeaders: 5 })).toEqual({ error: 'too-many-headers' })
    expect(feedUntilError(raw, { maxHeaders: 5 }, 1)).toEqual({ error: 'too-many-headers' })
  })

  test('an early error is reported even when the head is also too large', () => {
    const raw = `GET / HTTP/1.1\r\nHost : a\r\n${'X: y\r\n'.repeat(100)}`
    expect(feedUntilError(raw, { maxHeadBytes: 100 }, 1)).toEqual({ error: 'header-name' })
  })
})

describe('errors found as early in pieces as in one piece', () => {
  test.each([
    ['a method with no target', 'GEHTTPa\r\n:'],
    ['a request line without a version', 'GET /\r\nHost: x'],
    ['a bad version', 'GET / HTTQ/1.1\r\nHo'],
    ['a request line ending in a bare LF', 'GET / HTTP/1.1\nHost: x'],
  ])('%s is refused once the request line ends, at every split', (_name, raw) => {
    const whole = bytes(raw)
    expect(onePiece(whole)).toMatchObject({ error: expect.any(String) })
    forEachSplit(whole, (first, all, at) => {
      expect([at, fed(all, [first.length])]).toEqual([at, onePiece(whole)])
    })
    // One byte at a time, as a slow client sends it.
    const cuts = Array.from({ length: whole.length - 1 }, (_, i) => i + 1)
    expect(fed(whole, cuts)).toEqual(onePiece(whole))
  })
})

describe('cost of incremental input', () => {
  test('a 256 KiB head fed one byte at a time is parsed in linear time', () => {
    const value = 'v'.repeat(64 * 1024)
    const raw = bytes(
      `GET / HTTP/1.1\r\nHost: a\r\n${`X: ${value}\r\n`.repeat(4)}${'Y: z\r\n'.repeat(2000)}\r\n`
    )
    const parser = new RequestParser({ maxHeadBytes: 1 << 20, maxHeaders: 4096 })
    const started = performance.now()
    let head = null
    for (let i = 1; i <= raw.length && head === null; i++) head = parser.parse(raw.subarray(0, i))
    const elapsed = performance.now() - started
    expect(head?.consumed).toBe(raw.length)
    expect(head?.headers.size).toBe(2005)
    // Re-scanning from the start on each call would take ~3.4e10 byte visits (minutes).
    expect(elapsed).toBeLessThan(5000)
  })

  test('the parser resets after a head and parses the next one', () => {
    const parser = new RequestParser()
    const a = bytes('GET /a HTTP/1.1\r\nHost: a\r\n\r\n')
    const b = bytes('GET /b HTTP/1.1\r\nHost: a\r\n\r\n')
    expect(parser.parse(a.subarray(0, 10))).toBeNull()
    expect(parser.parse(a)?.target).toBe('/a')
    expect(parser.parse(b.subarray(0, 3))).toBeNull()
    expect(parser.parse(b)?.target).toBe('/b')
  })

  test('reset() forgets a partly received head', () => {
    const parser = new RequestParser()
    expect(parser.parse(bytes('GET /a HTTP/1.1\r\nHo'))).toBeNull()
    parser.reset()
    expect(parser.parse(bytes('GET /b HTTP/1.1\r\nHost: b\r\n\r\n'))?.target).toBe('/b')
  })
})
