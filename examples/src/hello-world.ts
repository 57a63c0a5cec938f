// The smallest server: every request gets 200 `Hello World`.
import { Response } from '@touche/touche'
import { serveExample } from './cli-args.js'

await serveExample(() =>
  Response.builder().header('content-type', 'text/plain').body('Hello World')
)
