import type { BodyInit, HeadersInit } from 'undici-types'
import { Body, HeaderMap, Response, StatusCode } from '@touche/server'
import type { BodyInit as ToucheBody, ReadableStreamLike } from '@touche/server'
import { TEXT_PLAIN, defaultContentType, lightParts } from './response.js'

/** Shared by every plain-text answer with no headers of its own; the server only reads it. */
const TEXT_HEADERS = new HeaderMap({ 'content-type': TEXT_PLAIN })

/**
 * The touche response for a WHATWG `Response`: its status, every header (each Set-Cookie a line
 * of its own), and its body without copying or buffering it: a string or bytes as they are (so the
 * server writes them with Content-Length, in the head's write), a `Blob` as a stream of known
 * length, a stream as it is (chunked, or Content-Length when the response declares one). A light
 * response (`LightResponse`) is read without making a real one.
 *
 * @throws TypeError when `response` is not a `Response`, or is `Response.error()` (the server then
 *   answers 500).
 * @example
 * ```ts
 * import { fromWebResponse } from '@touche/fetch'
 * const service = () => fromWebResponse(new Response('hi', { status: 201 }))
 * ```
 */
export function fromWebResponse(response: globalThis.Response): Response<ToucheBody> {
  const parts = lightParts(response)
  if (parts !== null) {
    const body = parts.body
    const init = parts.headers
    let headers: HeaderMap
    if (init === undefined) {
      headers = typeof body === 'string' ? TEXT_HEADERS : headersWithType(new HeaderMap(), body)
    } else {
      headers = headersWithType(
        init instanceof Headers ? HeaderMap.fromHeaders(init) : headerMapOf(init),
        body
      )
    }
    return new Response(toToucheBody(body), { status: StatusCode.from(parts.status), headers })
  }
  if (
    typeof response !== 'object' ||
    response === null ||
    typeof response.status !== 'number' ||
    !(response.headers instanceof Headers)
  ) {
    throw new TypeError('a fetch handler must return a Response')
  }
  if (response.type === 'error') {
    // A network error has no status to send (its status is 0): the server answers 500.
    throw new TypeError('the fetch handler returned Response.error(), a network error')
  }
  return new Response<ToucheBody>(response.body, {
    status: StatusCode.from(response.status),
    headers: HeaderMap.fromHeaders(response.headers),
  })
}

/** A record or list of pairs, as a fetch `HeadersInit` has them, checked as they are added. */
function headerMapOf(init: Exclude<HeadersInit, Headers>): HeaderMap {
  const map = new HeaderMap()
  if (Array.isArray(init)) {
    for (const pair of init as readonly (readonly string[])[]) {
      if (pair.length !== 2) throw new TypeError('a header pair has not two items')
      map.append(pair[0]!, pair[1]!)
    }
    return map
  }
  for (const [name, value] of Object.entries(init)) {
    if (typeof value === 'string') map.append(name, value)
    else for (const v of value as readonly string[]) map.append(name, v)
  }
  return map
}

function headersWithType(headers: HeaderMap, body: BodyInit | null): HeaderMap {
  const type = defaultContentType(body)
  if (type !== null && !headers.has('content-type')) headers.append('content-type', type)
  return headers
}

/** A fetch body as a touche body: no copy, no buffering. */
function toToucheBody(body: BodyInit | null): ToucheBody {
  if (body === null || typeof body === 'string') return body
  if (body instanceof Uint8Array) return body
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  if (body instanceof Blob) {
    return Body.from(body.stream() as unknown as ReadableStreamLike, { length: body.size })
  }
  if (body instanceof URLSearchParams) return body.toString()
  if (typeof (body as unknown as ReadableStreamLike).getReader === 'function') {
    return body as unknown as ReadableStreamLike
  }
  if (typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    return body as unknown as AsyncIterable<Uint8Array>
  }
  throw new TypeError('unsupported response body')
}
