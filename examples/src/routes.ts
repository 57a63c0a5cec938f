// touché's naive routing: a match on method and path, no router.
import { Response } from '@touche/touche'
import { serveExample } from './cli-args.js'

const utf8 = new TextDecoder('utf-8', { fatal: true })

await serveExample(async (req) => {
  const route = `${req.method.toString()} ${req.uri.path}`
  switch (route) {
    case 'GET /':
      return Response.builder().body('Usage: curl -d hello localhost:3000/echo\n')
    case 'POST /echo':
      return Response.builder().body(req.body)
    case 'POST /reverse': {
      let text: string
      try {
        text = utf8.decode(await req.body.bytes())
      } catch {
        return Response.builder().status(400).body('body is not valid UTF-8\n')
      }
      return Response.builder().body([...text].reverse().join(''))
    }
    default:
      return Response.builder().status(404).body('not found\n')
  }
})
