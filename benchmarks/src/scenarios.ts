// What is measured. Each scenario runs against a freshly started server of one implementation
// and yields one number; the runner repeats it per round and per implementation.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Generator, Load } from './generators.js'
import type { Impl } from './report.js'
import {
  GENERATOR_CORE,
  cpuOf,
  cpuPer,
  memoryOf,
  pinned,
  runGenerator,
  stop,
  track,
  waitForLine,
} from './proc.js'
import type { CpuTime, ServerProcess } from './proc.js'
import { CLIENT_SCENARIOS } from './client-scenarios.js'

/** Settings shared by every scenario of one run. */
export interface RunSettings {
  /** Seconds of load per measurement. */
  readonly seconds: number
  /** Seconds of load before each measurement, not recorded. */
  readonly warmupSeconds: number
  /** Bytes per streamed upload or download. */
  readonly bulkBytes: number
  /** Idle keep-alive connections to hold open. */
  readonly idleConnections: number
  readonly generator: Generator
}

/** One measurement. */
export interface Measurement {
  readonly value: number
  /** Errors the client saw; a measurement with errors is reported but flagged. */
  readonly errors: number
  /** Peak RSS (KiB) of what is measured when that is not the server (a client). */
  readonly peakKiB?: number
  /** The 99th percentile of request latency (ms), for HTTP loads. */
  readonly p99Ms?: number | undefined
  /** The server's CPU per unit of the value (per request, MiB, message or handshake). */
  readonly cpu?: CpuTime
}

/** A benchmark scenario. */
export interface Scenario {
  readonly id: string
  readonly title: string
  readonly unit: string
  readonly higherIsBetter: boolean
  /** The servers measured, touche first; `baseline` is the id the ratios divide by. */
  readonly impls: readonly Impl[]
  readonly baseline: string
  readonly serverArgs: readonly string[]
  /** Whether the HTTP load generator produces the load (else a client of our own). */
  readonly usesGenerator: boolean
  /** What produces the load when the generator does not, for the report. */
  readonly client?: string
  /** One measurement of `impl` (a server, or for the client scenarios a client) on `server`. */
  measure(server: ServerProcess, settings: RunSettings, impl: Impl): Promise<Measurement>
}

/** Upper bound for one bulk transfer: 1 GiB at a pessimistic 20 MiB/s. */
const BULK_TIMEOUT_MS = 60_000
/** Upper bound for opening every idle connection. */
const IDLE_OPEN_TIMEOUT_MS = 120_000
/** Pause after the last idle connection opens, so the server finishes its per-connection work. */
const IDLE_SETTLE_MS = 1_000

const bulkClient = fileURLToPath(new URL('./bulk-client.js', import.meta.url))
const idleClient = fileURLToPath(new URL('./idle-client.js', import.meta.url))

const TOUCHE = (server: string): Impl => ({
  id: 'touche',
  name: 'touche',
  file: `touche-${server}.js`,
  runtime: 'node',
})
const NODE = (server: string): Impl => ({
  id: 'node',
  name: 'node:http',
  file: `node-${server}.js`,
  runtime: 'node',
})
/** `Bun.serve`, the fast choice users name: a reference measured in the same run. */
const BUN_HELLO: Impl = { id: 'bun', name: 'Bun.serve', file: 'bun-hello.js', runtime: 'bun' }
/**
 * A raw `net` server that counts heads and writes a canned response per request, batched per
 * read: what JavaScript on Node can do at all, a reference and not a goal.
 */
const CEILING: Impl = {
  id: 'ceiling',
  name: 'raw net ceiling',
  file: 'ceiling-hello.js',
  runtime: 'node',
}
const HONO_IMPLS: readonly Impl[] = [
  { id: 'touche', name: 'Hono on touche', file: 'touche-hono.js', runtime: 'node' },
  { id: 'node', name: 'Hono on @hono/node-server', file: 'node-hono.js', runtime: 'node' },
  { id: 'bun', name: 'Hono on Bun', file: 'bun-hono.js', runtime: 'bun' },
]
/**
 * The Hono GET rows also run the ceiling server (which answers any path with its canned
 * response): Hono on Bun against what any server on Node can do at all.
 */
