/**
 * Turns (seed, case number) into one connection's worth of input: a pipeline of seed messages,
 * some of them mutated, cut into writes in one of several ways. The same pair always gives the
 * same case, so a failure found at case N of seed S is rerun with `--seed S --case N`.
 */
import { concat, latin1, text } from './bytes.js'
import type { Role, Seed } from './corpus.js'
import { BYTE_MUTATORS } from './mutate-bytes.js'
import type { Mutator } from './mutate-bytes.js'
import { HTTP_MUTATORS } from './mutate-http.js'
import { frameRequests } from './request-frames.js'
import { Rng } from './rng.js'
import type { Pace } from './wire.js'

/** One case: what to write, in which pieces, at which pace, and how it was made. */
export interface FuzzCase {
  readonly seed: number
  readonly index: number
  /** How it was made: seeds, mutations, split, pace. */
  readonly label: string
  readonly pieces: readonly Uint8Array[]
  readonly pace: Pace
}

/** How the stream is cut into writes. */
type Split = 'whole' | 'random' | 'messages' | 'bytes' | 'lines'

/** Streams longer than this are not sent a byte at a time (each byte is a turn). */
const MAX_BYTEWISE = 2048

/**
 * The mutators for one role, each listed as often as its weight says.
 *
 * @example
 * ```ts
 * const pool = mutatorsFor('request')
 * ```
 */
export function mutatorsFor(role: Role): readonly (readonly [Mutator, number])[] {
  return [...BYTE_MUTATORS, ...HTTP_MUTATORS]
    .filter((m) => m.roles.includes(role))
    .map((m) => [m, m.weight] as const)
}

/**
 * Case `index` of the run seeded with `seed`, built from `seeds` (requests only are used).
 *
 * @example
 * ```ts
 * const c = generateCase(seeds, 1, 0)
 * await exchange(port, c.pieces, c.pace, 5000)
 * ```
 */
export function generateCase(seeds: readonly Seed[], seed: number, index: number): FuzzCase {
  const rng = Rng.forCase(seed, index)
  const { valid, all } = requestSeeds(seeds)
  const pool = mutatorsFor('request')
  const count = rng.weighted<number>([
    [1, 3],
    [2, 3],
    [3, 3],
    [4, 2],
    [6, 1],
    [12, 1],
  ])
  const messages: Uint8Array[] = []
  const labels: string[] = []
  for (let i = 0; i < count; i++) {
    // Requests before the last are mostly valid, so pipelines reach their later requests.
    const s = rng.pick(i < count - 1 && rng.chance(0.8) ? valid : all)
    let m = text(s.bytes)
    const applied: string[] = []
    // The last message is the likeliest to be broken: valid requests, then an invalid one.
    if (rng.chance(i === count - 1 ? 0.75 : 0.2)) {
      const times = rng.weighted<number>([
        [1, 6],
        [2, 3],
        [3, 1],
      ])
      for (let t = 0; t < times; t++) {
        for (let tries = 0; tries < 8; tries++) {
          const mutator = rng.weighted(pool)
          const out = mutator.apply(m, rng)
          if (out === null) continue
          m = out
          applied.push(mutator.name)
          break
        }
      }
    }
    messages.push(latin1(m))
    labels.push(applied.length > 0 ? `${applied.join('+')}(${s.name})` : s.name)
  }
  const stream = concat(messages)
  let split = rng.weighted<Split>([
    ['whole', 3],
    ['random', 4],
    ['messages', 1],
    ['bytes', 1],
    ['lines', 1],
  ])
  if (split === 'bytes' && stream.length > MAX_BYTEWISE) split = 'random'
  const pieces = cut(stream, messages, split, rng)
  const pace: Pace =
    split === 'bytes' ? 'tick' : split === 'whole' ? 'burst' : rng.pick(['burst', 'tick'])
  return {
    seed,
    index,
    label: `${labels.join(' | ')} :: ${split} (${pieces.length} writes, ${pace})`,
    pieces,
    pace,
  }
}

const bySeeds = new WeakMap<readonly Seed[], { valid: Seed[]; all: Seed[] }>()

/** The request seeds, and those of them that are one valid message (computed once per list). */
function requestSeeds(seeds: readonly Seed[]): { valid: Seed[]; all: Seed[] } {
  let split = bySeeds.get(seeds)
  if (split === undefined) {
    const all = seeds.filter((s) => s.role === 'request')
    const valid = all.filter((s) => {
      const frames = frameRequests(s.bytes)
      return frames.length === 1 && frames[0]!.kind === 'message'
    })
    split = { valid, all }
    bySeeds.set(seeds, split)
  }
  return split
}

function cut(
  stream: Uint8Array,
  messages: readonly Uint8Array[],
  split: Split,
  rng: Rng
): Uint8Array[] {
  const at: number[] = []
  switch (split) {
    case 'whole':
      break
    case 'random':
      for (let n = rng.range(1, 8); n > 0; n--) at.push(rng.int(stream.length))
      break
    case 'messages': {
      let offset = 0
      for (const m of messages) at.push((offset += m.length))
      break
    }
    case 'bytes':
      for (let i = 1; i < stream.length; i++) at.push(i)
      break
    case 'lines':
      for (let i = 0; i < stream.length; i++) if (stream[i] === 0x0a) at.push(i + 1)
      break
  }
  return splitAt(stream, at)
}

/**
 * `stream` cut at the given offsets (any order; duplicates and ends are ignored).
 *
 * @example
 * ```ts
 * splitAt(latin1('abcd'), [1, 3]).map(text) // ['a', 'bc', 'd']
 * ```
 */
export function splitAt(stream: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const cuts = [...new Set(offsets)].filter((o) => o > 0 && o < stream.length).sort((a, b) => a - b)
  const pieces: Uint8Array[] = []
  let from = 0
  for (const c of cuts) {
    pieces.push(stream.subarray(from, c))
    from = c
  }
  if (from < stream.length || pieces.length === 0) pieces.push(stream.subarray(from))
  return pieces
}
