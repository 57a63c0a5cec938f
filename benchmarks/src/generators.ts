// HTTP load generators: wrk when installed (a C client that keeps up with a Node server on one
// core), autocannon otherwise (itself a Node process, which saturates its core first).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { runGenerator } from './proc.js'

/** One load run against a server. */
export interface Load {
  readonly port: number
  readonly connections: number
  /** Requests written back to back per connection before waiting for responses. */
  readonly pipelining: number
  /** Request body size; 0 sends GET, more sends POST with that many bytes. */
  readonly bodyBytes: number
  /** The request target; `/` when absent. */
  readonly path?: string
  /** Ask for `Connection: close`: every request on a new connection. */
  readonly close?: boolean
  readonly seconds: number
}

/** What a load run measured. */
export interface LoadResult {
  readonly requestsPerSec: number
  /** Connect, read, write, timeout and non-2xx errors together. */
  readonly errors: number
  /** The 99th percentile of request latency, in milliseconds, when the generator reports it. */
  readonly p99Ms?: number
}

/** A load generator the runner can drive. */
export interface Generator {
  /** Name and version, for the report. */
  readonly name: string
  run(load: Load): Promise<LoadResult>
}

/** Extra time a generator gets beyond its run before it is killed. */
const GRACE_MS = 15_000

const WRK_VERSION = wrkVersion()
// One request per write needs no Lua per request; pipelining needs request() (see lua/*.lua).
const staticScript = fileURLToPath(new URL('../lua/static.lua', import.meta.url))
const pipelineScript = fileURLToPath(new URL('../lua/pipeline.lua', import.meta.url))
const autocannonRun = fileURLToPath(new URL('./autocannon-run.js', import.meta.url))

const wrk: Generator = {
  name: WRK_VERSION ?? 'wrk',
  async run(load) {
    const args = ['-t1', `-c${load.connections}`, `-d${load.seconds}s`, '--timeout', '10s']
    const script = load.pipelining > 1 ? pipelineScript : staticScript
    if (load.close === true) args.push('-H', 'Connection: close')
    args.push('-s', script, `http://127.0.0.1:${load.port}${load.path ?? '/'}`, '--')
    args.push(String(load.pipelining), String(load.bodyBytes))
    const out = await runGenerator('wrk', args, load.seconds * 1000 + GRACE_MS)
    const line = out.split('\n').find((l) => l.startsWith('{"requests"'))
    if (line === undefined) throw new Error(`wrk printed no summary: ${out}`)
    const summary = JSON.parse(line) as {
      requests: number
      durationUs: number
      errors: number
      p99Us: number
    }
    return {
      requestsPerSec: summary.requests / (summary.durationUs / 1e6),
      errors: summary.errors,
      p99Ms: summary.p99Us / 1000,
    }
  },
}

const autocannon: Generator = {
  name: 'autocannon 8',
  async run(load) {
    const args = [autocannonRun, '--url', `http://127.0.0.1:${load.port}${load.path ?? '/'}`]
    args.push('--connections', String(load.connections), '--pipelining', String(load.pipelining))
    args.push('--duration', String(load.seconds), '--body-bytes', String(load.bodyBytes))
    if (load.close === true) args.push('--close')
    const out = await runGenerator(process.execPath, args, load.seconds * 1000 + GRACE_MS)
    return JSON.parse(out.trim()) as LoadResult
  },
}

/** `wrk 4.1.0`, or undefined when wrk is not installed. */
function wrkVersion(): string | undefined {
  const probe = spawnSync('wrk', ['-v'], { encoding: 'utf8' })
  if (probe.error !== undefined) return undefined
  const match = /wrk (?:debian\/)?(\d[\w.]*)/.exec(`${probe.stdout}${probe.stderr}`)
  return match === null ? 'wrk' : `wrk ${match[1]}`
}

/**
 * Picks the generator: `preferred` when given ('wrk' | 'autocannon'), else wrk if installed,
 * else autocannon.
 *
 * @example
 * const gen = pickGenerator(undefined) // wrk when installed
 */
export function pickGenerator(preferred: string | undefined): Generator {
  const hasWrk = WRK_VERSION !== undefined
  if (preferred === 'autocannon') return autocannon
  if (preferred === 'wrk' && !hasWrk) throw new Error('--generator wrk: wrk is not installed')
  return hasWrk ? wrk : autocannon
}
