// pnpm soak [--only a,b] [--full] [--no-node]: bounded load and fault scenarios against touche,
// with node:http beside it, and a table of figures. Exits 1 when a bound failed on touche.
import { arch, cpus, platform, release } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { active } from './soak/scenarios/active.js'
import { bulk } from './soak/scenarios/bulk.js'
import { hungHandlers } from './soak/scenarios/hung-handlers.js'
import { idle } from './soak/scenarios/idle.js'
import { resets } from './soak/scenarios/resets.js'
import { shutdown } from './soak/scenarios/shutdown.js'
import { slowBody, slowHead } from './soak/scenarios/slow-clients.js'
import type { Scenario, ServerKind, SoakResult } from './soak/scenario.js'
import { table } from './table.js'
import { Target } from './target.js'

/** Every scenario, by the name `--only` takes. */
const SCENARIOS: Readonly<Record<string, Scenario>> = {
  idle,
  active,
  'slow-head': slowHead,
  'slow-body': slowBody,
  resets,
  'hung-handlers': hungHandlers,
  bulk,
  shutdown,
}

const HELP = `pnpm soak [options]

  --only a,b   run only these scenarios: ${Object.keys(SCENARIOS).join(', ')}
  --full       the full sizes (2 GiB transfers instead of 256 MiB)
  --no-node    skip the node:http reference rows
`

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    full: { type: 'boolean', default: false },
    'no-node': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
})
if (values.help) {
  process.stdout.write(HELP)
  process.exit(0)
}
const names = values.only?.split(',') ?? Object.keys(SCENARIOS)
for (const n of names) {
  if (SCENARIOS[n] === undefined) {
    process.stderr.write(`unknown scenario ${n}\n${HELP}`)
    process.exit(2)
  }
}
const script = fileURLToPath(new URL('./targets/main.js', import.meta.url))
const log = (line: string): void => void process.stdout.write(`${line}\n`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void Target.stopAll().then(() => process.exit(130)))
}

interface Row {
  readonly scenario: Scenario
  readonly server: ServerKind
  readonly result: SoakResult
}

const rows: Row[] = []
log(
  `soak on ${cpus()[0]?.model ?? 'unknown CPU'} x ${cpus().length}, ${platform()} ${release()} ${arch()}, Node ${process.version}`
)
for (const name of names) {
  const scenario = SCENARIOS[name]!
  for (const server of scenario.servers) {
    if (server === 'node' && values['no-node']) continue
    log(`- ${scenario.name} (${server})...`)
    const target = await Target.start(script, {
      server,
      service: 'soak',
      options: scenario.options,
    })
    let result: SoakResult
    try {
      result = await scenario.run({ target, server, full: values.full, log })
    } catch (e) {
      result = {
        figures: 'did not complete',
        ok: false,
        why: e instanceof Error ? e.message : String(e),
      }
    } finally {
      await target.stop()
    }
    rows.push({ scenario, server, result })
    log(`  ${result.figures}${result.ok ? '' : `\n  bound failed: ${result.why}`}`)
  }
}

log('')
log(
  table(
    ['scenario', 'server', 'figures', 'bound'],
    rows.map((r) => [
      r.scenario.name,
      r.server === 'touche' ? 'touche' : 'node:http',
      r.result.figures,
      r.server === 'node' ? 'reference' : r.result.ok ? 'held' : '**failed**',
    ])
  )
)
const failed = rows.filter((r) => r.server === 'touche' && !r.result.ok)
for (const r of failed) {
  log(`\nFAILED ${r.scenario.name}: ${r.result.why}\n  bound: ${r.scenario.bound}`)
  if (r.scenario.dependsOn !== null) log(`  depends on: ${r.scenario.dependsOn}`)
}
if (failed.length === 0) log('\nEvery bound held.')
process.exitCode = failed.length > 0 ? 1 : 0
