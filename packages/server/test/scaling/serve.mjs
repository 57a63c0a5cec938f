// A touche server in processes of its own, for the multi-process tests (test/scaling.test.ts). It
// runs the built server (dist/), answers every request with `{ pid, directReads }`, prints
// `listening PORT` once every process serves, and closes gracefully on SIGTERM.
//
//   node serve.mjs plain PORT    one process (PORT 0: a free one)
//   node serve.mjs reuse PORT    one process bound with reusePort
//   node serve.mjs cluster N     a node:cluster primary and N workers sharing a port; each worker
//                                also re-homes the sockets cluster hands it to read them directly
//                                on a second port, printed as `direct-check PORT`
import cluster from 'node:cluster'
import { Buffer } from 'node:buffer'
import { createServer } from 'node:net'
import { Response, Server } from '../../dist/index.js'
import { directSocket } from '../../dist/direct-read.js'

const [mode, arg = '0'] = process.argv.slice(2)

async function serve(builder) {
  const server = await builder.serve(() =>
    Response.builder().body(JSON.stringify({ pid: process.pid, directReads: server.directReads }))
  )
  process.on('SIGTERM', () => void server.close({ timeout: 2_000 }).then(() => process.exit(0)))
  return server
}

/**
 * A listener whose sockets are re-homed as the server re-homes its own: the first line a client
 * sends is answered `direct PID` when it arrived through the direct read path, and `data PID`
 * when the socket could not be re-homed.
 */
function directCheck() {
  const listener = createServer({ pauseOnConnect: true, allowHalfOpen: true }, (socket) => {
    let line = ''
    let direct = null
    direct = directSocket(socket, {
      onBytes(bytes) {
        line += Buffer.from(bytes).toString('latin1')
        if (line.includes('\n')) direct.end(`direct ${process.pid}\n`)
        return true
      },
      ownReadLimit: () => 0,
    })
    if (direct === null) socket.end(`data ${process.pid}\n`)
    else direct.on('error', () => {})
  })
  // 127.0.0.2: not the server's address, so cluster shares a listener of its own for it.
  return new Promise((resolve) => listener.listen(0, '127.0.0.2', () => resolve(listener)))
}

if (mode === 'plain') {
  const server = await serve(Server.bind(`127.0.0.1:${arg}`))
  console.log(`listening ${server.address.port}`)
} else if (mode === 'reuse') {
  const server = await serve(Server.builder().reusePort(true).bind(`127.0.0.1:${arg}`))
  console.log(`listening ${server.address.port}`)
} else if (mode === 'cluster' && cluster.isPrimary) {
  const workers = Number(arg)
  const ports = new Map()
  cluster.on('listening', (_worker, address) => {
    const key = address.address === '127.0.0.2' ? 'direct-check' : 'listening'
    ports.set(key, [...(ports.get(key) ?? []), address.port])
    if ([...ports.values()].every((p) => p.length === workers) && ports.size === 2) {
      console.log(`listening ${ports.get('listening')[0]}`)
      console.log(`direct-check ${ports.get('direct-check')[0]}`)
    }
  })
  for (let i = 0; i < workers; i++) cluster.fork()
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    cluster.disconnect(() => process.exit(0))
  })
} else if (mode === 'cluster') {
  await serve(Server.bind('127.0.0.1:0'))
  const check = await directCheck()
  process.on('SIGTERM', () => check.close())
} else {
  console.error('usage: serve.mjs reuse PORT | cluster N')
  process.exit(2)
}
