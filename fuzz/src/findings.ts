/**
 * Failures collected during a run, grouped so that one defect hit a thousand times is minimized
 * and written out once, and the rest are counted against it.
 */
import type { FuzzCase } from './generate.js'
import type { WireInput } from './minimize.js'
import type { ViolationKind } from './oracles.js'

/** One group of failures: the first one seen, and how many more. */
export interface Finding {
  readonly kind: ViolationKind
  readonly check: 'server' | 'differential'
  /** The grouping key: the oracle and the rough shape of the input. */
  readonly group: string
  readonly detail: string
  /** The case it came from, when a generated case (not a regression replay) failed. */
  readonly origin: FuzzCase | null
  readonly input: WireInput
  count: number
  /** After shrinking: the regression file written, or the one it matches. */
  regression: string | null
  /** After shrinking: the smaller input and how often it reproduced. */
  minimized: {
    readonly input: WireInput
    readonly reproduced: string
    readonly detail: string
  } | null
}

/**
 * The failures of a run, grouped.
 *
 * @example
 * ```ts
 * const findings = new Findings()
 * findings.add({ kind, check: 'server', group, detail, origin, input })
 * ```
 */
export class Findings {
  readonly #groups = new Map<string, Finding>()

  /** Records one failure; returns true when it opened a new group. */
  add(f: Omit<Finding, 'count' | 'regression' | 'minimized'>): boolean {
    const existing = this.#groups.get(f.group)
    if (existing !== undefined) {
      existing.count++
      return false
    }
    this.#groups.set(f.group, { ...f, count: 1, regression: null, minimized: null })
    return true
  }

  /** Every group, in the order first seen. */
  get all(): Finding[] {
    return [...this.#groups.values()]
  }

  /** Failures by oracle. */
  byKind(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const f of this.#groups.values()) out[f.kind] = (out[f.kind] ?? 0) + f.count
    return out
  }

  get size(): number {
    return this.#groups.size
  }
}
