import { DEFAULT_BOUNDS, checkCase, probeServer, processViolations } from '../src/check-case.js'
import { compare, judge } from '../src/differential.js'
import { loadRegressions } from '../src/regressions.js'
import { Target } from '../src/target.js'
import { BUILD_TIMEOUT_MS, REGRESSIONS_DIR, TARGET_SCRIPT, ensureBuilt } from './built.js'

/**
 * Every case the fuzzer has written to fuzz/corpus/regressions, replayed: against the server
 * oracles (touche alone), or against node:http for a differential case, where the disagreement
 * must now be absent or documented.
 */
const regressions = loadRegressions(REGRESSIONS_DIR)
const server = regressions.filter((r) => r.meta.check === 'server')
const differential = regressions.filter((r) => r.meta.check === 'differential')

let touche: Target | null = null
let node: Target | null = null

beforeAll(async () => {
  await ensureBuilt()
  touche = await Target.start(TARGET_SCRIPT, { server: 'touche', service: 'echo' })
  if (differential.length > 0) {
    node = await Target.start(TARGET_SCRIPT, { server: 'node', service: 'echo' })
  }
}, BUILD_TIMEOUT_MS)

afterAll(async () => {
  await Promise.all([touche?.stop(), node?.stop()])
})

test('the regression files load', () => {
  for (const r of regressions) {
    expect(r.input.pieces.reduce((n, p) => n + p.length, 0)).toBe(
      r.meta.writes.reduce((a, b) => a + b, 0)
    )
  }
})

const serverCases = server.map((r) => [`${r.name} (${r.meta.signature})`, r] as const)
const differentialCases = differential.map((r) => [`${r.name} (${r.meta.signature})`, r] as const)

// Jest refuses an empty table; a kind of case with no file yet has no test.
;(serverCases.length > 0 ? describe : describe.skip)(
  'server oracles hold on every regression case',
  () => {
    test.each(serverCases)('%s', async (_name, r) => {
      const target = touche!
      const outcome = await checkCase(target.port, r.input.pieces, r.input.pace, DEFAULT_BOUNDS)
      const violations = [...outcome.violations, ...processViolations(target)]
      if (target.exited === null) {
        const probe = await probeServer(target.port, DEFAULT_BOUNDS)
        if ('kind' in probe) violations.push(probe)
      }
      expect(violations).toEqual([])
    })
  }
)

;(differentialCases.length > 0 ? describe : describe.skip)(
  'no undocumented disagreement with node:http on a regression case',
  () => {
    test.each(differentialCases)('%s', async (_name, r) => {
      const bytes = r.input.pieces[0]!
      const j = judge(bytes, await compare(touche!.port, node!.port, bytes, DEFAULT_BOUNDS))
      expect(j.kind === 'new' ? j.detail : 'agree or documented').toBe('agree or documented')
    })
  }
)
