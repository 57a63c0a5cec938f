// Per-connection state: makeService runs once per connection, so the counter in its closure
// counts the requests of that connection alone.
import { Response } from '@touche/touche'
import { serveExample } from './cli-args.js'

await serveExample({
  makeService: (conn) => {
    let requests = 0
    return () => {
      requests++
      return Response.builder().body(`request ${requests} on connection ${conn.id}\n`)
    }
  },
})
