import { FIELD_VALUE_CHAR, TCHAR } from './byte-classes.js'
import { ParseError } from './errors.js'

const HTAB = 0x09
const LF = 0x0a
const CR = 0x0d
const SP = 0x20
const DQUOTE = 0x22
const SEMICOLON = 0x3b
const EQUALS = 0x3d
const BACKSLASH = 0x5c

// The states of the chunk-ext grammar: 2 to 11 among the chunked decoder's states (chunked.ts),
// which holds them in its own per-byte state. A state names what the next byte may be.
/** Whitespace after the chunk size, which must lead to ";". */
export const SIZE_BWS = 2
/** After ";": whitespace or an extension name. */
export const EXT_BEFORE_NAME = 3
const EXT_NAME = 4
const EXT_AFTER_NAME = 5
const EXT_BEFORE_VALUE = 6
const EXT_TOKEN = 7
const EXT_QUOTED = 8
const EXT_QUOTED_PAIR = 9
const EXT_AFTER_QUOTE = 10
const EXT_AFTER_VALUE = 11

/** Not a state: a CR after a complete extension, so the size line ends with its LF. */
export const EXT_END_CR = -1
/**
 * Not a state: a bare LF after a complete extension; whether it may end the line is the caller's
 * choice (`allowBareLf`).
 */
export const EXT_END_LF = -2

/**
 * The state after byte `b` in chunk-ext state `state`, or {@link EXT_END_CR} /
 * {@link EXT_END_LF} where the size line ends. chunk-ext = *( BWS ";" BWS chunk-ext-name
 * [ BWS "=" BWS chunk-ext-val ] ) (RFC 9112 §7.1.1). Extensions are checked and dropped: none has
 * a registered meaning.
 *
 * @throws ParseError 'chunk-size' for whitespace after the size not leading to ";",
 *   'chunk-extension' for a malformed extension.
 * @example
 * ```ts
 * extensionStep(EXT_BEFORE_NAME, 0x61) // the state inside an extension name
 * ```
 */
export function extensionStep(state: number, b: number): number {
  const ws = b === SP || b === HTAB
  switch (state) {
    case SIZE_BWS:
      if (ws) return SIZE_BWS
      if (b === SEMICOLON) return EXT_BEFORE_NAME
      throw new ParseError('chunk-size', 'whitespace after a chunk size must lead to ";"')
    case EXT_BEFORE_NAME:
      if (ws) return EXT_BEFORE_NAME
      if (TCHAR[b] === 1) return EXT_NAME
      break
    case EXT_NAME:
      if (TCHAR[b] === 1) return EXT_NAME
      if (ws) return EXT_AFTER_NAME
      if (b === EQUALS) return EXT_BEFORE_VALUE
      return endOfItem(b)
    case EXT_AFTER_NAME:
      if (ws) return EXT_AFTER_NAME
      if (b === EQUALS) return EXT_BEFORE_VALUE
      if (b === SEMICOLON) return EXT_BEFORE_NAME
      break
    case EXT_BEFORE_VALUE:
      if (ws) return EXT_BEFORE_VALUE
      if (b === DQUOTE) return EXT_QUOTED
      if (TCHAR[b] === 1) return EXT_TOKEN
      break
    case EXT_TOKEN:
      if (TCHAR[b] === 1) return EXT_TOKEN
      if (ws) return EXT_AFTER_VALUE
      return endOfItem(b)
    case EXT_QUOTED:
      // qdtext is a field-value byte other than DQUOTE and backslash (RFC 9110 §5.6.4).
      if (b === DQUOTE) return EXT_AFTER_QUOTE
      if (b === BACKSLASH) return EXT_QUOTED_PAIR
      if (FIELD_VALUE_CHAR[b] === 1) return EXT_QUOTED
      break
    case EXT_QUOTED_PAIR:
      if (FIELD_VALUE_CHAR[b] === 1) return EXT_QUOTED
      break
    case EXT_AFTER_QUOTE:
      if (ws) return EXT_AFTER_VALUE
      return endOfItem(b)
    case EXT_AFTER_VALUE:
      if (ws) return EXT_AFTER_VALUE
      if (b === SEMICOLON) return EXT_BEFORE_NAME
      break
  }
  throw new ParseError('chunk-extension', 'a chunk extension is malformed')
}

/** After a complete extension: another one, or the end of the size line. */
function endOfItem(b: number): number {
  if (b === SEMICOLON) return EXT_BEFORE_NAME
  if (b === CR) return EXT_END_CR
  if (b === LF) return EXT_END_LF
  throw new ParseError('chunk-extension', 'a chunk extension is malformed')
}
