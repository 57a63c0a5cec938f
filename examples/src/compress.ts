// Response compression with node:zlib: brotli or gzip, whichever Accept-Encoding prefers (RFC 9110
// §12.5.3), else the identity. The compressed length is unknown, so the response is chunked.
import { Readable, pipeline } from 'node:stream'
import { createBrotliCompress, createGzip } from 'node:zlib'
import { Response } from '@touche/touche'
import { serveExample } from './cli-args.js'

const TEXT = Array.from({ length: 200 }, (_, i) => `line ${i}: touche compresses this text\n`).join(
  ''
)

/** The supported coding with the highest q-value; ties go to br, `*` covers unnamed codings. */
function negotiate(acceptEncoding: string): 'br' | 'gzip' | 'identity' {
  const weights = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    const q = params.find((p) => p.startsWith('q='))
    weights.set(coding, q === undefined ? 1 : Number(q.slice(2)) || 0)
  }
  const weight = (coding: string): number => weights.get(coding) ?? weights.get('*') ?? 0
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br'
  return weight('gzip') > 0 ? 'gzip' : 'identity'
}

await serveExample((req) => {
  const coding = negotiate(req.headers.get('accept-encoding') ?? '')
  const res = Response.builder()
    .header('content-type', 'text/plain')
    .header('vary', 'accept-encoding')
  if (coding === 'identity') return res.body(TEXT)
  const compressor = coding === 'br' ? createBrotliCompress() : createGzip()
  const compressed = pipeline(Readable.from([TEXT]), compressor, () => {})
  return res.header('content-encoding', coding).body(compressed)
})
