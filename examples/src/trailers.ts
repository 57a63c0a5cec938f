// Trailers both ways: the response streams the request body back and ends with an
// `x-body-sha256` trailer (so it is chunked); trailers sent with a chunked request are printed.
import { createHash } from 'node:crypto'
import { Body, HeaderMap, Response } from '@touche/touche'
import type { BodySender, Request } from '@touche/touche'
import { serveExample } from './cli-args.js'

async function relay(req: Request<Body>, sender: BodySender): Promise<void> {
  const hash = createHash('sha256')
  for await (const chunk of req.body) {
    hash.update(chunk)
    await sender.send(chunk)
  }
  const trailers = await req.body.trailers()
  trailers?.forEachRaw((value, name) => console.log(`request trailer ${name}: ${value}`))
  sender.sendTrailers(new HeaderMap({ 'x-body-sha256': hash.digest('hex') }))
}

await serveExample((req) => {
  const [sender, body] = Body.channel()
  relay(req, sender).catch((error: unknown) => sender.abort(error))
  return Response.builder().header('trailer', 'x-body-sha256').body(body)
})
