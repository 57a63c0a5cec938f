// Imported as an app would: ESM, through the one package. Serves one request and prints it.
import { Response, Server, StatusCode } from '@touche/touche'

const server = await Server.bind('127.0.0.1:0').serve((req) =>
  Response.builder().status(StatusCode.OK).body(`esm ${req.method} ${req.uri.path}`)
)
const res = await fetch(`http://127.0.0.1:${server.address.port}/hello`)
console.log(JSON.stringify({ status: res.status, body: await res.text() }))
await server.close({ timeout: 1_000 })
