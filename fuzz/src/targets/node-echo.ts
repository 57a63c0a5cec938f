/** The echo service on node:http, the reference of the differential runs. */
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { ECHO_DELAY_MS, echoPlan } from '../echo.js'

/**
 * A node:http server answering as the touche echo service does. Two settings differ from a
 * bare `createServer()`: `httpAllowHalfOpen` (touche answers requests sent before a client's FIN,
 * and without it node:http drops them, which would hide every other difference), and a
 * `'connect'` listener that answers CONNECT with a bare 200 and closes, as touche does without a
 * tunnel handler, and an `'upgrade'` listener that answers the request (its body unread) and
 * closes, since node:http reads no more HTTP after a request that asks to upgrade.
 *
 * @example
 * ```ts
 * nodeEchoServer().listen(0, '127.0.0.1')
 * ```
 */
export function nodeEchoServer(): Server {
  const server = createServer((req, res) => {
    const parts: Buffer[] = []
    req.on('data', (d: Buffer) => parts.push(d))
    req.on('error', () => {})
    res.on('error', () => {})
    req.on('end', () => {
      const body = Buffer.concat(parts)
      const plan = echoPlan(req.method ?? '', req.url ?? '', body)
      const answer = (): void => {
        res.statusCode = plan.status
        res.setHeader('x-echo', plan.echo)
        switch (plan.shape) {
          case 'no-content':
            res.end()
            return
          case 'stream': {
            const mid = plan.body.length >> 1
            res.write(plan.body.slice(0, mid))
            setImmediate(() => res.end(plan.body.slice(mid)))
            return
          }
          case 'fixed':
          case 'delayed':
            res.setHeader('content-length', plan.body.length)
            res.end(plan.body)
        }
      }
      if (plan.shape === 'delayed') setTimeout(answer, ECHO_DELAY_MS)
      else answer()
    })
  })
  ;(server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true
  server.on('connect', (req, socket) => {
    const plan = echoPlan(req.method ?? '', req.url ?? '', new Uint8Array())
    socket.on('error', () => {})
    socket.end(`HTTP/1.1 200 OK\r\nx-echo: ${plan.echo}\r\n\r\n`, 'latin1')
  })
  server.on('upgrade', (req, socket) => {
    const plan = echoPlan(req.method ?? '', req.url ?? '', new Uint8Array())
    socket.on('error', () => {})
    const head = `HTTP/1.1 ${plan.status} ${plan.status === 200 ? 'OK' : 'No Content'}\r\nx-echo: ${plan.echo}\r\n`
    socket.end(
      plan.status === 200
        ? `${head}content-length: ${plan.body.length}\r\n\r\n${plan.body}`
        : `${head}\r\n`,
      'latin1'
    )
  })
  return server
}
