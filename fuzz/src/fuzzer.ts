/**
 * The fuzz loop: generate cases, run a batch of them at once against touche (and each of their
 * requests against touche and node:http), check the per-connection oracles on every case and the
 * server-wide ones between batches, then shrink and save what failed.
 */
import { concat } from './bytes.js'
import type { Bounds } from './check-case.js'
import type { Seed } from './corpus.js'
import { compare, judge, requestToCompare } from './differential.js'
import { Findings } from './findings.js'
import { generateCase } from './generate.js'
import type { FuzzCase } from './generate.js'
import { describeExpectation } from './oracles.js'
import type { Violation } from './oracles.js'
import { frameRequests } from './request-frames.js'
import { Servers, isConnectionKind } from './servers.js'
import { shrinkAll } from './shrink.js'

/** Everything a run needs. */
export interface FuzzConfig {
  readonly seed: number
  /** Time for generating and running cases (shrinking comes after). */
  readonly seconds: number
  readonly maxCases: number
  /** Run only this case (a reproduction). */
  readonly onlyCase: number | null
  /** Cases in flight at once. */
  readonly concurrency: number
  readonly differential: boolean
  /** Shrinking budget per finding; null: report findings as found. */
  readonly minimize: {
    readonly attempts: number
    readonly ms: number
    readonly findings: number
  } | null
  /** Where to write regression files; null: write none. */
  readonly regressionsDir: string | null
  readonly targetScript: string
  readonly seeds: readonly Seed[]
  readonly bounds: Bounds
  readonly log: (line: string) => void
}

/** What a run did and found. */
export interface FuzzReport {
  readonly cases: number
  readonly requests: number
  readonly ms: number
  readonly findings: Findings
  readonly compared: number
  readonly disagreements: ReadonlyMap<string, number>
  readonly slowestProbeMs: number
  readonly restarts: number
  readonly serverErrors: Readonly<Record<string, number>>
}

/** How often the server-wide oracles run, in ms of fuzzing. */
const SERVER_CHECK_EVERY_MS = 1_000

/**
 * Runs the fuzz loop for `config.seconds` (or `maxCases` cases), then shrinks and saves.
 *
 * @example
 * ```ts
 * const report = await fuzz({ ...config, seed: 1, seconds: 60 })
 * process.exitCode = report.findings.size > 0 ? 1 : 0
 * ```
 */
export async function fuzz(config: FuzzConfig): Promise<FuzzReport> {
  const servers = await Servers.start(config.targetScript, config.differential, config.bounds)
  const findings = new Findings()
  const disagreements = new Map<string, number>()
  const started = performance.now()
  const deadline = started + config.seconds * 1000
  let cases = 0
  let requests = 0
  let compared = 0
  let slowestProbeMs = 0
  let sinceCheck: FuzzCase[] = []
  let lastCheck = started
  let next = config.onlyCase ?? 0
  const last = config.onlyCase ?? config.maxCases - 1
  try {
    while (next <= last && performance.now() < deadline) {
      const batch: FuzzCase[] = []
      while (batch.length < config.concurrency && next <= last) {
        batch.push(generateCase(config.seeds, config.seed, next++))
      }
      const outcomes = await Promise.all(batch.map((c) => runCase(c)))
      cases += batch.length
      sinceCheck.push(...batch)
      const crashed = servers.processViolations()
      if (crashed.length > 0) {
        // Connections of this batch failed because the server died: judge them again, alone.
        await attribute(sinceCheck, crashed)
        sinceCheck = []
        continue
      }
      for (const [i, violations] of outcomes.entries()) record(batch[i]!, violations)
      if (performance.now() - lastCheck > SERVER_CHECK_EVERY_MS || next > last) {
        const { violations, probeMs } = await servers.serverViolations()
        slowestProbeMs = Math.max(slowestProbeMs, probeMs ?? 0)
        if (violations.length > 0) await attribute(sinceCheck, violations)
        sinceCheck = []
        lastCheck = performance.now()
      }
    }
    const ms = performance.now() - started
    const serverErrors = (await servers.touche.stats()).errors
    if (config.minimize !== null && findings.size > 0) {
      await shrinkAll(findings, servers, config)
    }
    return {
      cases,
      requests,
      ms,
      findings,
      compared,
      disagreements,
      slowestProbeMs,
      restarts: servers.restarts,
      serverErrors,
    }
  } finally {
    await servers.stop()
  }

  async function runCase(c: FuzzCase): Promise<Violation[]> {
    const outcome = await servers.check(c)
    requests += outcome.expectation.frames.length
    const node = servers.node
    if (config.differential && node !== null) {
      const stream = concat(c.pieces)
      await Promise.all(
        outcome.expectation.frames.map(async (frame) => {
          const bytes = requestToCompare(stream, frame)
          const judgement = judge(
            bytes,
            await compare(servers.touche.port, node.port, bytes, config.bounds)
          )
          compared++
          if (judgement.kind === 'known') {
            disagreements.set(judgement.cls.id, (disagreements.get(judgement.cls.id) ?? 0) + 1)
          } else if (judgement.kind === 'new') {
            const opened = findings.add({
              kind: 'differential',
              check: 'differential',
              group: `differential: ${judgement.key}`,
              detail: judgement.detail,
              origin: c,
              input: { pieces: [bytes], pace: 'burst' },
            })
            if (opened) config.log(`case ${c.index}: new disagreement: ${judgement.detail}`)
          }
        })
      )
    }
    return outcome.violations.map((v) => ({
      kind: v.kind,
      detail: `${v.detail}\n${describeExpectation(outcome.expectation, concat(c.pieces))}`,
    }))
  }

  function record(c: FuzzCase, violations: readonly Violation[]): void {
    for (const v of violations) {
      const frames = frameRequests(concat(c.pieces))
      const opened = findings.add({
        kind: v.kind,
        check: 'server',
        group: `${v.kind}: ends with ${frames[frames.length - 1]?.kind ?? 'nothing'}`,
        detail: v.detail,
        origin: c,
        input: c,
      })
      if (opened) config.log(`case ${c.index}: ${v.kind}: ${v.detail.split('\n')[0]}`)
    }
  }

  /** Finds which of `suspects` causes a server-wide failure by running each alone. */
  async function attribute(
    suspects: readonly FuzzCase[],
    seen: readonly Violation[]
  ): Promise<void> {
    config.log(
      `server-wide failure (${seen.map((v) => v.kind).join(', ')}): running the last ${suspects.length} cases alone`
    )
    let found = false
    for (const c of suspects) {
      const violations = await servers.checkAlone(c)
      record(c, violations)
      if (violations.some((v) => !isConnectionKind(v.kind))) found = true
    }
    if (!found) {
      for (const v of seen) {
        findings.add({
          kind: v.kind,
          check: 'server',
          group: `${v.kind}: not reproduced alone`,
          detail: `${v.detail} (no single case of the ${suspects.length} before it reproduces it alone)`,
          origin: null,
          input: { pieces: [], pace: 'burst' },
        })
      }
    }
    await servers.revive()
  }
}
