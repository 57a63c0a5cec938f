// The same from CommonJS: `require` of an ES module (Node 20.19+, 22.12+).
const { Response, Server, StatusCode } = require('@touche/touche')

async function main() {
  const server = await Server.bind('127.0.0.1:0').serve((req) =>
    Response.builder().status(StatusCode.OK).body(`cjs ${req.method} ${req.uri.path}`)
  )
  const res = await fetch(`http://127.0.0.1:${server.address.port}/hello`)
  console.log(JSON.stringify({ status: res.status, body: await res.text() }))
  await server.close({ timeout: 1_000 })
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
