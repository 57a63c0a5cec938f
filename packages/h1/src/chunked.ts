import { HeaderMap } from '@touche/http-types'
import { EXT_BEFORE_NAME, EXT_END_CR, EXT_END_LF, SIZE_BWS, extensionStep } from './chunk-ext.js'
import { ParseError } from './errors.js'
import type { Limits } from './limits.js'
import { parseFieldSection } from './fields.js'
import type { DecodeStep } from './types.js'

const HTAB = 0x09
const LF = 0x0a
const CR = 0x0d
const SP = 0x20
const SEMICOLON = 0x3b

/** Value of each hex digit byte, -1 for every other byte. */
const HEX: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1)
  for (let c = 0; c < 10; c++) t[0x30 + c] = c
  for (let c = 0; c < 6; c++) t[0x41 + c] = t[0x61 + c] = 10 + c
  return t
})()

// The chunked body states in wire order (RFC 9112 §7.1). Numbers, not strings: this is the
// per-byte loop. A state names what the next byte may be. States 2 to 11 are those of the
// chunk-ext grammar, in chunk-ext.ts.
const SIZE_START = 0
const SIZE = 1
const SIZE_LF = 12
const DATA = 13
const DATA_CR = 14
const DATA_LF = 15
const TRAILERS = 16
const DONE = 17

/**
 * The chunked transfer coding decoder (RFC 9112 §7.1), driven by `Decoder.chunked`. It consumes
 * size lines, extensions and CRLFs into its state, so any split of the input works and no byte is
 * looked at twice; chunk data comes back as views of the input.
 */
export class ChunkedDecoder {
  readonly #limits: Limits
  #state = SIZE_START
  /** The chunk size being read, then the bytes of that chunk still to come. */
  #size = 0
  /** Bytes of chunk extensions seen in this body, bounded by `maxChunkExtensionBytes`. */
  #extBytes = 0
  /** Trailer section bytes buffered across calls (null while the section fits one input). */
  #trailerBuf: Uint8Array | null = null
  #trailerLen = 0
  #trailerLines = 0
  #lineLen = 0
  #afterCr = false
  #trailers: HeaderMap | null = null

  constructor(limits: Limits) {
    this.#limits = limits
  }

  get isDone(): boolean {
    return this.#state === DONE
  }

  /** Decodes from `buf`, returning at most one run of chunk data per call. */
  decode(buf: Uint8Array): DecodeStep {
    const n = buf.length
    let i = 0
    let data: Uint8Array | null = null
    while (i < n && this.#state !== DONE) {
      if (this.#state === DATA) {
        // One view per step: stop at the second chunk so the caller can hand the first one on.
        if (data !== null) break
        const take = Math.min(this.#size, n - i)
        data = take === n ? buf : buf.subarray(i, i + take)
        i += take
        this.#size -= take
        if (this.#size === 0) this.#state = DATA_CR
      } else if (this.#state === TRAILERS) {
        i = this.#readTrailers(buf, i)
      } else {
        this.#state = this.#step(buf[i++]!)
      }
    }
    const done = this.#state === DONE
    const trailers = done ? this.#trailers : null
    this.#trailers = null
    return { data, consumed: i, done, trailers }
  }

  /** Called when the stream ends: the body must be complete. */
  finish(): void {
    if (this.#state !== DONE) {
      throw new ParseError('incomplete', 'the stream ended inside a chunked body')
    }
  }

  #step(b: number): number {
    switch (this.#state) {
      case SIZE_START:
        return this.#readSizeStart(b)
      case SIZE:
        return this.#readSize(b)
      case SIZE_LF:
        return this.#readSizeLf(b)
      case DATA_CR:
        return this.#readDataCr(b)
      case DATA_LF:
        return this.#readDataLf(b)
      default: {
        if (++this.#extBytes > this.#limits.maxChunkExtensionBytes) {
          throw new ParseError('chunk-extension-too-long')
        }
        const next = extensionStep(this.#state, b)
        return next >= 0 ? next : this.#endSizeLineAfterExtension(next)
      }
    }
  }

  #readSizeStart(b: number): number {
    const digit = HEX[b]!
    if (digit < 0) throw new ParseError('chunk-size', 'a chunk size must start with a hex digit')
    this.#size = digit
    return SIZE
  }

  #readSize(b: number): number {
    const digit = HEX[b]!
    if (digit >= 0) {
      // size * 16 is exact below 2^53, and anything at or over it fails the check.
      const size = this.#size * 16 + digit
      if (size > Number.MAX_SAFE_INTEGER) {
        throw new ParseError('chunk-size', 'the chunk size overflows 2^53-1')
      }
      this.#size = size
      return SIZE
    }
    if (b === CR) return SIZE_LF
    if (b === SEMICOLON) return this.#countExtension(EXT_BEFORE_NAME)
    if (b === SP || b === HTAB) return this.#countExtension(SIZE_BWS)
    if (b === LF && this.#limits.allowBareLf) return this.#endSizeLine()
    throw new ParseError('chunk-size', 'a chunk size is not 1*HEXDIG followed by CRLF')
  }

  #countExtension(next: number): number {
    if (++this.#extBytes > this.#limits.maxChunkExtensionBytes) {
      throw new ParseError('chunk-extension-too-long')
    }
    return next
  }

