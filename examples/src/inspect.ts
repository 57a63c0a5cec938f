// Answers every request with 200 and a JSON description of exactly what arrived: method, target
// as sent, version, every field line in order and original case, the body and the trailers.
// X-Inspect-Delay: ms (0-5000) waits first; X-Inspect-Status: n picks the status (204 and 304
// carry no content); X-Inspect-Stream: 1 sends the JSON in two pieces without a declared length.
import { setTimeout as sleep } from 'node:timers/promises'
import { Body, Response } from '@touche/touche'
import type { HeaderMap, Request } from '@touche/touche'
import { serveExample } from './cli-args.js'

const utf8 = new TextDecoder('utf-8', { fatal: true })

function fieldLines(headers: HeaderMap | null): [string, string][] {
  const lines: [string, string][] = []
  headers?.forEachRaw((value, name) => lines.push([name, value]))
  return lines
}

function bodyJson(bytes: Uint8Array): string | { base64: string } {
  try {
    return utf8.decode(bytes)
  } catch {
    return {
      base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    }
  }
}

/** The integer value of header `name` within [min, max], `fallback` when absent, else null. */
function intHeader(req: Request<Body>, name: string, min: number, max: number, fallback: number) {
  const raw = req.headers.get(name)
  if (raw === undefined) return fallback
  const n = /^\d{1,4}$/.test(raw.trim()) ? Number(raw.trim()) : NaN
  return n >= min && n <= max ? n : null
}

await serveExample(async (req) => {
  const delay = intHeader(req, 'x-inspect-delay', 0, 5000, 0)
  const status = intHeader(req, 'x-inspect-status', 200, 599, 200)
  const bytes = await req.body.bytes()
  const json = JSON.stringify({
    method: req.method.toString(),
    target: req.uri.toString(),
    version: `${req.version.major}.${req.version.minor}`,
    headers: fieldLines(req.headers),
    body: bodyJson(bytes),
    trailers: fieldLines(await req.body.trailers()),
  })
  if (delay === null || status === null) {
    const error = 'x-inspect-delay must be 0-5000, x-inspect-status 200-599'
    return Response.builder()
      .status(400)
      .header('content-type', 'application/json')
      .body(JSON.stringify({ error }))
  }
  if (delay > 0) await sleep(delay)
  const res = Response.builder().status(status)
  if (status === 204 || status === 304) return res.body(null)
  res.header('content-type', 'application/json')
  if (req.headers.get('x-inspect-stream') !== '1') return res.body(json)
  const [sender, body] = Body.channel()
  const encoded = new TextEncoder().encode(json)
  const half = encoded.length >> 1
  void (async () => {
    await sender.send(encoded.subarray(0, half))
    await new Promise((resolve) => setImmediate(resolve))
    await sender.send(encoded.subarray(half))
    sender.close()
  })().catch((error: unknown) => sender.abort(error))
  return res.body(body)
})
