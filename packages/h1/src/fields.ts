import { LOWER, TCHAR } from './byte-classes.js'
import { ParseError } from './errors.js'
import { ByteRuns } from './runs.js'

const HT = 0x09
const LF = 0x0a
const CR = 0x0d
const SP = 0x20
const COLON = 0x3a

/**
 * Where the field lines of one section lie in the input: four offsets per field
 * (name start, name end, value start, value end; values already OWS-trimmed). Reused across
 * messages by its owner, so scanning allocates nothing.
 *
 * @example
 * ```ts
 * const lines = new FieldLines(100)
 * const end = lines.scan(bytes, 0, bytes.length, false) // -1 until the empty line arrives
 * ```
 */
export class FieldLines {
  /** Fields found by the last {@link FieldLines.scan}. */
  count = 0
  /** Finds the ends of value runs a word at a time; shared with the start-line parser. */
  readonly runs = new ByteRuns()
  readonly #maxFields: number

  constructor(maxFields: number) {
    this.#maxFields = maxFields
  }

  /**
   * [nameStart, nameEnd, valueStart, valueEnd] per field of the last scan; valid until the next
   * scan of any `FieldLines`, since the memory is shared (see {@link scratchSlots}).
   */
  get slots(): Int32Array {
    return scratchSlots
  }

  /**
   * Scans field lines (RFC 9112 §5) from `pos` up to and including the empty line that ends the
   * section; bytes at or past `end` never change the outcome. Returns the index just past that
   * empty line, or -1 when `end` comes first (nothing is kept between calls: scan again from the
   * section start).
   *
   * @throws ParseError 'header-name', 'header-value', 'obs-fold', 'line-ending' or
   *   'too-many-headers'.
   */
  scan(buf: Uint8Array, pos: number, end: number, allowBareLf: boolean): number {
    let p = pos
    let count = 0
    let slots = this.slots
    const runs = this.runs
    const tchar = TCHAR
    for (;;) {
      if (p >= end) return -1
      let c = buf[p]!
      if (c === CR) {
        if (p + 1 >= end) return -1
        if (buf[p + 1] !== LF) throw new ParseError('line-ending', 'bare CR after the field lines')
        this.count = count
        return p + 2
      }
      if (c === LF) {
        if (!allowBareLf) throw new ParseError('line-ending', 'bare LF ends the field section')
        this.count = count
        return p + 1
      }
      if (count === this.#maxFields) throw new ParseError('too-many-headers')
      // RFC 9112 §5.2: obs-fold is rejected; §2.2: so is whitespace before the first field.
      if (c === SP || c === HT) throw new ParseError('obs-fold')
      const nameStart = p
      // Unbounded: a name running past `end` means more bytes are needed either way.
      while (tchar[buf[p]!] === 1) p++
      if (p >= end) return -1
      if (buf[p] !== COLON || p === nameStart) throw nameError(buf, nameStart, p)
      const nameEnd = p++
      while (p < end && (buf[p] === SP || buf[p] === HT)) p++
      const valueStart = p
      p = runs.controlEnd(buf, p, end)
      if (p >= end) return -1
      c = buf[p]!
      let valueEnd = p
      if (c === CR) {
        if (p + 1 >= end) return -1
        if (buf[p + 1] !== LF) throw new ParseError('header-value', 'bare CR in a field value')
        p += 2
      } else if (c === LF) {
        if (!allowBareLf) throw new ParseError('line-ending', 'field line ends in a bare LF')
        p += 1
      } else {
        throw new ParseError('header-value', `byte 0x${c.toString(16)} in a field value`)
      }
      while (valueEnd > valueStart && (buf[valueEnd - 1] === SP || buf[valueEnd - 1] === HT)) {
        valueEnd--
      }
      const k = count << 2
      if (k === slots.length) slots = this.#grow()
      slots[k] = nameStart
      slots[k + 1] = nameEnd
      slots[k + 2] = valueStart
      slots[k + 3] = valueEnd
      count++
    }
  }

  /**
   * The scanned fields as `[name, value, ...]`, sliced from `text`, the latin1 text of the
   * input (from its first byte).
   */
  toFlat(text: string): string[] {
    const n = this.count << 1
    const slots = this.slots
    const flat = new Array<string>(n)
    for (let i = 0; i < n; i += 2) {
      flat[i] = text.slice(slots[i << 1]!, slots[(i << 1) + 1]!)
      flat[i + 1] = text.slice(slots[(i << 1) + 2]!, slots[(i << 1) + 3]!)
    }
    return flat
  }

  #grow(): Int32Array {
    const next = new Int32Array(scratchSlots.length * 2)
    next.set(scratchSlots)
    scratchSlots = next
    return next
  }
}

