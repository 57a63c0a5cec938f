/**
 * A strict reader for what a server sent on one connection: the bytes are framed into responses
 * by `@touche/h1`'s `ResponseParser` and `Decoder` (RFC 9112 §4-§7), each response read with
 * the method of the request it answers. Anything that does not frame is reported, never skipped.
 */
import { Decoder, ParseError, ResponseParser } from '@touche/h1'
import { Method, Version } from '@touche/http-types'
import { concat, escapeBytes, indexOf, latin1 } from './bytes.js'

const EMPTY_LINE = latin1('\r\n\r\n')

/** One final response as received, with the interim (1xx) responses before it. */
export interface ReceivedResponse {
  readonly status: number
  readonly version: string
  /** Statuses of the 1xx responses received before this one. */
  readonly interim: readonly number[]
  /** The `x-echo` field, or null. */
  readonly echo: string | null
  /** The response said `Connection: close`. */
  readonly close: boolean
  readonly body: Uint8Array
  /** The body ran until the connection closed. */
  readonly closeDelimited: boolean
}

/** How a connection ended, as the client saw it. */
export type ConnectionEnd = 'fin' | 'reset' | 'timeout'

/** Everything received on one connection, framed. */
export interface Transcript {
  readonly responses: readonly ReceivedResponse[]
  /** Bytes that are not a well-formed response: where, why, and the bytes from there. */
  readonly malformed: { readonly at: number; readonly why: string; readonly rest: string } | null
  /** The connection ended inside a response, at this offset. */
  readonly truncatedAt: number | null
  readonly end: ConnectionEnd
  readonly received: number
}

/**
 * Frames `received` as the responses to requests with `methods` (in order; GET beyond them).
 *
 * @example
 * ```ts
 * const t = readTranscript(bytes, ['GET', 'HEAD'], 'fin')
 * t.responses.map((r) => r.status)
 * ```
 */
export function readTranscript(
  received: Uint8Array,
  methods: readonly string[],
  end: ConnectionEnd
): Transcript {
  const responses: ReceivedResponse[] = []
  const result = (
    malformed: Transcript['malformed'],
    truncatedAt: number | null = null
  ): Transcript => ({ responses, malformed, truncatedAt, end, received: received.length })
  let at = 0
  let interim: number[] = []
  while (at < received.length) {
    const method = methodFor(methods[responses.length])
    const rest = received.subarray(at)
    let head
    try {
      head = new ResponseParser().parse(rest, { method })
    } catch (e) {
      if (!(e instanceof ParseError)) throw e
      return result({ at, why: `response head: ${e.kind}`, rest: escapeBytes(rest, 200) })
    }
    if (head === null) {
      // A complete head the parser still wants more of cannot be a response head.
      if (indexOf(rest, EMPTY_LINE) >= 0) {
        return result({ at, why: 'response head: not a status line', rest: escapeBytes(rest, 200) })
      }
      return result(null, at)
    }
    if (head.version !== Version.HTTP_11) {
      return result({
        at,
        why: `status line says ${head.version.toString()}`,
        rest: escapeBytes(rest, 200),
      })
    }
    const status = head.status.code
    if (status < 200) {
      if (head.body.kind !== 'none') {
        return result({ at, why: `${status} response with a body`, rest: escapeBytes(rest, 200) })
      }
      interim.push(status)
      at += head.consumed
      continue
    }
    const decoder = Decoder.from(head.body)
    const parts: Uint8Array[] = []
    let pos = at + head.consumed
    try {
      while (!decoder.isDone) {
        if (pos >= received.length) {
          if (head.body.kind !== 'close') return result(null, at)
          decoder.finish()
          break
        }
        const step = decoder.decode(received.subarray(pos))
        if (step.data !== null) parts.push(step.data)
        pos += step.consumed
        if (step.consumed === 0 && !step.done) return result(null, at)
      }
    } catch (e) {
      if (!(e instanceof ParseError)) throw e
      return result({ at, why: `response body: ${e.kind}`, rest: escapeBytes(rest, 200) })
    }
    if (head.body.kind === 'close' && end !== 'fin') return result(null, at)
    const fields = head.headers
    responses.push({
      status,
      version: head.version.toString(),
      interim,
      echo: fields.get('x-echo') ?? null,
      close: /(^|,)\s*close\s*(,|$)/i.test(fields.getAll('connection').join(',')),
      body: concat(parts),
      closeDelimited: head.body.kind === 'close',
    })
    interim = []
    at = pos
  }
  return result(null, interim.length > 0 ? at : null)
}

/** The method as far as response framing cares (RFC 9112 §6.3 rules 1-2). */
function methodFor(name: string | undefined): Method {
  if (name === 'HEAD') return Method.HEAD
  if (name === 'CONNECT') return Method.CONNECT
  return Method.GET
}
