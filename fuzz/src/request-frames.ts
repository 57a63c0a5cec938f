/**
 * Cuts a byte stream of requests into messages the way a server using `@touche/h1` reads it: a
 * head, its body by the framing the head declares, the next head, and so on, until the input
 * ends or a head or body is malformed. The case generator uses it to find heads and bodies to
 * mutate, the model to say what a correct server answers, and the minimizer to drop whole
 * messages.
 */
import { Decoder, ParseError, RequestParser } from '@touche/h1'
import type { ParsedRequest } from '@touche/h1'
import { concat } from './bytes.js'

/** One message, or the point where reading stopped. Offsets are into the whole stream. */
export type Frame =
  | {
      readonly kind: 'message'
      readonly start: number
      readonly headEnd: number
      readonly end: number
      readonly head: ParsedRequest
      /** The decoded body. */
      readonly body: Uint8Array
    }
  | { readonly kind: 'bad-head'; readonly start: number; readonly error: ParseError }
  | {
      readonly kind: 'bad-body'
      readonly start: number
      readonly headEnd: number
      readonly head: ParsedRequest
      readonly error: ParseError
    }
  /** The stream ended inside a head (or with only an empty line). */
  | { readonly kind: 'partial-head'; readonly start: number }
  /** The stream ended inside the body of a complete head. */
  | {
      readonly kind: 'partial-body'
      readonly start: number
      readonly headEnd: number
      readonly head: ParsedRequest
    }

/**
 * The frames of `stream`, in order. Only the last frame can be something other than a
 * `message`, and there is none when the stream ends exactly after a message.
 *
 * @example
 * ```ts
 * const frames = frameRequests(latin1('GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /x'))
 * frames.map((f) => f.kind) // ['message', 'partial-head']
 * ```
 */
export function frameRequests(stream: Uint8Array): Frame[] {
  const frames: Frame[] = []
  const parser = new RequestParser()
  let at = 0
  while (at < stream.length) {
    const start = at
    let head: ParsedRequest | null
    try {
      head = parser.parse(stream.subarray(start))
    } catch (e) {
      if (!(e instanceof ParseError)) throw e
      frames.push({ kind: 'bad-head', start, error: e })
      return frames
    }
    if (head === null) {
      frames.push({ kind: 'partial-head', start })
      return frames
    }
    const headEnd = start + head.consumed
    const decoder = Decoder.from(head.body)
    const parts: Uint8Array[] = []
    let pos = headEnd
    try {
      while (!decoder.isDone) {
        const step = decoder.decode(stream.subarray(pos))
        if (step.data !== null) parts.push(step.data)
        pos += step.consumed
        if (step.done) break
        if (pos >= stream.length || step.consumed === 0) {
          frames.push({ kind: 'partial-body', start, headEnd, head })
          return frames
        }
      }
    } catch (e) {
      if (!(e instanceof ParseError)) throw e
      frames.push({ kind: 'bad-body', start, headEnd, head, error: e })
      return frames
    }
    frames.push({ kind: 'message', start, headEnd, end: pos, head, body: concat(parts) })
    at = pos
  }
  return frames
}