/**
 * Field offsets for every parser in the process: a scan and the reading of its offsets happen in
 * one synchronous call, so parsers never need them at the same time, and a server holding
 * thousands of idle connections keeps one array instead of one per connection.
 */
let scratchSlots = new Int32Array(4 * 32)

function nameError(buf: Uint8Array, nameStart: number, at: number): ParseError {
  const c = buf[at]
  const what =
    at === nameStart && c === COLON
      ? 'empty field name'
      : c === SP || c === HT
        ? 'whitespace before colon'
        : 'invalid byte in field name'
  return new ParseError('header-name', what)
}

/**
 * Parses a complete field section (field lines plus the empty line that ends it), such as a
 * chunked trailer section, into `[name, value, ...]` with names as received and values
 * OWS-trimmed. The rules are those of a head's field lines.
 *
 * @throws ParseError 'header-name', 'header-value', 'obs-fold', 'line-ending',
 *   'too-many-headers' (more than `maxFields` lines), or 'incomplete' when `section` does not
 *   end with the empty line or has bytes after it.
 * @example
 * ```ts
 * const raw = new TextEncoder().encode('Expires: never\r\n\r\n')
 * parseFieldSection(raw, 100, false) // ['Expires', 'never']
 * ```
 */
export function parseFieldSection(
  section: Uint8Array,
  maxFields: number,
  allowBareLf: boolean
): string[] {
  const lines = new FieldLines(maxFields)
  const end = lines.scan(section, 0, section.length, allowBareLf)
  if (end !== section.length) {
    throw new ParseError('incomplete', 'field section does not end with exactly one empty line')
  }
  return lines.toFlat(latin1(section, 0, end))
}

/**
 * Whether `buf[start, end)` equals `lower` (an ASCII lower-case string) ignoring ASCII case.
 *
 * @example
 * ```ts
 * equalsLower(new TextEncoder().encode('Host'), 0, 4, 'host') // true
 * ```
 */
export function equalsLower(buf: Uint8Array, start: number, end: number, lower: string): boolean {
  if (end - start !== lower.length) return false
  for (let i = 0; i < lower.length; i++) {
    if (LOWER[buf[start + i]!] !== lower.charCodeAt(i)) return false
  }
  return true
}

/**
 * Node's TextDecoder decodes 'latin1' byte for byte (one char per byte, 0x80-0x9F included),
 * natively; the WHATWG windows-1252 mapping would not, so this is checked once at load.
 */
const latin1Decoder: { decode(input: Uint8Array): string } | null = (() => {
  const all = new Uint8Array(256)
  for (let i = 0; i < 256; i++) all[i] = i
  const d = new TextDecoder('latin1')
  const s = d.decode(all)
  for (let i = 0; i < 256; i++) if (s.charCodeAt(i) !== i) return null
  return d
})()
const asciiDecoder = new TextDecoder('utf-8', { fatal: true })
const utf8Decoder = new TextDecoder()

/** Bytes past a head that may be decoded along with it rather than cutting a view. */
const DECODE_SLACK = 256

/**
 * `buf[start, end)` as a latin1 string: one char per byte, so every byte round-trips.
 *
 * @example
 * ```ts
 * latin1(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 0, 4) // 'café'
 * ```
 */
export function latin1(buf: Uint8Array, start: number, end: number): string {
  return decode(start === 0 && end === buf.length ? buf : buf.subarray(start, end))
}

/**
 * The latin1 text of a head `buf[0, end)`, possibly followed by a few more bytes of `buf`:
 * cutting a view costs more than decoding a short tail along with the head. `ascii` says that
 * the head has no byte over 0x7f, so that the faster UTF-8 decoder gives the same text (for the
 * head: the tail, never sliced, may decode to anything).
 *
 * @example
 * ```ts
 * headText(bytes, parsed.consumed, true).slice(0, parsed.consumed)
 * ```
 */
export function headText(buf: Uint8Array, end: number, ascii: boolean): string {
  const view = buf.length - end <= DECODE_SLACK ? buf : buf.subarray(0, end)
  return ascii ? utf8Decoder.decode(view) : decode(view)
}

function decode(view: Uint8Array): string {
  if (latin1Decoder !== null) return latin1Decoder.decode(view)
  try {
    // UTF-8 decodes ASCII identically; any byte over 0x7F either throws or shortens the text.
    const s = asciiDecoder.decode(view)
    if (s.length === view.length) return s
  } catch {
    // falls through to the byte-by-byte decode
  }
  let s = ''
  for (let i = 0; i < view.length; i++) s += String.fromCharCode(view[i]!)
  return s
}
