/**
 * After a run: each finding's input shrunk against the live servers, its reproduction rate
 * measured, and a regression file written unless one with the same signature exists.
 */
import { compare, judge } from './differential.js'
import type { Finding } from './findings.js'
import type { Findings } from './findings.js'
import type { FuzzConfig } from './fuzzer.js'
import { minimize } from './minimize.js'
import type { WireInput } from './minimize.js'
import type { Violation } from './oracles.js'
import { loadRegressions, saveRegression, signatureOf } from './regressions.js'
import { isConnectionKind } from './servers.js'
import type { Servers } from './servers.js'

/** Runs of the shrunk input that measure how reliably it fails. */
const REPRODUCTION_RUNS = 5

/**
 * Shrinks up to `config.minimize.findings` findings and saves them as regression cases.
 *
 * @example
 * ```ts
 * await shrinkAll(findings, servers, config)
 * ```
 */
export async function shrinkAll(
  findings: Findings,
  servers: Servers,
  config: FuzzConfig
): Promise<void> {
  const budget = config.minimize
  if (budget === null) return
  const known = config.regressionsDir === null ? [] : loadRegressions(config.regressionsDir)
  const saved = new Map(known.map((r) => [r.meta.signature, r.name]))
  const todo = findings.all.filter((f) => f.input.pieces.length > 0).slice(0, budget.findings)
  for (const finding of todo) {
    const fails = failsLike(finding, servers, config)
    config.log(`shrinking ${finding.group} (${finding.count} seen)...`)
    let small = await minimize(finding.input, async (i) => (await fails(i)) !== null, budget)
    let { hits, detail } = await reproduce(small, fails, finding.detail)
    if (hits < REPRODUCTION_RUNS && small.pieces.length > 1) {
      // The failure depends on how the server's reads split the input: with a pause after each
      // write, each is most likely read alone.
      const gapped = { pieces: small.pieces, pace: 'gap' as const }
      const again = await reproduce(gapped, fails, detail)
      if (again.hits > hits) {
        hits = again.hits
        detail = again.detail
        small = gapped
      }
    }
    const reproduced = `${hits}/${REPRODUCTION_RUNS}`
    finding.minimized = { input: small, reproduced, detail }
    const signature =
      finding.check === 'differential' ? finding.group : signatureOf(finding.kind, small)
    const existing = saved.get(signature)
    if (existing !== undefined) {
      finding.regression = existing
    } else if (config.regressionsDir !== null && hits > 0) {
      const origin = finding.origin
      finding.regression = saveRegression(config.regressionsDir, small, {
        oracle: finding.kind,
        check: finding.check,
        detail,
        signature,
        found: { seed: origin?.seed ?? config.seed, case: origin?.index ?? -1, reproduced },
      })
      saved.set(signature, finding.regression)
    }
  }
}

/** Runs `input` {@link REPRODUCTION_RUNS} times: how often it failed, and the last failure. */
async function reproduce(
  input: WireInput,
  fails: (input: WireInput) => Promise<string | null>,
  detail: string
): Promise<{ hits: number; detail: string }> {
  let hits = 0
  for (let i = 0; i < REPRODUCTION_RUNS; i++) {
    const v = await fails(input)
    if (v === null) continue
    hits++
    detail = v
  }
  return { hits, detail }
}

/**
 * The predicate for shrinking `finding`: the detail of a failure of the same kind (and, for the
 * differential, the same disagreement), or null when the input no longer fails that way.
 */
function failsLike(
  finding: Finding,
  servers: Servers,
  config: FuzzConfig
): (input: WireInput) => Promise<string | null> {
  if (finding.check === 'differential') {
    return async (input) => {
      await servers.revive()
      const node = servers.node
      const bytes = input.pieces[0]
      if (node === null || bytes === undefined) return null
      const j = judge(bytes, await compare(servers.touche.port, node.port, bytes, config.bounds))
      return j.kind === 'new' && `differential: ${j.key}` === finding.group ? j.detail : null
    }
  }
  return async (input) => {
    let violations: Violation[]
    if (isConnectionKind(finding.kind)) {
      await servers.revive()
      violations = (await servers.check(input)).violations
    } else {
      violations = await servers.checkAlone(input)
    }
    return violations.find((v) => v.kind === finding.kind)?.detail ?? null
  }
}
