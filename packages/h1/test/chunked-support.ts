/** Helpers shared by the chunked decoder tests: feeding a body whole, split and byte by byte. */
import { Decoder } from '../src/decode.js'
import { ParseError } from '../src/errors.js'
import type { ParseErrorKind } from '../src/errors.js'
import type { Limits } from '../src/limits.js'
import { bytes } from './support.js'

/** The latin1 text of `b` (each byte one char). */
export const text = (b: Uint8Array): string => String.fromCharCode(...b)

/** What a chunked decoder made of its input, fed piece by piece. */
export interface Outcome {
  body: string
  done: boolean
  rest: string
  /** `name: value` per trailer field, names lower-cased. */
  trailers: string[] | null
  steps: number
}

/** Feeds `pieces` in order as a caller would: drop `consumed`, call again with the rest. */
export function feed(pieces: Uint8Array[], limits?: Limits): Outcome {
  const decoder = Decoder.chunked(limits)
  const out: Outcome = { body: '', done: false, rest: '', trailers: null, steps: 0 }
  for (const piece of pieces) {
    let buf = piece
    while (buf.length > 0) {
      if (decoder.isDone) {
        out.rest += text(buf)
        break
      }
      const step = decoder.decode(buf)
      out.steps++
      if (step.data !== null) {
        expect(step.data.buffer).toBe(piece.buffer)
        out.body += text(step.data)
      } else if (!step.done) {
        expect(step.consumed).toBe(buf.length)
      }
      if (step.trailers !== null) {
        out.trailers = []
        for (const [name, value] of step.trailers)
          out.trailers.push(`${name.toLowerCase()}: ${value}`)
      }
      if (step.consumed === 0) throw new Error('the decoder made no progress')
      buf = buf.subarray(step.consumed)
    }
  }
  out.done = decoder.isDone
  if (out.done) decoder.finish()
  return out
}

function splits(raw: string): Uint8Array[][] {
  const whole = bytes(raw)
  const cases: Uint8Array[][] = [[whole]]
  for (let k = 0; k <= whole.length; k++) cases.push([whole.subarray(0, k), whole.subarray(k)])
  cases.push(Array.from(whole, (b) => Uint8Array.of(b)))
  return cases
}

/** Decodes `raw` whole, at every split point and byte by byte; all must agree. */
export function decodeAll(raw: string, limits?: Limits): Omit<Outcome, 'steps'> {
  let first: Omit<Outcome, 'steps'> | null = null
  for (const pieces of splits(raw)) {
    const { body, done, rest, trailers } = feed(pieces, limits)
    const outcome = { body, done, rest, trailers }
    if (first === null) first = outcome
    else expect(outcome).toEqual(first)
  }
  return first!
}

/** The error `raw` raises, which must be the same at every split point and byte by byte. */
export function decodeErr(raw: string, limits?: Limits): ParseErrorKind {
  let kind: ParseErrorKind | null = null
  for (const pieces of splits(raw)) {
    let caught: unknown = null
    try {
      const outcome = feed(pieces, limits)
      if (!outcome.done) Decoder.chunked(limits).finish()
    } catch (e) {
      caught = e
    }
    if (!(caught instanceof ParseError)) throw new Error(`no ParseError for ${JSON.stringify(raw)}`)
    if (kind === null) kind = caught.kind
    else expect(caught.kind).toBe(kind)
  }
  return kind!
}
