/**
 * Regression cases on disk: `<name>.bin` holds the exact bytes sent (the writes back to back),
 * `<name>.json` how they were cut and paced, which oracle failed and where the case came from.
 * The Jest project `fuzz` replays every pair (fuzz/test/regressions.test.ts).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { concat, escapeBytes, fnv1a } from './bytes.js'
import { splitAt } from './generate.js'
import type { WireInput } from './minimize.js'
import type { ViolationKind } from './oracles.js'
import { frameRequests } from './request-frames.js'
import type { Pace } from './wire.js'

/** What a `.json` file says about its `.bin`. */
export interface RegressionMeta {
  /** The oracle that failed. */
  readonly oracle: ViolationKind
  /** Which check replays it: the server oracles, or the differential against node:http. */
  readonly check: 'server' | 'differential'
  /** What failed, in the words of the oracle, when it was found. */
  readonly detail: string
  /** The oracle and the shape of the input: failures with one signature are one defect. */
  readonly signature: string
  /** Lengths of the writes, in order; they add up to the `.bin` file's size. */
  readonly writes: readonly number[]
  readonly pace: Pace
  /** The bytes, escaped (`\r`, `\n`, `\xHH`), for reading in a review. */
  readonly escaped: string
  /** The run that found it: `pnpm fuzz --seed S --case N` generates the unminimized case. */
  readonly found: { readonly seed: number; readonly case: number; readonly reproduced: string }
}

/** A regression case loaded from disk. */
export interface Regression {
  readonly name: string
  readonly meta: RegressionMeta
  readonly input: WireInput
}

/**
 * The signature of a failure: the oracle and the sequence of frame kinds (`message`,
 * `bad-head`, `bad-body`, ...) of the input, and whether it needs more than one write.
 *
 * @example
 * ```ts
 * signatureOf('lost-response', input) // 'lost-response: message, bad-body'
 * ```
 */
export function signatureOf(oracle: ViolationKind, input: WireInput): string {
  const frames = frameRequests(concat(input.pieces)).map((f) => f.kind)
  const split = input.pieces.length > 1 ? ` (${input.pace}, split)` : ''
  return `${oracle}: ${frames.join(', ') || 'empty'}${split}`
}

/**
 * Writes a regression pair into `dir` and returns its name (`<oracle>-<hash>`).
 *
 * @example
 * ```ts
 * const name = saveRegression(dir, input, { oracle, check, detail, found, signature })
 * ```
 */
export function saveRegression(
  dir: string,
  input: WireInput,
  info: Pick<RegressionMeta, 'oracle' | 'check' | 'detail' | 'found' | 'signature'>
): string {
  const bytes = concat(input.pieces)
  const writes = input.pieces.map((p) => p.length)
  const name = `${info.oracle}-${fnv1a(concat([bytes, Uint8Array.from(writes.map((w) => w & 0xff))]))}`
  const meta: RegressionMeta = {
    oracle: info.oracle,
    check: info.check,
    detail: info.detail,
    signature: info.signature,
    writes,
    pace: input.pace,
    escaped: escapeBytes(bytes),
    found: info.found,
  }
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${name}.bin`), bytes)
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(meta, null, 2) + '\n')
  return name
}

/**
 * Every regression pair in `dir`, sorted by name.
 *
 * @example
 * ```ts
 * for (const r of loadRegressions(dir)) await checkCase(port, r.input.pieces, r.input.pace, bounds)
 * ```
 */
export function loadRegressions(dir: string): Regression[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.json'.length)
      const meta = JSON.parse(readFileSync(join(dir, f), 'utf8')) as RegressionMeta
      const bytes = new Uint8Array(readFileSync(join(dir, `${name}.bin`)))
      const cuts: number[] = []
      let offset = 0
      for (const w of meta.writes.slice(0, -1)) cuts.push((offset += w))
      const total = meta.writes.reduce((a, b) => a + b, 0)
      if (total !== bytes.length) {
        throw new Error(`${name}: writes add up to ${total} bytes, the .bin has ${bytes.length}`)
      }
      return { name, meta, input: { pieces: splitAt(bytes, cuts), pace: meta.pace } }
    })
}
