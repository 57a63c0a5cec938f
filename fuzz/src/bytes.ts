/** Byte functions shared by the harness: latin1 conversion, joining, hashing, printable escapes. */

/**
 * The latin1 bytes of `s`: each char is one byte (chars above 0xFF are truncated).
 *
 * @example
 * ```ts
 * latin1('GET / HTTP/1.1\r\n') // Uint8Array of 16 bytes
 * ```
 */
export function latin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}

/**
 * The bytes as a latin1 string, one char per byte.
 *
 * @example
 * ```ts
 * text(latin1('abc')) // 'abc'
 * ```
 */
export function text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
}

/**
 * One array holding `parts` back to back.
 *
 * @example
 * ```ts
 * concat([latin1('a'), latin1('b')]).length // 2
 * ```
 */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let size = 0
  for (const p of parts) size += p.length
  const out = new Uint8Array(size)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/**
 * FNV-1a, 32 bits, as 8 hex digits: a cheap fingerprint of a body or a request-target that both
 * the servers under test and the harness compute, so responses can be matched to requests.
 *
 * @example
 * ```ts
 * fnv1a(latin1('')) // '811c9dc5'
 * ```
 */
export function fnv1a(bytes: Uint8Array): string {
  let h = 0x811c9dc5
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193)
  return (h >>> 0).toString(16).padStart(8, '0')
}

/**
 * The bytes as a one-line, printable string: `\r`, `\n`, `\t`, `\\` and `\xHH` for every other
 * byte outside 0x20-0x7E. `unescapeBytes` reverses it; regression files carry it for reviewers.
 *
 * @example
 * ```ts
 * escapeBytes(latin1('a\r\n\x00')) // 'a\\r\\n\\x00'
 * ```
 */
export function escapeBytes(bytes: Uint8Array, max = Infinity): string {
  let out = ''
  const n = Math.min(bytes.length, max)
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!
    if (b === 0x0d) out += '\\r'
    else if (b === 0x0a) out += '\\n'
    else if (b === 0x09) out += '\\t'
    else if (b === 0x5c) out += '\\\\'
    else if (b >= 0x20 && b <= 0x7e) out += String.fromCharCode(b)
    else out += `\\x${b.toString(16).padStart(2, '0')}`
  }
  return n < bytes.length ? `${out}... (${bytes.length} bytes)` : out
}

/**
 * The bytes an `escapeBytes` string stands for (also the escapes of the h1 fixture files:
 * `\r`, `\n`, `\t`, `\0`, `\xHH`, `\\`).
 *
 * @example
 * ```ts
 * text(unescapeBytes('a\\r\\n')) // 'a\r\n'
 * ```
 */
export function unescapeBytes(s: string): Uint8Array {
  return latin1(
    s.replace(/\\(x[0-9a-fA-F]{2}|[rnt0\\])/g, (_, e: string) => {
      if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16))
      return { r: '\r', n: '\n', t: '\t', '0': '\0', '\\': '\\' }[e]!
    })
  )
}

/**
 * Index of `needle` in `hay` at or after `from`, or -1.
 *
 * @example
 * ```ts
 * indexOf(latin1('a\r\n\r\nb'), latin1('\r\n\r\n')) // 1
 * ```
 */
export function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(needle, from)
}
