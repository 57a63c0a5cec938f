// The results as markdown: one row per scenario with medians, ratio and the min-max spread.
import { availableParallelism, cpus, release } from 'node:os'
import type { CpuTime } from './proc.js'
import type { Scenario } from './scenarios.js'

/**
 * One server a scenario measures: touche, the baseline it is compared with, or a reference row
 * (Bun, the raw-net ceiling) measured in the same run.
 */
export interface Impl {
  /** Key of its samples; `touche` is the one the ratios are about. */
  readonly id: string
  /** Display name. */
  readonly name: string
  /** The server script in benchmarks/dist. */
  readonly file: string
  /** The runtime that runs the script. */
  readonly runtime: 'node' | 'bun'
}

/** One measurement of one implementation, with the server's peak memory. */
export interface Sample {
  readonly value: number
  readonly errors: number
  /** Peak RSS (VmHWM, KiB) of the server process, or of the client in the client scenarios. */
  readonly peakKiB: number
  /** The 99th percentile of request latency (ms), for HTTP loads. */
  readonly p99Ms?: number | undefined
  /** The server's CPU per unit of the value, where measured. */
  readonly cpu?: CpuTime | undefined
}

/** All rounds of one scenario. */
export interface ScenarioResult {
  readonly scenario: Scenario
  readonly generator: string
  /** Samples per implementation id. */
  readonly samples: Readonly<Record<string, Sample[]>>
  /** Shown under the table, e.g. when fewer idle connections were opened than asked. */
  readonly note?: string
}

/** How the run was set up, for the report header. */
export interface RunInfo {
  readonly date: Date
  readonly rounds: number
  readonly seconds: number
  readonly warmupSeconds: number
  readonly pinned: boolean
}

/**
 * The median of a non-empty list (mean of the middle two for even lengths).
 *
 * @example
 * median([3, 1, 2]) // 2
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * How `id` did against the scenario's baseline: its value ÷ the baseline's when higher is
 * better, the inverse when lower is better, so above 1 always means `id` did better. NaN when a
 * side is missing.
 *
 * @example
 * ratioOf(result) // touche against the baseline: 1.18
 * ratioOf(result, 'bun') // Bun against the baseline
 */
export function ratioOf(result: ScenarioResult, id = 'touche'): number {
  const mine = result.samples[id] ?? []
  const base = result.samples[result.scenario.baseline] ?? []
  if (mine.length === 0 || base.length === 0) return NaN
  const m = median(mine.map((s) => s.value))
  const b = median(base.map((s) => s.value))
  return result.scenario.higherIsBetter ? m / b : b / m
}

function format(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US')
  return value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)
}

function cell(samples: readonly Sample[]): string {
  if (samples.length === 0) return 'n/a'
  const errors = samples.reduce((sum, s) => sum + s.errors, 0)
  return format(median(samples.map((s) => s.value))) + (errors > 0 ? ` (${errors} errors)` : '')
}

function spread(samples: readonly Sample[]): string {
  if (samples.length === 0) return 'n/a'
  const values = samples.map((s) => s.value)
  return `${format(Math.min(...values))}–${format(Math.max(...values))}`
}

/** The median of a per-sample figure over the samples that have it. */
function medianOf(samples: readonly Sample[], pick: (s: Sample) => number | undefined): number {
  const values = samples.map(pick).filter((v): v is number => v !== undefined)
  return values.length === 0 ? NaN : median(values)
}

function cpuCell(samples: readonly Sample[], unit: string): string {
  const user = medianOf(samples, (s) => s.cpu?.userUs)
  const system = medianOf(samples, (s) => s.cpu?.systemUs)
  if (!Number.isFinite(user)) return ''
  return `${format(user)} + ${format(system)} µs/${unit.split('/')[0]}`
}

function p99Cell(samples: readonly Sample[]): string {
  const p99 = medianOf(samples, (s) => s.p99Ms)
  return Number.isFinite(p99) ? format(p99) : ''
}

function peak(samples: readonly Sample[]): string {
  return samples.length === 0 ? 'n/a' : format(Math.max(...samples.map((s) => s.peakKiB)) / 1024)
}

/**
 * One line describing the machine: CPU model, cores, Node version, kernel.
 *
 * @example
 * machineInfo() // 'Intel(R) Xeon(R) Processor @ 2.50GHz, 2 cores, Node v20.20.2, Linux 6.1.0'
 */
export function machineInfo(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU'
  return `${model}, ${availableParallelism()} cores, Node ${process.version}, Linux ${release()}`
}

/**
 * Renders the results as a markdown document.
 *
 * @example
 * writeFileSync('benchmarks/results/latest.md', renderMarkdown(results, info, parserTable))
 */
export function renderMarkdown(
  results: readonly ScenarioResult[],
  info: RunInfo,
  parser: string | undefined
): string {
  const lines = [
    '# touche benchmarks',
    '',
    `${info.date.toISOString()}: ${machineInfo()}.`,
    '',
    info.pinned
      ? 'Server pinned to core 0 and load generator to core 1 (taskset); loopback 127.0.0.1 only.'
      : 'Not pinned to cores (taskset missing or fewer than 2 cores); loopback 127.0.0.1 only.',
    `${info.rounds} round(s); load scenarios run ${info.seconds} s after ${info.warmupSeconds} s ` +
      'of warm-up; the servers of a scenario alternate, each freshly started. Values are ' +
      "medians over rounds, with the min–max beside them. '÷ baseline' is the server's value ÷ " +
      "the scenario's baseline for throughput and the inverse for memory, so above 1 means the " +
      "server did better than the baseline. 'server CPU' is the server's user + system time " +
      "per unit (request, MiB, message, handshake) while measured (/proc/<pid>/stat); 'p99' the " +
      "generator's 99th percentile of request latency.",
  ]
  if (results.length > 0) {
    lines.push(
      '',
      '| scenario | generator | server | unit | median | min–max | ÷ baseline | server CPU | p99 ms | peak RSS MiB |',
      '| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |'
    )
  }
  for (const r of results) {
    for (const impl of r.scenario.impls) {
      const samples = r.samples[impl.id] ?? []
      const base = impl.id === r.scenario.baseline
      const ratio = ratioOf(r, impl.id)
      lines.push(
        `| ${r.scenario.title} | ${r.generator} | ${impl.name}${base ? ' (baseline)' : ''} | ` +
          `${r.scenario.unit} | ${cell(samples)} | ${spread(samples)} | ` +
          `${base ? '1' : Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a'} | ` +
          `${cpuCell(samples, r.scenario.unit)} | ${p99Cell(samples)} | ${peak(samples)} |`
      )
    }
  }
  const notes = results.filter((r) => r.note !== undefined).map((r) => `- ${r.note}`)
  if (notes.length > 0) lines.push('', ...notes)
  if (parser !== undefined) {
    lines.push('', '## h1 parser against llhttp', '', parser.trim())
  }
  return lines.join('\n') + '\n'
}