  /** A CR or LF after a complete extension: the end of the size line, if it may end there. */
  #endSizeLineAfterExtension(end: number): number {
    if (end === EXT_END_CR) return SIZE_LF
    if (end === EXT_END_LF && this.#limits.allowBareLf) return this.#endSizeLine()
    throw new ParseError('chunk-extension', 'a chunk extension is malformed')
  }

  #readSizeLf(b: number): number {
    if (b !== LF) throw new ParseError('chunk-size', 'a chunk size line ends in a bare CR')
    return this.#endSizeLine()
  }

  #endSizeLine(): number {
    if (this.#size > 0) return DATA
    this.#lineLen = 0
    this.#afterCr = false
    return TRAILERS
  }

  #readDataCr(b: number): number {
    if (b === CR) return DATA_LF
    if (b === LF && this.#limits.allowBareLf) return SIZE_START
    throw new ParseError('chunk-data', 'chunk data is not followed by CRLF')
  }

  #readDataLf(b: number): number {
    if (b === LF) return SIZE_START
    throw new ParseError('chunk-data', 'chunk data is not followed by CRLF')
  }

  /**
   * trailer-section = *( field-line CRLF ), then the final CRLF (RFC 9112 §7.1.2). Finds the empty
   * line, bounded by `maxTrailerBytes` and `maxHeaders`, and hands the section to the field parser.
   */
  #readTrailers(buf: Uint8Array, start: number): number {
    const { maxTrailerBytes, maxHeaders, allowBareLf } = this.#limits
    const end = Math.min(buf.length, start + (maxTrailerBytes - this.#trailerLen) + 1)
    let lineLen = this.#lineLen
    let afterCr = this.#afterCr
    let complete = false
    let i = start
    while (i < end) {
      const b = buf[i++]!
      if (afterCr) {
        if (b !== LF) throw new ParseError('trailers', 'a trailer line has a bare CR')
        afterCr = false
      } else if (b === CR) {
        afterCr = true
        continue
      } else if (b !== LF) {
        lineLen++
        continue
      } else if (!allowBareLf) {
        throw new ParseError('trailers', 'a trailer line ends in a bare LF')
      }
      if (lineLen === 0) {
        complete = true
        break
      }
      lineLen = 0
      if (++this.#trailerLines > maxHeaders) throw new ParseError('trailers-too-large')
    }
    this.#lineLen = lineLen
    this.#afterCr = afterCr
    if (this.#trailerLen + (i - start) > maxTrailerBytes) throw new ParseError('trailers-too-large')
    if (complete && this.#trailerLen === 0) {
      this.#finishTrailers(buf.subarray(start, i))
    } else {
      this.#bufferTrailers(buf, start, i)
      if (complete) this.#finishTrailers(this.#trailerBuf!.subarray(0, this.#trailerLen))
    }
    return i
  }

  #bufferTrailers(buf: Uint8Array, start: number, end: number): void {
    const needed = this.#trailerLen + (end - start)
    let store = this.#trailerBuf
    if (store === null || store.length < needed) {
      const doubled = store === null ? 256 : store.length * 2
      const grown = new Uint8Array(
        Math.min(Math.max(doubled, needed), this.#limits.maxTrailerBytes)
      )
      if (store !== null) grown.set(store.subarray(0, this.#trailerLen))
      store = this.#trailerBuf = grown
    }
    store.set(buf.subarray(start, end), this.#trailerLen)
    this.#trailerLen = needed
  }

  #finishTrailers(section: Uint8Array): void {
    this.#state = DONE
    this.#trailerBuf = null
    if (this.#trailerLines > 0) {
      this.#trailers = HeaderMap.fromRawUnchecked(parseTrailers(section, this.#limits))
    }
  }
}

/** The trailer fields follow the rules of head fields; errors are reported as trailer errors. */
function parseTrailers(section: Uint8Array, limits: Limits): string[] {
  try {
    return parseFieldSection(section, limits.maxHeaders, limits.allowBareLf)
  } catch (e) {
    if (!(e instanceof ParseError)) throw e
    const kind = e.kind === 'too-many-headers' ? 'trailers-too-large' : 'trailers'
    throw new ParseError(kind, `trailer section: ${e.message}`, { cause: e })
  }
}
