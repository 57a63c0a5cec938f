/**
 * A deliberately naive reading of a request's bytes, independent of `@touche/h1`: split at the
 * first empty line, then at CRLF, then at spaces and colons. The differential classes use it to
 * name the rule behind a disagreement without asking the parser under test what it thinks.
 */
import { text } from './bytes.js'

/** The pieces of a request, as a naive reader sees them. */
export interface LooseRequest {
  /** All the bytes, latin1. */
  readonly raw: string
  /** Empty lines (CRLF or LF) before the request line. */
  readonly leadingEmptyLines: number
  readonly requestLine: string
  readonly method: string
  readonly target: string
  readonly version: string
  /** Field lines as `[name, value]`, the name as written (not trimmed), the value OWS-trimmed. */
  readonly fields: readonly (readonly [string, string])[]
  /** The raw field lines. */
  readonly fieldLines: readonly string[]
  /** Whether the head has an end (an empty line). */
  readonly complete: boolean
}

/**
 * Reads `bytes` naively.
 *
 * @example
 * ```ts
 * looseRequest(latin1('GET * HTTP/1.1\r\nHost: a\r\n\r\n')).target // '*'
 * ```
 */
export function looseRequest(bytes: Uint8Array): LooseRequest {
  const raw = text(bytes)
  let s = raw
  let leadingEmptyLines = 0
  for (;;) {
    if (s.startsWith('\r\n')) s = s.slice(2)
    else if (s.startsWith('\n')) s = s.slice(1)
    else break
    leadingEmptyLines++
  }
  const end = s.indexOf('\r\n\r\n')
  const head = end < 0 ? s : s.slice(0, end)
  const lines = head.split('\r\n')
  const requestLine = lines[0] ?? ''
  const words = requestLine.split(' ')
  const fieldLines = lines.slice(1)
  const fields = fieldLines.map((line) => {
    const colon = line.indexOf(':')
    return colon < 0
      ? ([line, ''] as const)
      : ([line.slice(0, colon), trimOws(line.slice(colon + 1))] as const)
  })
  return {
    raw,
    leadingEmptyLines,
    requestLine,
    method: words[0] ?? '',
    target: words[1] ?? '',
    version: words[words.length - 1] ?? '',
    fields,
    fieldLines,
    complete: end >= 0,
  }
}

/**
 * `s` without leading and trailing SP and HTAB (RFC 9110 §5.6.3 OWS); `String.prototype.trim`
 * would also strip bytes such as 0xA0, which are obs-text in HTTP.
 *
 * @example
 * ```ts
 * trimOws(' \ta\xa0 ') // 'a\xa0'
 * ```
 */
export function trimOws(s: string): string {
  return s.replace(/^[ \t]+|[ \t]+$/g, '')
}

/**
 * The values of every field named `name` (case-insensitive, exact name: no whitespace allowed).
 *
 * @example
 * ```ts
 * fieldValues(looseRequest(bytes), 'host') // ['a']
 * ```
 */
export function fieldValues(req: LooseRequest, name: string): string[] {
  return req.fields.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v)
}
