/**
 * A small seeded random number generator (SplitMix32 for seeding, xoshiro128** for draws), so
 * that a seed and a case number always give the same case on every machine and Node version.
 * `Math.random` cannot be seeded, which is why the harness never uses it.
 *
 * @example
 * ```ts
 * const rng = Rng.forCase(1, 42)
 * rng.int(10) // the same number every time for seed 1, case 42
 * ```
 */
export class Rng {
  #a: number
  #b: number
  #c: number
  #d: number

  /** A generator whose state is derived from `seed` (any 32-bit integer). */
  constructor(seed: number) {
    let s = seed >>> 0
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
      return (z ^ (z >>> 16)) >>> 0
    }
    this.#a = next()
    this.#b = next()
    this.#c = next()
    this.#d = next() | 1
  }

  /**
   * The generator for case `index` of a run seeded with `seed`: every case has its own stream, so
   * one case can be replayed without generating the ones before it.
   *
   * @example
   * ```ts
   * const again = Rng.forCase(seed, failing.index)
   * ```
   */
  static forCase(seed: number, index: number): Rng {
    return new Rng(Math.imul(seed >>> 0, 0x27d4eb2d) ^ Math.imul(index + 1, 0x165667b1))
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  u32(): number {
    const result = Math.imul(rotl(Math.imul(this.#b, 5) >>> 0, 7), 9) >>> 0
    const t = (this.#b << 9) >>> 0
    this.#c ^= this.#a
    this.#d ^= this.#b
    this.#b ^= this.#c
    this.#a ^= this.#d
    this.#c ^= t
    this.#d = rotl(this.#d, 11)
    return result
  }

  /** An integer in `[0, n)`; `n` must be at least 1. */
  int(n: number): number {
    return Math.floor((this.u32() / 0x1_0000_0000) * n)
  }

  /** An integer in `[lo, hi]`. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1)
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[this.int(items.length)]!
  }

  /** One element of a non-empty list, each with its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0
    for (const [, w] of items) total += w
    let x = (this.u32() / 0x1_0000_0000) * total
    for (const [item, w] of items) {
      if (x < w) return item
      x -= w
    }
    return items[items.length - 1]![0]
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0
}
