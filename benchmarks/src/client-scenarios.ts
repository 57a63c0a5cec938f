// The client scenarios: touche's `Client` against undici's `Pool` and node:http's `Agent`, each
// driving the same server (the raw canned-response server, or touche's bulk server) from the
// generator's core, as `client-load.ts` in a process of its own.
import { fileURLToPath } from 'node:url'
import { runGenerator } from './proc.js'
import type { Impl } from './report.js'
import type { Measurement, Scenario } from './scenarios.js'

/** Time a client run may take beyond its measuring time (a 1 GiB transfer at 20 MiB/s). */
const SLACK_MS = 60_000

const clientLoad = fileURLToPath(new URL('./client-load.js', import.meta.url))

/**
 * A client measured against a fixed server: `impls` are clients here (touche's `Client`,
 * undici's `Pool`, node:http's `Agent`), each driving the same server from the generator's core.
 */
function clientScenario(
  id: string,
  title: string,
  mode: 'hello' | 'download' | 'upload',
  pipelining: number
): Scenario {
  const server = mode === 'hello' ? 'ceiling-hello.js' : 'touche-bulk.js'
  const client = (impl: string, name: string): Impl => ({
    id: impl,
    name,
    file: server,
    runtime: 'node',
  })
  return {
    id,
    title,
    unit: mode === 'hello' ? 'req/s' : 'MiB/s',
    higherIsBetter: true,
    impls: [
      client('touche', '@touche/client'),
      client('undici', 'undici Pool'),
      client('node', 'node:http Agent'),
    ],
    baseline: 'undici',
    serverArgs: [],
    usesGenerator: false,
    client: 'the client measured (client-load.ts)',
    async measure(srv, settings, impl) {
      const run = async (seconds: number): Promise<Measurement> => {
        const args = [clientLoad, '--impl', impl.id, '--port', String(srv.port), '--mode', mode]
        args.push('--pipelining', String(pipelining), '--seconds', String(seconds))
        args.push('--bytes', String(settings.bulkBytes))
        const out = await runGenerator(process.execPath, args, seconds * 1000 + SLACK_MS)
        const r = JSON.parse(out.trim()) as {
          count: number
          bytes: number
          seconds: number
          errors: number
          peakKiB: number
        }
        const value = mode === 'hello' ? r.count / r.seconds : r.bytes / 1024 ** 2 / r.seconds
        return { value, errors: r.errors, peakKiB: r.peakKiB }
      }
      if (settings.warmupSeconds > 0) await run(settings.warmupSeconds)
      return run(settings.seconds)
    },
  }
}

/** Every client scenario, in report order. */
export const CLIENT_SCENARIOS: readonly Scenario[] = [
  clientScenario('client', 'client: GET, 50 connections, canned server', 'hello', 1),
  clientScenario(
    'client-pipelined',
    'client: GET, 50 connections, 10 pipelined, canned server',
    'hello',
    10
  ),
  clientScenario('client-download-1g', 'client: 1 GiB download', 'download', 1),
  clientScenario('client-upload-1g', 'client: 1 GiB upload', 'upload', 1),
]
