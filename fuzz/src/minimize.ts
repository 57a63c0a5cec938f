/**
 * Shrinks a failing input while it keeps failing the same way: first to one write, then whole
 * messages away, then byte ranges of halving size (delta debugging, Zeller's ddmin without the
 * complement step), then writes merged. The predicate runs the case against the live server, so
 * each step costs one connection; the budget bounds the steps and the time.
 */
import { concat } from './bytes.js'
import { splitAt } from './generate.js'
import { frameRequests } from './request-frames.js'
import type { Pace } from './wire.js'

/** An input as the wire sends it. */
export interface WireInput {
  readonly pieces: readonly Uint8Array[]
  readonly pace: Pace
}

/** Limits on how long shrinking may take. */
export interface MinimizeBudget {
  readonly attempts: number
  readonly ms: number
}

/** True when the input still fails the same way. */
export type StillFails = (input: WireInput) => Promise<boolean>

/**
 * The smallest input found within the budget that still fails.
 *
 * @example
 * ```ts
 * const small = await minimize(input, (i) => fails(i, 'lost-response'), { attempts: 400, ms: 30_000 })
 * ```
 */
export async function minimize(
  input: WireInput,
  stillFails: StillFails,
  budget: MinimizeBudget
): Promise<WireInput> {
  const deadline = performance.now() + budget.ms
  let attempts = 0
  let best = input
  const tryInput = async (candidate: WireInput): Promise<boolean> => {
    if (attempts >= budget.attempts || performance.now() > deadline) return false
    attempts++
    if (!(await stillFails(candidate))) return false
    best = candidate
    return true
  }
  const exhausted = (): boolean => attempts >= budget.attempts || performance.now() > deadline

  // One write, sent at once: most failures do not depend on the split.
  if (best.pieces.length > 1 || best.pace !== 'burst') {
    await tryInput({ pieces: [concat(best.pieces)], pace: 'burst' })
  }
  // Whole messages, last first (the failing one is usually late in the pipeline).
  for (let changed = true; changed && !exhausted();) {
    changed = false
    const stream = concat(best.pieces)
    const frames = frameRequests(stream)
    for (let i = frames.length - 1; i >= 0 && frames.length > 1; i--) {
      const f = frames[i]!
      const end = f.kind === 'message' ? f.end : stream.length
      if (await tryInput(removeRange(best, f.start, end))) {
        changed = true
        break
      }
    }
  }
  // Byte ranges of halving size.
  for (
    let size = highestPowerOfTwo(concat(best.pieces).length);
    size >= 1 && !exhausted();
    size >>= 1
  ) {
    for (let at = concat(best.pieces).length - size; at >= 0 && !exhausted(); at -= size) {
      await tryInput(removeRange(best, at, at + size))
    }
    const length = concat(best.pieces).length
    if (length % size !== 0 && length > size) await tryInput(removeRange(best, 0, length % size))
  }
  // Fewer writes: merge neighbours.
  for (let i = best.pieces.length - 2; i >= 0 && !exhausted(); i--) {
    const merged = [...best.pieces]
    merged.splice(i, 2, concat([best.pieces[i]!, best.pieces[i + 1]!]))
    await tryInput({ pieces: merged, pace: best.pace })
  }
  return best
}

/** The input without bytes `[from, to)` of its stream, keeping the other write boundaries. */
function removeRange(input: WireInput, from: number, to: number): WireInput {
  const stream = concat(input.pieces)
  const kept = concat([stream.subarray(0, from), stream.subarray(to)])
  const cuts: number[] = []
  let offset = 0
  for (const p of input.pieces.slice(0, -1)) {
    offset += p.length
    if (offset <= from) cuts.push(offset)
    else if (offset >= to) cuts.push(offset - (to - from))
  }
  return { pieces: splitAt(kept, cuts), pace: input.pace }
}

function highestPowerOfTwo(n: number): number {
  let p = 1
  while (p * 2 <= n) p *= 2
  return n === 0 ? 0 : p
}
