/**
 * llhttp, the parser of Node's own HTTP server, through the `_http_common` binding, as a
 * reference for the differential tests. Node sets it up strict (no lenient flags) unless started
 * with --insecure-http-parser. The binding is the one the parser benchmark measures against.
 */
import { HTTPParser, methods } from '../../../benchmarks/src/parse-llhttp.js'

/** What a parser made of one request message. */
export interface RequestInfo {
  readonly method: string
  readonly target: string
  readonly version: string
  /** [name, value] pairs in order, names as received. */
  readonly headers: [string, string][]
  /** The body bytes as a latin1 string. */
  readonly body: string
}

/** A parse outcome: the message, or the reason it was rejected. */
export type Outcome = { readonly ok: RequestInfo } | { readonly error: string }

/** Parses one request message with llhttp. An incomplete message is an error ('incomplete'). */
export function llhttpParse(message: Uint8Array): Outcome {
  const parser = new HTTPParser()
  parser.initialize(HTTPParser.REQUEST, {})
  let info: { method: string; target: string; version: string; headers: string[] } | null = null
  let upgrade = false
  let body = ''
  let complete = false
  parser[HTTPParser.kOnHeadersComplete] = (
    major: number,
    minor: number,
    headers: string[],
    method: number,
    url: string,
    _status: unknown,
    _reason: unknown,
    isUpgrade: boolean
  ): void => {
    info = {
      method: methods[method] ?? '?',
      target: url,
      version: `HTTP/${major}.${minor}`,
      headers,
    }
    upgrade = isUpgrade
  }
  parser[HTTPParser.kOnBody] = (chunk: Uint8Array): void => {
    body += String.fromCharCode(...chunk)
  }
  parser[HTTPParser.kOnMessageComplete] = (): void => {
    complete = true
  }
  const result = parser.execute(message)
  // Not `instanceof Error`: the binding's errors come from another realm than Jest's tests.
  if (typeof result !== 'number') return { error: (result as { code?: string }).code ?? 'error' }
  const parsed = info as {
    method: string
    target: string
    version: string
    headers: string[]
  } | null
  // llhttp stops at the end of an upgrade (or CONNECT) head: the rest is another protocol.
  if (parsed === null || (!complete && !upgrade)) return { error: 'incomplete' }
  const pairs: [string, string][] = []
  for (let i = 0; i < parsed.headers.length; i += 2) {
    pairs.push([parsed.headers[i]!, parsed.headers[i + 1]!])
  }
  return { ok: { ...parsed, headers: pairs, body } }
}

/**
 * The methods llhttp knows and reports back by name (it rejects any other token; Node's name
 * table misses a few it knows, such as QUERY).
 */
export const LLHTTP_METHODS: readonly string[] = methods.filter((m) => {
  const outcome = llhttpParse(
    Uint8Array.from(`${m} / HTTP/1.1\r\nHost: a\r\n\r\n`, (c) => c.charCodeAt(0))
  )
  return 'ok' in outcome && outcome.ok.method === m
})