const HONO_GET_IMPLS: readonly Impl[] = [...HONO_IMPLS, CEILING]
const pair = (server: string): readonly Impl[] => [TOUCHE(server), NODE(server)]

function loadScenario(
  id: string,
  title: string,
  impls: readonly Impl[],
  load: Omit<Load, 'port' | 'seconds'>
): Scenario {
  return {
    id,
    title,
    unit: 'req/s',
    higherIsBetter: true,
    impls,
    baseline: 'node',
    serverArgs: [],
    usesGenerator: true,
    async measure(srv, settings) {
      const gen = settings.generator
      if (settings.warmupSeconds > 0) {
        await gen.run({ ...load, port: srv.port, seconds: settings.warmupSeconds })
      }
      const before = cpuOf(srv.pid)
      const result = await gen.run({ ...load, port: srv.port, seconds: settings.seconds })
      const cpu = cpuPer(srv.pid, before, result.requestsPerSec * settings.seconds)
      // wrk's latency figures do not describe requests pipelined in a batch: none is reported.
      const p99Ms = load.pipelining > 1 ? undefined : result.p99Ms
      return { value: result.requestsPerSec, errors: result.errors, p99Ms, cpu }
    },
  }
}

/** One transfer: how many bytes moved in how many seconds, as the client timed it. */
async function bulkTransfer(
  port: number,
  mode: string,
  bytes: number
): Promise<{ bytes: number; seconds: number }> {
  const args = [bulkClient, '--port', String(port), '--mode', mode, '--bytes', String(bytes)]
  const out = await runGenerator(process.execPath, args, BULK_TIMEOUT_MS)
  return JSON.parse(out.trim()) as { bytes: number; seconds: number }
}

function bulkScenario(mode: 'upload' | 'download'): Scenario {
  return {
    id: `${mode}-1g`,
    title: `streamed ${mode}, 1 GiB`,
    unit: 'MiB/s',
    higherIsBetter: true,
    impls: pair('bulk'),
    baseline: 'node',
    serverArgs: [],
    usesGenerator: false,
    async measure(srv, settings) {
      await bulkTransfer(srv.port, mode, Math.min(settings.bulkBytes, 64 * 1024 ** 2))
      // Transfers back to back for the measuring time, like the load scenarios: one transfer
      // lasts under a second, and single transfers of either server vary twofold on a shared VM.
      let bytes = 0
      let seconds = 0
      const before = cpuOf(srv.pid)
      const until = Date.now() + settings.seconds * 1000
      do {
        const t = await bulkTransfer(srv.port, mode, settings.bulkBytes)
        bytes += t.bytes
        seconds += t.seconds
      } while (Date.now() < until)
      return {
        value: bytes / 1024 ** 2 / seconds,
        errors: 0,
        cpu: cpuPer(srv.pid, before, bytes / 1024 ** 2),
      }
    },
  }
}

const wsClient = fileURLToPath(new URL('./ws-client.js', import.meta.url))
const wsHandshakeClient = fileURLToPath(new URL('./ws-handshake-client.js', import.meta.url))

function wsScenario(mode: 'echo' | 'handshake'): Scenario {
  return {
    id: `ws-${mode}`,
    title:
      mode === 'echo'
        ? 'ws echo, 64-byte messages, 50 connections'
        : 'WebSocket handshakes, 50 at a time',
    unit: mode === 'echo' ? 'msg/s' : 'handshakes/s',
    higherIsBetter: true,
    impls: pair('ws'),
    baseline: 'node',
    serverArgs: [],
    usesGenerator: false,
    async measure(srv, settings) {
      const run = async (seconds: number): Promise<{ value: number; errors: number }> => {
        const args =
          mode === 'echo'
            ? [wsClient, '--port', String(srv.port)]
            : [wsHandshakeClient, '--port', String(srv.port)]
        args.push('--seconds', String(seconds))
        const out = await runGenerator(process.execPath, args, seconds * 1000 + 30_000)
        const result = JSON.parse(out.trim()) as { count: number; errors?: number; seconds: number }
        return { value: result.count / result.seconds, errors: result.errors ?? 0 }
      }
      if (settings.warmupSeconds > 0) await run(settings.warmupSeconds)
      const before = cpuOf(srv.pid)
      const result = await run(settings.seconds)
      return { ...result, cpu: cpuPer(srv.pid, before, result.value * settings.seconds) }
    },
  }
}

