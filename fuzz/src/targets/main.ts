// A server under test, in a process of its own: `node main.js '<TargetSpec as JSON>'`, forked by
// the harness with an IPC channel. It listens on 127.0.0.1:0, reports `ready`, answers `stats`
// and `close`, and exits when the harness goes away. An uncaught exception or unhandled
// rejection is reported as `fatal` and ends the process, as it would end a real server.
import type { Server as NodeServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from '@touche/server'
import type { ServerOptionsInit, Service } from '@touche/server'
import { nodeEchoServer } from './node-echo.js'
import type { TargetMessage, TargetRequest, TargetSpec, TargetStats } from './protocol.js'
import { nodeSoakServer, toucheSoakService, soakCounters } from '../soak/services.js'
import { toucheEcho } from './touche-echo.js'

const spec = JSON.parse(process.argv[2] ?? '{}') as TargetSpec
const errors: Record<string, number> = {}
const count = (code: string): void => {
  errors[code] = (errors[code] ?? 0) + 1
}

function send(message: TargetMessage): void {
  process.send?.(message)
}

function fatal(what: string, error: unknown): void {
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error)
  process.stderr.write(`${what}: ${stack}\n`)
  send({ event: 'fatal', what, stack })
  process.exitCode = 70
  // Give the IPC message a turn to leave, as a crashing server would not.
  setImmediate(() => process.exit(70))
}
process.on('uncaughtException', (e) => fatal('uncaughtException', e))
process.on('unhandledRejection', (e) => fatal('unhandledRejection', e))
process.on('disconnect', () => process.exit(0))

type Running = {
  readonly port: number
  connections(): number
  close(timeout: number): Promise<void>
}

async function startTouche(): Promise<Running> {
  const service: Service = spec.service === 'echo' ? toucheEcho : toucheSoakService
  const handle = await Server.builder()
    .options({ ...(spec.options as ServerOptionsInit), onError: (e) => count(e.code) })
    .bind('127.0.0.1:0')
    .serve(service)
  return {
    port: handle.address.port,
    connections: () => handle.connections,
    close: (timeout) => handle.close({ timeout }),
  }
}

async function startNode(): Promise<Running> {
  const server: NodeServer =
    spec.service === 'echo' ? nodeEchoServer() : nodeSoakServer(spec.options ?? {})
  let open = 0
  server.on('connection', (socket) => {
    open++
    socket.once('close', () => open--)
  })
  // No 'clientError' listener: one would replace node:http's own 400 / 431 answers.
  const backlog = spec.options?.['backlog']
  await new Promise<void>((resolve) =>
    server.listen(
      { port: 0, host: '127.0.0.1', ...(typeof backlog === 'number' && { backlog }) },
      resolve
    )
  )
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => open,
    close: (timeout) =>
      new Promise<void>((resolve) => {
        const deadline = setTimeout(() => server.closeAllConnections(), timeout)
        server.close(() => {
          clearTimeout(deadline)
          resolve()
        })
        server.closeIdleConnections()
      }),
  }
}

const running = spec.server === 'node' ? await startNode() : await startTouche()
process.on('message', (m: TargetRequest) => {
  switch (m.op) {
    case 'stats': {
      const stats: TargetStats = {
        connections: running.connections(),
        errors,
        counters: soakCounters,
      }
      send({ id: m.id, stats })
      return
    }
    case 'close': {
      const started = performance.now()
      void running
        .close(m.timeout)
        .then(() => send({ id: m.id, closed: true, ms: performance.now() - started }))
      return
    }
  }
})
send({ event: 'ready', port: running.port })
