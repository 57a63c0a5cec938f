/** 4 KiB: the smallest buffer allocated when partial input has to be kept. */
export const INIT_BUFFER_SIZE = 4096

const EMPTY = new Uint8Array(0)

/** Past this many unconsumed bytes, pipelined heads are decoded one by one instead. */
const TEXT_MAX = 16 * 1024
/** `#textStart` when decoding the unconsumed bytes did not give one char per byte. */
const NO_TEXT = -2

const utf8 = new TextDecoder()

/**
 * Bytes received but not yet consumed (hyper's `ReadBuf`). A chunk arriving on an empty buffer is
 * adopted without a copy. Partial input is kept in a growable buffer (so a head sent byte by byte
 * costs O(n)), but once a view of the buffer has been handed to user code (`markShared`), it is
 * never written again: the next append allocates a fresh buffer.
 *
 * A transient chunk (a view of memory the next socket read overwrites) is adopted too, but only
 * until `settle`: the bytes left then are copied, and a `view` for user code is always a copy.
 *
 * @example
 * ```ts
 * const rb = new ReadBuffer()
 * rb.append(chunk)
 * const parsed = parser.parse(rb.view())
 * if (parsed) rb.consume(parsed.consumed)
 * ```
 */
export class ReadBuffer {
  #buf: Uint8Array = EMPTY
  #start = 0
  #end = 0
  #owned = false
  /** Whether `#buf` is a plain Uint8Array (an adopted chunk may be a subclass such as Buffer). */
  #plain = true
  /** Whether `#buf` is a transient chunk, to be copied before anything keeps it. */
  #transient = false
  /** `#buf[#textStart, #end)` decoded one char per byte, for pipelined heads; see `readText`. */
  #text = ''
  #textStart = -1

  /** Unconsumed bytes. */
  get length(): number {
    return this.#end - this.#start
  }

  /**
   * Adds bytes after the unconsumed ones. A `transient` chunk is only valid until `settle`.
   */
  append(chunk: Uint8Array, transient = false): void {
    this.#textStart = -1
    const len = this.#end - this.#start
    if (len === 0) {
      // Adopted as is: the plain view `view` needs is made only if a partial view is asked for.
      this.#buf = chunk
      this.#plain = chunk.constructor === Uint8Array
      this.#start = 0
      this.#end = chunk.length
      this.#owned = false
      this.#transient = transient
      return
    }
    if (this.#owned && this.#end + chunk.length <= this.#buf.length) {
      this.#buf.set(chunk, this.#end)
      this.#end += chunk.length
      return
    }
    const next = new Uint8Array(Math.max(INIT_BUFFER_SIZE, (len + chunk.length) * 2))
    next.set(this.#buf.subarray(this.#start, this.#end), 0)
    next.set(chunk, len)
    this.#buf = next
    this.#plain = true
    this.#start = 0
    this.#end = len + chunk.length
    this.#owned = true
    this.#transient = false
  }

  /** Copies the unconsumed bytes of a transient chunk, which is about to be overwritten. */
  settle(): void {
    if (this.#transient) this.#copyOut()
  }

  /**
   * A plain Uint8Array view of the unconsumed bytes (never a Buffer, so views cut from it for
   * user code are plain too); valid until the next `append` or `consume`.
   */
  view(): Uint8Array {
    if (this.#transient) this.#copyOut()
    const buf = this.#plain ? this.#buf : this.#toPlain()
    if (this.#start === 0 && this.#end === buf.length) return buf
    return buf.subarray(this.#start, this.#end)
  }

  /**
   * The unconsumed bytes for reading only, such as by a parser that keeps no view of them: a
   * whole adopted chunk is returned as it came (maybe a Buffer), which saves making a plain view
   * of each chunk when one chunk holds one request.
   */
  readView(): Uint8Array {
    const buf = this.#buf
    if (this.#start === 0 && this.#end === buf.length) return buf
    if (this.#transient) return buf.subarray(this.#start, this.#end)
    return this.view()
  }

  /**
   * The unconsumed bytes as text, one char per byte, when they are the rest of a buffer whose
   * first head was already parsed: several pipelined heads then cost one decode instead of one
   * each (the parser reads it for ASCII heads only). Undefined for the first head of a buffer,
   * whose own decode is cheaper, and when the rest is long or does not decode one char per byte.
   */
  readText(): string | undefined {
    const start = this.#start
    if (start === 0 || this.#textStart === NO_TEXT) return undefined
    if (this.#textStart < 0) {
      const len = this.#end - start
      if (len > TEXT_MAX) return undefined
      const text = utf8.decode(this.#buf.subarray(start, this.#end))
      if (text.length !== len) {
        this.#textStart = NO_TEXT
        return undefined
      }
      this.#text = text
      this.#textStart = start
    }
    return start === this.#textStart ? this.#text : this.#text.slice(start - this.#textStart)
  }

  /** Moves the unconsumed bytes of a transient chunk into memory of their own, exactly sized. */
  #copyOut(): void {
    this.#textStart = -1
    this.#transient = false
    this.#buf = this.#buf.slice(this.#start, this.#end)
    this.#plain = this.#buf.constructor === Uint8Array
    this.#end -= this.#start
    this.#start = 0
    // Exactly sized, so more input allocates a buffer with room to grow.
    this.#owned = false
  }

  /** Replaces an adopted chunk by a plain view of it: `subarray` on a Buffer builds a Buffer. */
  #toPlain(): Uint8Array {
    const chunk = this.#buf
    this.#buf = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    this.#plain = true
    return this.#buf
  }

  /** Drops `n` bytes from the front. */
  consume(n: number): void {
    this.#start += n
    if (this.#start >= this.#end) this.clear()
  }

  /**
   * Records that views of the current bytes now belong to someone else (a body reader), so the
   * buffer must not be reused for later input: writing into it would change bytes a reader holds.
   */
  markShared(): void {
    this.#owned = false
  }

  /** Drops every unconsumed byte. */
  clear(): void {
    this.#textStart = -1
    this.#buf = EMPTY
    this.#plain = true
    this.#start = 0
    this.#end = 0
    this.#owned = false
    this.#transient = false
  }

  /** Removes and returns every unconsumed byte (for an upgrade hand-over). */
  take(): Uint8Array {
    const rest = this.view()
    this.clear()
    return rest
  }
}
