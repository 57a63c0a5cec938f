// tiny-http's loop: no handler; requests are taken one by one and answered with respond().
// Responses may be sent in any order; each connection still gets them in request order.
import { Response } from '@touche/touche'
import { listenExample } from './cli-args.js'

const server = await listenExample()

for await (const request of server.incoming()) {
  console.log(
    'received request! method: %s, url: %s, headers: %o',
    request.method.toString(),
    request.uri.toString(),
    [...request.headers]
  )
  request.respond(Response.builder().body('hello world'))
}
