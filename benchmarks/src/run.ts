// The benchmark runner behind `pnpm bench`: touche against node:http, side by side, alternating.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { pickGenerator } from './generators.js'
import {
  GENERATOR_CORE,
  SERVER_CORE,
  canPin,
  memoryOf,
  pinned,
  startServer,
  stopAll,
} from './proc.js'
import { bunBinary } from './bun.js'
import { machineInfo, renderMarkdown } from './report.js'
import type { Impl, Sample, ScenarioResult } from './report.js'
import { SCENARIOS, openFileLimit } from './scenarios.js'
import type { RunSettings, Scenario } from './scenarios.js'
import { renderSvg } from './svg.js'

/** File descriptors kept back from the idle scenario for the runtime, logs and pipes. */
const FD_RESERVE = 512
/** Upper bound for the parser micro-benchmark. */
const PARSER_TIMEOUT_MS = 10 * 60_000

const USAGE = `usage: pnpm bench [options]
  --duration S      seconds of load per measurement (default 10)
  --warmup S        seconds of warm-up load before each (default 2)
  --rounds N        rounds per scenario, touche and node:http alternating (default 5)
  --quick           a run short enough to repeat: 3 rounds of 3 s after 1 s of warm-up, 256 MiB
                    bulk transfers, 2000 idle connections (flags given as well still win)
  --only A,B        scenarios whose id starts with A or B: ${SCENARIOS.map((s) => s.id).join(', ')}, parse
  --generator G     wrk or autocannon (default: wrk when installed)
  --bulk-bytes N    bytes per streamed upload/download (default 1073741824)
  --idle N          idle connections to hold (default 10000)
  --impl I,J        only these servers: touche, node, bun, ceiling
  --no-build        skip tsc -b
`

const dist = (file: string): string => fileURLToPath(new URL(`./${file}`, import.meta.url))
const resultsDir = fileURLToPath(new URL('../results/', import.meta.url))

const { values } = parseArgs({
  options: {
    duration: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    generator: { type: 'string' },
    'bulk-bytes': { type: 'string' },
    idle: { type: 'string' },
    impl: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
})
if (values.help) {
  process.stdout.write(USAGE)
  process.exit(0)
}

const defaults = values.quick
  ? { duration: '3', warmup: '1', rounds: '3', bulkBytes: String(256 * 1024 ** 2), idle: '2000' }
  : { duration: '10', warmup: '2', rounds: '5', bulkBytes: String(1024 ** 3), idle: '10000' }
const only = values.only?.split(',').filter((s) => s !== '')
const selected = (id: string): boolean => only === undefined || only.some((o) => id.startsWith(o))
const onlyImpls = values.impl?.split(',').filter((s) => s !== '')
const measured = (impl: Impl): boolean => onlyImpls === undefined || onlyImpls.includes(impl.id)
const fdLimit = openFileLimit()
const requestedIdle = Number(values.idle ?? defaults.idle)
const settings: RunSettings = {
  seconds: Number(values.duration ?? defaults.duration),
  warmupSeconds: Number(values.warmup ?? defaults.warmup),
  bulkBytes: Number(values['bulk-bytes'] ?? defaults.bulkBytes),
  idleConnections: Math.max(0, Math.min(requestedIdle, fdLimit - FD_RESERVE)),
  generator: pickGenerator(values.generator),
}
const rounds = Number(values.rounds ?? defaults.rounds)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopAll().then(() => process.exit(130)))
}

function log(line: string): void {
  process.stdout.write(`${line}\n`)
}

/** The runtime for `impl`, or null when it cannot run here (no Bun). */
function runtimeOf(impl: Impl): string | null {
  return impl.runtime === 'bun' ? bunBinary(log) : process.execPath
}

async function measureOnce(scenario: Scenario, impl: Impl, runtime: string): Promise<Sample> {
  const script = dist(impl.file)
  const server = await startServer(script, [...scenario.serverArgs], runtime)
  try {
    const m = await scenario.measure(server, settings, impl)
    return {
      value: m.value,
      errors: m.errors,
      peakKiB: m.peakKiB ?? memoryOf(server.pid).peakKiB,
      p99Ms: m.p99Ms,
      cpu: m.cpu,
    }
  } finally {
    await server.stop()
  }
}