const idleScenario: Scenario = {
  id: 'idle-10k',
  title: 'idle keep-alive connections',
  unit: 'KiB/conn',
  higherIsBetter: false,
  impls: pair('hello'),
  baseline: 'node',
  serverArgs: ['--keep-alive-timeout', '600000'],
  usesGenerator: false,
  async measure(srv, settings) {
    const before = memoryOf(srv.pid).rssKiB
    const count = settings.idleConnections
    const [command, args] = pinned(GENERATOR_CORE, process.execPath, [
      idleClient,
      ...['--port', String(srv.port), '--count', String(count)],
    ])
    const client = track(spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] }))
    try {
      await waitForLine(client, /^ready (\d+)$/, IDLE_OPEN_TIMEOUT_MS)
      await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS))
      const after = memoryOf(srv.pid).rssKiB
      return { value: (after - before) / count, errors: 0 }
    } finally {
      await stop(client)
    }
  },
}

/**
 * Every scenario, in report order.
 *
 * @example
 * const hello = SCENARIOS.find((s) => s.id === 'hello')
 */
export const SCENARIOS: readonly Scenario[] = [
  loadScenario('hello', 'hello world, 50 connections', [...pair('hello'), BUN_HELLO, CEILING], {
    connections: 50,
    pipelining: 1,
    bodyBytes: 0,
  }),
  loadScenario(
    'hello-pipelined',
    'hello world, 50 connections, 10 pipelined',
    [...pair('hello'), BUN_HELLO, CEILING],
    { connections: 50, pipelining: 10, bodyBytes: 0 }
  ),
  loadScenario(
    'hello-close',
    'hello world, a new connection per request (Connection: close), 50 at a time',
    pair('hello'),
    { connections: 50, pipelining: 1, bodyBytes: 0, close: true }
  ),
  loadScenario('echo-1k', 'POST echo 1 KiB, 50 connections', pair('echo'), {
    connections: 50,
    pipelining: 1,
    bodyBytes: 1024,
  }),
  loadScenario('echo-1m', 'POST echo 1 MiB, 10 connections', pair('echo'), {
    connections: 10,
    pipelining: 1,
    bodyBytes: 1024 ** 2,
  }),
  loadScenario('hono-text', 'Hono, GET / (text), 50 connections', HONO_GET_IMPLS, {
    connections: 50,
    pipelining: 1,
    bodyBytes: 0,
  }),
  loadScenario('hono-json', 'Hono, GET /json/:id (JSON), 50 connections', HONO_GET_IMPLS, {
    connections: 50,
    pipelining: 1,
    bodyBytes: 0,
    path: '/json/42',
  }),
  loadScenario('hono-echo', 'Hono, POST /echo 1 KiB (streamed back), 50 connections', HONO_IMPLS, {
    connections: 50,
    pipelining: 1,
    bodyBytes: 1024,
    path: '/echo',
  }),
  wsScenario('echo'),
  wsScenario('handshake'),
  bulkScenario('upload'),
  bulkScenario('download'),
  idleScenario,
  ...CLIENT_SCENARIOS,
]

/**
 * The soft limit on open files of this process (inherited by its children), from /proc.
 *
 * @example
 * const fds = openFileLimit() // 20480 when `pnpm bench` could raise it
 */
export function openFileLimit(): number {
  const limits = readFileSync('/proc/self/limits', 'utf8')
  return Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1] ?? 1024)
}
