/** Runs at least this long are checked a word at a time; shorter ones byte by byte. */
const WORD_RUN_MIN = 12
/** Runs are read byte by byte this far before word access is set up for the rest. */
const BYTE_PREFIX = 24
/** Inputs shorter than this are not worth setting up word access for. */
const BIND_MIN = 128

const HT = 0x09
const DEL = 0x7f

/**
 * Word views of recent input buffers, for every parser (a server holds one parser per connection);
 * weak, so no input outlives its owner's use of it.
 */
const wordViews = new WeakMap<ArrayBufferLike, Int32Array>()

/**
 * Finds where runs of ordinary bytes end, four bytes per step: field lines and request-targets
 * are most of a head's bytes, and a byte-at-a-time loop over them costs several times more. The
 * word view of an input's buffer is cached (weakly), so repeated parses of one buffer build it
 * once.
 *
 * @example
 * ```ts
 * const runs = new ByteRuns()
 * runs.bind(bytes)
 * runs.controlEnd(bytes, 0, bytes.length) // index of the first CR, LF or other control
 * runs.release()
 * ```
 */
export class ByteRuns {
  #words: Int32Array | null = null
  /** The bound input while its word view is not yet set up. */
  #input: Uint8Array | null = null
  #base = 0
  #ascii = true

  /**
   * Prepares word access to `buf` for the calls that follow. The view is set up (reading
   * `buffer` and `byteOffset` costs tens of nanoseconds) only when a run turns out to be long,
   * once per input; short inputs, and inputs whose runs are all short, go byte by byte.
   */
  bind(buf: Uint8Array): void {
    this.#ascii = true
    this.#words = null
    this.#input = buf.length < BIND_MIN ? null : buf
  }

  /** Sets up word access to the bound input, on the first run longer than BYTE_PREFIX. */
  #bindWords(): Int32Array {
    const buf = this.#input!
    this.#input = null
    const buffer = buf.buffer
    let words = wordViews.get(buffer)
    if (words === undefined) {
      words = new Int32Array(buffer, 0, buffer.byteLength >>> 2)
      wordViews.set(buffer, words)
    }
    this.#words = words
    this.#base = buf.byteOffset
    return words
  }

  /**
   * Whether every byte the runs since {@link ByteRuns.bind} went over was ASCII: then the input
   * decodes the same as UTF-8 and as latin1, and UTF-8 decoding is the faster of the two.
   */
  get ascii(): boolean {
    return this.#ascii
  }

  /** Drops the word view, so that no input outlives the parse that read it. */
  release(): void {
    this.#words = null
    this.#input = null
  }

  /**
   * The index of the first control byte in `buf[p, end)` (`buf` as last bound) other than HTAB
   * (0x00-0x08, 0x0a-0x1f and DEL), or `end` when there is none. Field lines end at the first
   * one (CR or LF), and any other is an error (RFC 9110 §5.5).
   */
  controlEnd(buf: Uint8Array, p: number, end: number): number {
    let words = this.#words
    if (words === null && this.#input !== null) {
      const near = end - p > BYTE_PREFIX ? p + BYTE_PREFIX : end
      for (; p < near; p++) {
        const c = buf[p]!
        if (c < 0x20 ? c !== HT : c >= DEL && this.#notAscii(c)) return p
      }
      if (p === end) return end
      words = this.#bindWords()
    }
    if (words !== null && end - p >= WORD_RUN_MIN) {
      const base = this.#base
      for (; ((base + p) & 3) !== 0; p++) {
        const c = buf[p]!
        if (c < 0x20 ? c !== HT : c >= DEL && this.#notAscii(c)) return p
      }
      // Per byte b, low = b & 0x7f (so no carry crosses bytes): low + 0x60 has bit 7 clear iff
      // low < 0x20, and low + 1 has it set iff low is 0x7f; x itself flags obs-text. A flagged
      // word goes to the byte loop below, which tells HTAB and obs-text from the rest.
      let w = (base + p) >> 2
      const last = (base + end) >> 2
      for (; w < last; w++) {
        const x = words[w]!
        const low = x & 0x7f7f7f7f
        if (((~(low + 0x60606060) | (low + 0x01010101) | x) & 0x80808080) !== 0) break
      }
      p = (w << 2) - base
    }
    for (; p < end; p++) {
      const c = buf[p]!
      if (c < 0x20 ? c !== HT : c >= DEL && this.#notAscii(c)) return p
    }
    return end
  }

  /** Notes an obs-text byte (0x80-0xff); true for DEL, which ends a run. */
  #notAscii(c: number): boolean {
    if (c === DEL) return true
    this.#ascii = false
    return false
  }

  /**
   * The index of the first byte in `buf[p, end)` that is not visible ASCII (0x21-0x7e): the end
   * of a request-target (RFC 9112 §3.2), or `end` when there is none.
   */
  visibleEnd(buf: Uint8Array, p: number, end: number): number {
    let words = this.#words
    if (words === null && this.#input !== null) {
      const near = end - p > BYTE_PREFIX ? p + BYTE_PREFIX : end
      for (; p < near; p++) {
        const c = buf[p]!
        if (c <= 0x20 || c >= DEL) return p
      }
      if (p === end) return end
      words = this.#bindWords()
    }
    if (words !== null && end - p >= WORD_RUN_MIN) {
      const base = this.#base
      for (; ((base + p) & 3) !== 0; p++) {
        const c = buf[p]!
        if (c <= 0x20 || c >= DEL) return p
      }
      // As in controlEnd, with low + 0x5f clear in bit 7 iff low < 0x21; x flags bytes >= 0x80.
      let w = (base + p) >> 2
      const last = (base + end) >> 2
      for (; w < last; w++) {
        const x = words[w]!
        const low = x & 0x7f7f7f7f
        if (((~(low + 0x5f5f5f5f) | (low + 0x01010101) | x) & 0x80808080) !== 0) break
      }
      p = (w << 2) - base
    }
    for (; p < end; p++) {
      const c = buf[p]!
      if (c <= 0x20 || c >= DEL) return p
    }
    return end
  }
}
