/** Helpers shared by the h1 parser tests. */
import type { HeaderMap } from '@touche/http-types'
import { ParseError } from '../src/errors.js'
import type { ParsedRequest, ParsedResponse } from '../src/types.js'

/** The latin1 bytes of `s` (each char one byte). */
export function bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}

/**
 * Calls `fn(first, whole)` for every split point of `raw`: `first` is the first `i` bytes and
 * `whole` all of them, as a caller that re-passes its accumulated buffer would.
 */
export function forEachSplit(
  raw: Uint8Array,
  fn: (first: Uint8Array, whole: Uint8Array, at: number) => void
): void {
  for (let i = 0; i <= raw.length; i++) fn(raw.subarray(0, i), raw, i)
}

/** The outcome of a parse as plain data: the value, or the error's kind. */
export type Outcome<T> = { ok: T } | { error: string } | { pending: true }

/** Runs `fn`, turning a thrown ParseError into `{ error: kind }`. */
export function outcome<T>(fn: () => T | null): Outcome<T> {
  try {
    const v = fn()
    return v === null ? { pending: true } : { ok: v }
  } catch (e) {
    if (e instanceof Error && 'kind' in e) return { error: String((e as { kind: unknown }).kind) }
    throw e
  }
}

/** The kind of the ParseError `fn` throws, or 'no error' when it returns. */
export function kindOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    if (e instanceof ParseError) return e.kind
    throw e
  }
  return 'no error'
}

/** A parsed head as plain, comparable data. */
export interface HeadSummary {
  readonly [key: string]: unknown
}

/** Headers as `[rawName, value]` pairs in order. */
export function rawPairs(headers: HeaderMap): [string, string][] {
  const pairs: [string, string][] = []
  headers.forEachRaw((value, name) => pairs.push([name, value]))
  return pairs
}

/** A `ParsedRequest` as plain data (method and version as their names). */
export function summarizeRequest(r: ParsedRequest): HeadSummary {
  return {
    method: r.method.toString(),
    target: r.target,
    version: r.version.toString(),
    headers: rawPairs(r.headers),
    consumed: r.consumed,
    body: r.body,
    keepAlive: r.keepAlive,
    expectContinue: r.expectContinue,
    upgrade: r.upgrade,
    acceptsTrailers: r.acceptsTrailers,
    mustClose: r.mustClose,
  }
}

/** A `ParsedResponse` as plain data. */
export function summarizeResponse(r: ParsedResponse): HeadSummary {
  return {
    status: r.status.code,
    reason: r.reason,
    version: r.version.toString(),
    headers: rawPairs(r.headers),
    consumed: r.consumed,
    body: r.body,
    keepAlive: r.keepAlive,
  }
}