async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const samples: Record<string, Sample[]> = {}
  const generator = scenario.usesGenerator
    ? settings.generator.name
    : (scenario.client ?? 'own client (node:net)')
  const notes: string[] = []
  const impls: Impl[] = []
  for (const impl of scenario.impls.filter(measured)) {
    samples[impl.id] = []
    if (!existsSync(dist(impl.file))) notes.push(`${impl.file} not built`)
    else if (runtimeOf(impl) === null) notes.push(`${impl.name}: no ${impl.runtime} to run it`)
    else impls.push(impl)
  }
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? impls : [...impls].reverse()
    for (const impl of order) {
      try {
        const sample = await measureOnce(scenario, impl, runtimeOf(impl)!)
        samples[impl.id]!.push(sample)
        log(
          `${scenario.id.padEnd(16)} round ${round + 1}/${rounds}  ${impl.name.padEnd(26)} ` +
            `${sample.value.toFixed(1).padStart(10)} ${scenario.unit}` +
            `${sample.errors > 0 ? `  ${sample.errors} errors` : ''}  ` +
            `peak RSS ${(sample.peakKiB / 1024).toFixed(0)} MiB`
        )
      } catch (err) {
        log(`${scenario.id} round ${round + 1} ${impl.name}: failed: ${(err as Error).message}`)
      }
    }
  }
  if (scenario.id.endsWith('-1g') && settings.bulkBytes !== 1024 ** 3) {
    notes.push(`${settings.bulkBytes} bytes per transfer (--bulk-bytes), not 1 GiB`)
  }
  if (scenario.id.startsWith('idle')) {
    notes.push(
      `${settings.idleConnections} idle connections (asked ${requestedIdle}, open-file limit ${fdLimit})`
    )
  }
  const note = notes.length > 0 ? `${scenario.title}: ${notes.join('; ')}` : undefined
  return note === undefined
    ? { scenario, generator, samples }
    : { scenario, generator, samples, note }
}

function runParserBench(): string | undefined {
  const script = dist('parse-bench.js')
  if (!existsSync(script)) {
    log('parse: benchmarks/dist/parse-bench.js not built; skipped')
    return undefined
  }
  log('parse: running the h1 parser micro-benchmark against llhttp')
  const [command, args] = pinned(SERVER_CORE, process.execPath, [script])
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: PARSER_TIMEOUT_MS })
  if (result.status !== 0) {
    log(`parse: failed (${result.status ?? result.signal}): ${result.stderr}`)
    return undefined
  }
  log(result.stdout.trim())
  return result.stdout
}

log(`machine: ${machineInfo()}`)
log(`generator: ${settings.generator.name}`)
log(
  canPin
    ? `pinning: server on core ${SERVER_CORE}, generator on core ${GENERATOR_CORE} (taskset)`
    : 'pinning: none (taskset missing or fewer than 2 cores)'
)
log(`open-file limit: ${fdLimit}`)
if (selected('idle') && settings.idleConnections < requestedIdle) {
  log(
    `idle: the open-file limit allows ${settings.idleConnections} of ${requestedIdle} connections`
  )
}

const date = new Date()
const results: ScenarioResult[] = []
for (const scenario of SCENARIOS.filter((s) => selected(s.id))) {
  results.push(await runScenario(scenario))
}
const parser = selected('parse') ? runParserBench() : undefined

const info = {
  date,
  rounds,
  seconds: settings.seconds,
  warmupSeconds: settings.warmupSeconds,
  pinned: canPin,
}
mkdirSync(resultsDir, { recursive: true })
writeFileSync(`${resultsDir}latest.md`, renderMarkdown(results, info, parser))
writeFileSync(
  `${resultsDir}latest.svg`,
  renderSvg(results, `${date.toISOString()}: ${machineInfo()}`)
)
log(`wrote benchmarks/results/latest.md and latest.svg`)
