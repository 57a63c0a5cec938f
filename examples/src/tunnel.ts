// An HTTP CONNECT proxy (RFC 9110 §9.3.6): connects to the requested host:port, answers 200, and
// then splices the client and the target together. Try: curl -p -x http://127.0.0.1:3000 URL
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { Method, Response, StatusCode, Upgrade } from '@touche/touche'
import { serveExample } from './cli-args.js'

function open(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const target = connect(port, host, () => resolve(target.off('error', reject)))
    target.once('error', reject)
  })
}

function splice(client: Duplex, head: Uint8Array, target: Socket): void {
  if (head.length > 0) target.write(head)
  client.pipe(target).pipe(client)
  // Either side failing or closing takes the other one down with it.
  const close = (): void => void (client.destroy(), target.destroy())
  client.on('error', close).on('close', close)
  target.on('error', close).on('close', close)
}

await serveExample(async (req) => {
  if (req.method !== Method.CONNECT) {
    return Response.builder()
      .status(StatusCode.METHOD_NOT_ALLOWED)
      .header('allow', 'CONNECT')
      .body(null)
  }
  const { host, port } = req.uri
  if (host === null || port === null) {
    return Response.builder().status(StatusCode.BAD_REQUEST).body('expected CONNECT host:port\n')
  }
  let target: Socket
  try {
    target = await open(host, port)
  } catch (error) {
    return Response.builder()
      .status(StatusCode.BAD_GATEWAY)
      .body(`${String(error)}\n`)
  }
  return Response.builder()
    .status(StatusCode.OK)
    .extension(Upgrade, new Upgrade((client, head) => splice(client, head, target)))
    .body(null)
})
