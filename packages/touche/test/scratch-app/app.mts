// Type-checked with moduleResolution node16, nodenext and bundler: the types an ESM app sees.
import { Body, Response, Server, StatusCode } from '@touche/touche'
import type { Request, ServerHandle, Service } from '@touche/touche'

const echo: Service = async (req: Request<Body>) => {
  const text: string = await req.body.text()
  return Response.builder().status(StatusCode.OK).header('x-path', req.uri.path).body(text)
}

export const started: Promise<ServerHandle> = Server.builder()
  .maxPipelinedRequests(8)
  .bind('127.0.0.1:0')
  .serve(echo)

export const empty: Body = Body.empty()
