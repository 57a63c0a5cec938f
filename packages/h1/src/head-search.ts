const LF = 0x0a
const CR = 0x0d

/**
 * Remembers how far an incomplete head has been searched, so that a head arriving in many small
 * pieces costs O(n) in total: between full parses only the new bytes are looked at, for the
 * first place where a full parse could finish or fail (the end of the start line, the empty line
 * ending the head, a bare LF in strict mode, or a size limit being crossed).
 *
 * @example
 * ```ts
 * const search = new HeadSearch(limits.maxHeadBytes, limits.allowBareLf)
 * if (search.shouldParse(buf)) fullParse(buf) // else: still incomplete, nothing to do
 * ```
 */
export class HeadSearch {
  readonly #maxHeadBytes: number
  readonly #allowBareLf: boolean
  /** Next byte to look at; 0 when no search is suspended (the next call parses in full). */
  #from = 0
  #lineOpen = false
  #lineLimit = 0

  constructor(maxHeadBytes: number, allowBareLf: boolean) {
    this.#maxHeadBytes = maxHeadBytes
    this.#allowBareLf = allowBareLf
  }

  /**
   * Records that a full parse read every byte of the first `len` without finishing or failing.
   * `lineOpen` says the start line has not ended yet; a byte at `lineLimit` would make it too
   * long. `headStart` is where the start line begins (after an ignored empty line).
   */
  suspend(len: number, headStart: number, lineOpen: boolean, lineLimit: number): void {
    // While only a leading empty line has arrived the next full parse is as cheap as a search.
    this.#from = len > headStart ? len : 0
    this.#lineOpen = lineOpen
    this.#lineLimit = lineLimit
  }

  /** Forgets any suspended search: the next call parses in full. */
  reset(): void {
    this.#from = 0
  }

  /**
   * Whether a full parse of `buf` (the suspended input, grown) could now finish or fail; when
   * not, advances the search to the end of `buf`.
   */
  shouldParse(buf: Uint8Array): boolean {
    const len = buf.length
    const from = this.#from
    if (from === 0 || len < from || len > this.#maxHeadBytes) return true
    if (this.#lineOpen && len > this.#lineLimit) return true
    const strict = !this.#allowBareLf
    for (let i = from; i < len; i++) {
      if (buf[i] !== LF) continue
      const prev = buf[i - 1]
      if (prev !== CR && strict) return true
      // The start line is complete: a full parse can now tell whether it is valid, so a
      // malformed request line is refused at once rather than when (or if) the head ends.
      if (this.#lineOpen) return true
      if (prev === CR ? buf[i - 2] === LF : prev === LF) return true
    }
    this.#from = len
    return false
  }
}
