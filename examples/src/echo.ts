// POST /echo answers with the request body as it streams in: the request body is the response
// body, so bytes flow back before the upload has finished.
import { Method, Response } from '@touche/touche'
import { serveExample } from './cli-args.js'

await serveExample((req) => {
  if (req.method === Method.POST && req.uri.path === '/echo') {
    const type = req.headers.get('content-type') ?? 'application/octet-stream'
    return Response.builder().header('content-type', type).body(req.body)
  }
  return Response.builder().status(404).body('try: POST /echo\n')
})
