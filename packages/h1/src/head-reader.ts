import { FieldLines } from './fields.js'
import { HeadSearch } from './head-search.js'
import { DEFAULT_LIMITS, resolveLimits } from './limits.js'
import type { Limits } from './limits.js'

/**
 * What the request and response parsers keep across calls and messages: the resolved limits,
 * the field-line scanner (reused, so scanning allocates nothing) and the search suspended while a
 * head is incomplete.
 *
 * @example
 * ```ts
 * const reader = new HeadReader(DEFAULT_LIMITS)
 * if (reader.begin(buf)) {
 *   try {
 *     fullParse(buf)
 *   } finally {
 *     reader.end()
 *   }
 * }
 * ```
 */
export class HeadReader {
  readonly limits: Limits
  readonly fields: FieldLines
  readonly search: HeadSearch

  /** A reader with `limits` (missing ones take their defaults). */
  constructor(limits: Partial<Limits>) {
    this.limits = limits === DEFAULT_LIMITS ? DEFAULT_LIMITS : resolveLimits(limits)
    this.fields = new FieldLines(this.limits.maxHeaders)
    this.search = new HeadSearch(this.limits.maxHeadBytes, this.limits.allowBareLf)
  }

  /**
   * Whether a full parse of `buf` (the input so far) could now finish or fail; if so, binds the
   * word scanner to `buf` for that parse, which {@link HeadReader.end} must follow.
   */
  begin(buf: Uint8Array): boolean {
    if (!this.search.shouldParse(buf)) return false
    this.fields.runs.bind(buf)
    return true
  }

  /** Unbinds the input after a full parse, whether it returned or threw. */
  end(): void {
    this.fields.runs.release()
  }
}
