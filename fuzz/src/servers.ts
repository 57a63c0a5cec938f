/**
 * The servers a run talks to: touche always, node:http for the differential. A target that died
 * is started again (after its death has been reported), with a fresh baseline.
 */
import { checkReleased, probeServer, processViolations } from './check-case.js'
import type { Baseline, Bounds, CaseOutcome } from './check-case.js'
import { checkCase } from './check-case.js'
import type { WireInput } from './minimize.js'
import type { Violation, ViolationKind } from './oracles.js'
import { Target } from './target.js'

/** Per-connection oracles, checked on every case. */
const CONNECTION_KINDS: ReadonlySet<ViolationKind> = new Set([
  'malformed-response',
  'truncated-response',
  'lost-response',
  'wrong-response',
  'wrong-status',
  'extra-response',
  'no-close',
])

/**
 * Whether `kind` is judged on one connection (true) or on the whole server process (false).
 *
 * @example
 * ```ts
 * isConnectionKind('lost-response') // true
 * ```
 */
export function isConnectionKind(kind: ViolationKind): boolean {
  return CONNECTION_KINDS.has(kind)
}

/**
 * touche (and node:http) as child processes, restarted when they die.
 *
 * @example
 * ```ts
 * const servers = await Servers.start(script, true, bounds)
 * const outcome = await servers.check(input)
 * ```
 */
export class Servers {
  readonly #script: string
  readonly #bounds: Bounds
  #touche: Target
  #node: Target | null
  #baseline: Baseline
  /** Times a target had to be started again. */
  restarts = 0

  private constructor(
    script: string,
    bounds: Bounds,
    touche: Target,
    node: Target | null,
    baseline: Baseline
  ) {
    this.#script = script
    this.#bounds = bounds
    this.#touche = touche
    this.#node = node
    this.#baseline = baseline
  }

  /** Starts touche, and node:http when `differential`, and takes touche's idle baseline. */
  static async start(script: string, differential: boolean, bounds: Bounds): Promise<Servers> {
    const [touche, node] = await Promise.all([
      Target.start(script, { server: 'touche', service: 'echo' }),
      differential
        ? Target.start(script, { server: 'node', service: 'echo' })
        : Promise.resolve(null),
    ])
    return new Servers(script, bounds, touche, node, await baselineOf(touche, bounds))
  }

  get touche(): Target {
    return this.#touche
  }

  get node(): Target | null {
    return this.#node
  }

  /** Starts again whichever target has exited. */
  async revive(): Promise<void> {
    if (this.#touche.exited !== null) {
      this.restarts++
      this.#touche = await Target.start(this.#script, this.#touche.spec)
      this.#baseline = await baselineOf(this.#touche, this.#bounds)
    }
    if (this.#node !== null && this.#node.exited !== null) {
      this.restarts++
      this.#node = await Target.start(this.#script, this.#node.spec)
    }
  }

  /** One case against touche with the per-connection oracles. */
  check(input: WireInput): Promise<CaseOutcome> {
    return checkCase(this.#touche.port, input.pieces, input.pace, this.#bounds)
  }

  /** The process oracles: alive, silent on stderr. */
  processViolations(): Violation[] {
    return processViolations(this.#touche)
  }

  /** The hang and release oracles; call with no client connected. */
  async serverViolations(): Promise<{ violations: Violation[]; probeMs: number | null }> {
    const violations = this.processViolations()
    if (violations.length > 0) return { violations, probeMs: null }
    const probe = await probeServer(this.#touche.port, this.#bounds)
    if ('kind' in probe) return { violations: [probe], probeMs: null }
    const leak = await checkReleased(this.#touche, this.#baseline, this.#bounds)
    return { violations: leak === null ? [] : [leak], probeMs: probe.ms }
  }

  /**
   * Runs `input` alone and reports every oracle that fails, server-wide ones included: the
   * check used to attribute a server-wide failure to one case, and to shrink it.
   */
  async checkAlone(input: WireInput): Promise<Violation[]> {
    await this.revive()
    let outcome: CaseOutcome
    try {
      outcome = await this.check(input)
    } catch (e) {
      return [{ kind: 'crash', detail: String(e) }]
    }
    const server = await this.serverViolations().catch((e: unknown) => ({
      violations: [{ kind: 'crash' as const, detail: String(e) }],
      probeMs: null,
    }))
    return [...outcome.violations, ...server.violations]
  }

  async stop(): Promise<void> {
    await Promise.all([this.#touche.stop(), this.#node?.stop()])
  }
}

/** The idle fd count, taken once a first request has been answered (Node opens some lazily). */
async function baselineOf(target: Target, bounds: Bounds): Promise<Baseline> {
  await probeServer(target.port, bounds)
  await checkReleased(target, { fds: null }, bounds)
  return { fds: target.fdCount() }
}
