// `Expect: 100-continue`: shouldContinue looks at the head before any body is sent and refuses
// uploads declared larger than MAX_UPLOAD with 417; accepted uploads get 100 Continue and are read.
import { Response } from '@touche/touche'
import type { Body, Request } from '@touche/touche'
import { serveExample } from './cli-args.js'

/** Largest upload accepted, in bytes. */
const MAX_UPLOAD = 64 * 1024

await serveExample({
  shouldContinue(req: Request<Body>) {
    const declared = Number(req.headers.get('content-length') ?? 0)
    return declared <= MAX_UPLOAD
  },
  async call(req: Request<Body>) {
    let received = 0
    for await (const chunk of req.body) received += chunk.length
    return Response.builder().body(`received ${received} bytes\n`)
  },
})
