// pnpm fuzz [--seconds N] [--seed S] [--case N] ...: the fuzz run. `pnpm fuzz --help` lists the
// flags. Exits 1 when any oracle failed or a new disagreement with node:http appeared.
import { randomInt } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { escapeBytes } from './bytes.js'
import { DEFAULT_BOUNDS } from './check-case.js'
import { DISAGREEMENT_CLASSES } from './classify.js'
import { loadSeeds } from './corpus.js'
import { fuzz } from './fuzzer.js'
import type { FuzzReport } from './fuzzer.js'
import { generateCase } from './generate.js'
import { table } from './table.js'
import { Target } from './target.js'

const HELP = `pnpm fuzz [options]

  --seconds N       time for running cases (default 60); shrinking failures comes after
  --seed S          the run's seed (default: a random one, printed)
  --case N          run only case N of the seed, and print it
  --cases N         stop after N cases
  --concurrency N   cases in flight at once (default 8)
  --hang-ms N       a fresh request must be answered within N ms, 3 tries (default ${DEFAULT_BOUNDS.hangMs})
  --case-ms N       a case must be answered and closed within N ms (default ${DEFAULT_BOUNDS.caseMs})
  --no-differential do not compare with node:http
  --no-minimize     report failures as found, unshrunk
  --no-write        write no regression files
`

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    case: { type: 'string' },
    cases: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    'hang-ms': { type: 'string', default: String(DEFAULT_BOUNDS.hangMs) },
    'case-ms': { type: 'string', default: String(DEFAULT_BOUNDS.caseMs) },
    'no-differential': { type: 'boolean', default: false },
    'no-minimize': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
})
if (values.help) {
  process.stdout.write(HELP)
  process.exit(0)
}

const root = fileURLToPath(new URL('../../', import.meta.url))
const seed = values.seed === undefined ? randomInt(1, 2 ** 31) : Number(values.seed)
const onlyCase = values.case === undefined ? null : Number(values.case)
const seeds = loadSeeds(`${root}packages/h1/test/fixtures`)
const differential = !values['no-differential']
const log = (line: string): void => void process.stdout.write(`${line}\n`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void Target.stopAll().then(() => process.exit(130)))
}

if (onlyCase !== null) {
  const c = generateCase(seeds, seed, onlyCase)
  log(`case ${onlyCase} of seed ${seed}: ${c.label}`)
  for (const p of c.pieces) log(`  write: ${escapeBytes(p, 400)}`)
}
log(
  `fuzz: seed ${seed}, ${values.seconds} s, ${values.concurrency} cases in flight, ` +
    `touche${differential ? ' and node:http' : ''} (rerun: pnpm fuzz --seed ${seed} --seconds ${values.seconds})`
)

const report = await fuzz({
  seed,
  seconds: Number(values.seconds),
  maxCases: values.cases === undefined ? Infinity : Number(values.cases),
  onlyCase,
  concurrency: Number(values.concurrency),
  differential,
  minimize: values['no-minimize'] ? null : { attempts: 400, ms: 15_000, findings: 6 },
  regressionsDir: values['no-write'] ? null : `${root}fuzz/corpus/regressions`,
  targetScript: fileURLToPath(new URL('./targets/main.js', import.meta.url)),
  seeds,
  bounds: {
    ...DEFAULT_BOUNDS,
    hangMs: Number(values['hang-ms']),
    caseMs: Number(values['case-ms']),
  },
  log,
})
printReport(report)
process.exitCode = report.findings.size > 0 ? 1 : 0

function printReport(r: FuzzReport): void {
  const secs = r.ms / 1000
  log('')
  log(
    table(
      [
        'seed',
        'cases',
        'requests',
        'compared with node:http',
        'seconds',
        'cases/s',
        'slowest probe',
        'restarts',
      ],
      [
        [
          String(seed),
          String(r.cases),
          String(r.requests),
          String(r.compared),
          secs.toFixed(1),
          (r.cases / secs).toFixed(0),
          `${r.slowestProbeMs.toFixed(0)} ms`,
          String(r.restarts),
        ],
      ]
    )
  )
  const errors = Object.entries(r.serverErrors).map(([code, n]) => `${code} ${n}`)
  log(`\nerrors touche reported to onError: ${errors.join(', ') || 'none'}`)
  if (r.disagreements.size > 0) {
    log('\nDisagreements with node:http, all documented (fuzz/README.md):\n')
    const rows = DISAGREEMENT_CLASSES.filter((c) => r.disagreements.has(c.id)).map((c) => [
      c.id,
      c.side,
      String(r.disagreements.get(c.id)),
    ])
    log(table(['class', 'side', 'seen'], rows))
  }
  if (r.findings.size === 0) {
    log('\nEvery oracle held.')
    return
  }
  log('\nFAILED: oracles that did not hold\n')
  const rows = r.findings.all.map((f) => [
    f.kind,
    String(f.count),
    f.origin === null ? '-' : `--seed ${f.origin.seed} --case ${f.origin.index}`,
    f.regression === null ? '-' : `fuzz/corpus/regressions/${f.regression}.bin`,
    f.minimized?.reproduced ?? '-',
  ])
  log(table(['oracle', 'seen', 'first case', 'replay file', 'reproduced'], rows))
  for (const f of r.findings.all) {
    log(`\n${f.group} (${f.count} seen)`)
    log(`  ${(f.minimized?.detail ?? f.detail).split('\n').join('\n  ')}`)
    if (f.minimized !== null) {
      log(`  shrunk input: ${f.minimized.input.pieces.map((p) => escapeBytes(p, 400)).join(' | ')}`)
    }
  }
}
