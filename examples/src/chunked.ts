// A response streamed from a channel: the handler returns at once, and three chunks follow from
// later ticks. The length is unknown up front, so HTTP/1.1 clients get chunked encoding.
import { setTimeout as sleep } from 'node:timers/promises'
import { Body, Response } from '@touche/touche'
import type { BodySender } from '@touche/touche'
import { serveExample } from './cli-args.js'

async function produce(sender: BodySender): Promise<void> {
  for (const word of ['one\n', 'two\n', 'three\n']) {
    await sleep(100)
    await sender.send(word) // resolves when the client has room for more
  }
  sender.close()
}

await serveExample(() => {
  const [sender, body] = Body.channel()
  produce(sender).catch((error: unknown) => sender.abort(error))
  return Response.builder().header('content-type', 'text/plain').body(body)
})
