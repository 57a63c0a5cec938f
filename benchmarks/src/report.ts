// The results as markdown: one row per scenario with medians, ratio and the min-max spread.
import { availableParallelism, cpus, release } from 'node:os'
import type { Scenario } from './scenarios.js'

/** The two servers compared. */
export const IMPLS = ['touche', 'node'] as const
export type Impl = (typeof IMPLS)[number]

/** Display names of the implementations. */
export const IMPL_NAMES: Record<Impl, string> = { touche: 'touche', node: 'node:http' }

/** One measurement of one implementation, with the server's peak memory. */
export interface Sample {
  readonly value: number
  readonly errors: number
  /** Peak RSS of the server process (VmHWM), KiB. */
  readonly peakKiB: number
}

/** All rounds of one scenario. */
export interface ScenarioResult {
  readonly scenario: Scenario
  readonly generator: string
  readonly samples: Record<Impl, Sample[]>
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
 * touche's advantage in one scenario: touche ÷ node:http when higher is better, node:http ÷
 * touche when lower is better, so above 1 always means touche did better. NaN when a side is
 * missing.
 *
 * @example
 * ratioOf(result) // 1.18
 */
export function ratioOf(result: ScenarioResult): number {
  const { touche, node } = result.samples
  if (touche.length === 0 || node.length === 0) return NaN
  const t = median(touche.map((s) => s.value))
  const n = median(node.map((s) => s.value))
  return result.scenario.higherIsBetter ? t / n : n / t
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
      'of warm-up; touche and node:http alternate, each on a freshly started server. Values are ' +
      'medians over rounds, with the min–max beside them. Ratio is touche ÷ node:http for ' +
      'throughput and node:http ÷ touche for memory, so above 1 means touche did better.',
  ]
  if (results.length > 0) {
    lines.push(
      '',
      '| scenario | generator | unit | touche | node:http | ratio | min–max touche | min–max node:http | peak RSS MiB touche / node:http |',
      '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |'
    )
  }
  for (const r of results) {
    const { touche, node } = r.samples
    const ratio = ratioOf(r)
    lines.push(
      `| ${r.scenario.title} | ${r.generator} | ${r.scenario.unit} | ${cell(touche)} | ` +
        `${cell(node)} | ${Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a'} | ` +
        `${spread(touche)} | ${spread(node)} | ${peak(touche)} / ${peak(node)} |`
    )
  }
  const notes = results.filter((r) => r.note !== undefined).map((r) => `- ${r.note}`)
  if (notes.length > 0) lines.push('', ...notes)
  if (parser !== undefined) {
    lines.push('', '## h1 parser against llhttp', '', parser.trim())
  }
  return lines.join('\n') + '\n'
}
