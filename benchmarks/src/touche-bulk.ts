// touche for bulk transfers: POST /upload counts the streamed request body and answers the count;
// GET /download?bytes=N streams N bytes with a declared length.
import { Body, Response, Server } from '@touche/server'
import { announce, serverArgs } from './server-args.js'

/** Size of each piece of a download. */
const CHUNK_SIZE = 64 * 1024

const args = serverArgs()
const chunk = new Uint8Array(CHUNK_SIZE).fill(0x78)

async function* download(total: number): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < total; sent += CHUNK_SIZE) {
    yield total - sent >= CHUNK_SIZE ? chunk : chunk.subarray(0, total - sent)
  }
}

const handle = await Server.bind(`${args.host}:${args.port}`).serve(async (req) => {
  if (req.method.toString() === 'POST') {
    let received = 0
    for await (const data of req.body) received += data.length
    return Response.builder().body(Body.from(String(received)))
  }
  const total = Number(new URLSearchParams(req.uri.query ?? '').get('bytes') ?? 0)
  return Response.builder()
    .header('content-type', 'application/octet-stream')
    .body(Body.from(download(total), { length: total }))
})
announce({ address: handle.address.host, port: handle.address.port })
