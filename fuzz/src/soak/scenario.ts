/**
 * What a soak scenario is, and the functions scenarios share. A scenario runs against one server (a
 * fresh target process), measures, and says whether its bound held. Bounds are asserted on
 * touche only; node:http's row is the reference beside it.
 */
import type { Target } from '../target.js'
import { SoakClient } from './client.js'

/** Which server a row is about. */
export type ServerKind = 'touche' | 'node'

/** What a scenario gets. */
export interface SoakContext {
  readonly target: Target
  readonly server: ServerKind
  /** `--full`: the full sizes (2 GiB transfers) instead of the quick ones. */
  readonly full: boolean
  readonly log: (line: string) => void
}

/** What a scenario found. */
export interface SoakResult {
  /** The figures, e.g. `20,000 responses, 0 errors, p99 41 ms`. */
  readonly figures: string
  /** Whether the bound held (touche); always true for the reference. */
  readonly ok: boolean
  /** Why the bound failed. */
  readonly why: string | null
}

/** One scenario. */
export interface Scenario {
  readonly name: string
  /** The bound, as printed (`every connection released within 10 s`). */
  readonly bound: string
  /**
   * Server behaviour the bound relies on that may not exist yet; printed with a failure, so a
   * reader can tell "not built yet" from "broken".
   */
  readonly dependsOn: string | null
  /** Server options for the scenario (touche `ServerOptionsInit`, a few node:http fields). */
  readonly options: Readonly<Record<string, unknown>>
  readonly servers: readonly ServerKind[]
  run(ctx: SoakContext): Promise<SoakResult>
}

/**
 * Waits until the target serves no connection and its fds are back to `fds` (or below), polling
 * its stats; resolves with the time it took, or null after `ms`.
 *
 * @example
 * ```ts
 * const ms = await released(ctx.target, baselineFds, 10_000)
 * ```
 */
export async function released(
  target: Target,
  fds: number | null,
  ms: number
): Promise<number | null> {
  const started = performance.now()
  for (;;) {
    const { connections } = await target.stats()
    const now = target.fdCount()
    if (connections === 0 && (fds === null || now === null || now <= fds))
      return performance.now() - started
    if (performance.now() - started > ms) return null
    await new Promise((r) => setTimeout(r, 50))
  }
}

/**
 * Waits until `counter` in the target's service counters reaches `n`; false after `ms`.
 *
 * @example
 * ```ts
 * await counterReaches(ctx.target, 'hang-started', 50, 10_000)
 * ```
 */
export async function counterReaches(
  target: Target,
  counter: string,
  n: number,
  ms: number
): Promise<boolean> {
  const deadline = performance.now() + ms
  for (;;) {
    if (((await target.stats()).counters[counter] ?? 0) >= n) return true
    if (performance.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 50))
  }
}

/**
 * Opens `n` connections, `batch` at a time (more at once only overflows the accept queue).
 *
 * @example
 * ```ts
 * const clients = await openMany(port, 10_000, 200)
 * ```
 */
export async function openMany(port: number, n: number, batch: number): Promise<SoakClient[]> {
  const out: SoakClient[] = []
  for (let i = 0; i < n; i += batch) {
    const size = Math.min(batch, n - i)
    out.push(...(await Promise.all(Array.from({ length: size }, () => SoakClient.open(port)))))
  }
  return out
}

/** `n` with thousands separators. */
export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
}

/** A result whose bound held (or a reference row). */
export function pass(figures: string): SoakResult {
  return { figures, ok: true, why: null }
}

/** A result: the bound held when `failures` is empty. */
export function judged(figures: string, failures: readonly string[]): SoakResult {
  return {
    figures,
    ok: failures.length === 0,
    why: failures.length === 0 ? null : failures.join('; '),
  }
}
