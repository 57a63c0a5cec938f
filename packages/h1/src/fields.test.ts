import { FieldLines, equalsLower, latin1, parseFieldSection } from './fields.js'
import { bytes, kindOf } from '../test/support.js'

function fields(raw: string, maxFields = 100, bareLf = false): string[] {
  return parseFieldSection(bytes(raw), maxFields, bareLf)
}

describe('field section', () => {
  test.each([
    ['one field', 'Host: a\r\n\r\n', ['Host', 'a']],
    ['empty section', '\r\n', []],
    ['OWS trimmed on both sides', 'A: \t x y \t \r\n\r\n', ['A', 'x y']],
    ['no OWS', 'A:b\r\n\r\n', ['A', 'b']],
    ['empty value', 'A:\r\n\r\n', ['A', '']],
    ['value of only whitespace', 'A:   \r\n\r\n', ['A', '']],
    ['name case kept', 'cOnTeNt-TyPe: x\r\n\r\n', ['cOnTeNt-TyPe', 'x']],
    ['duplicates kept in order', 'A: 1\r\nB: 2\r\nA: 3\r\n\r\n', ['A', '1', 'B', '2', 'A', '3']],
    ['token punctuation in names', "!#$%&'*+-.^_`|~09: v\r\n\r\n", ["!#$%&'*+-.^_`|~09", 'v']],
    ['colon inside the value', 'A: b:c\r\n\r\n', ['A', 'b:c']],
    ['obs-text kept as latin1', 'A: caf\xe9 \xff\r\n\r\n', ['A', 'caf\xe9 \xff']],
    ['tab inside the value', 'A: b\tc\r\n\r\n', ['A', 'b\tc']],
  ])('%s', (_name, raw, expected) => {
    expect(fields(raw)).toEqual(expected)
  })

  test.each([
    ['rejects space before colon', 'A : b\r\n\r\n', 'header-name'],
    ['rejects tab before colon', 'A\t: b\r\n\r\n', 'header-name'],
    ['rejects an empty name', ': b\r\n\r\n', 'header-name'],
    ['rejects a line without colon', 'Ab\r\n\r\n', 'header-name'],
    ['rejects a non-token byte in a name', 'A(b: c\r\n\r\n', 'header-name'],
    ['rejects a high byte in a name', 'A\xe9: c\r\n\r\n', 'header-name'],
    ['rejects obs-fold', 'A: b\r\n c\r\n\r\n', 'obs-fold'],
    ['rejects obs-fold with a tab', 'A: b\r\n\tc\r\n\r\n', 'obs-fold'],
    ['rejects whitespace before the first field', ' A: b\r\n\r\n', 'obs-fold'],
    ['rejects NUL in a value', 'A: b\x00c\r\n\r\n', 'header-value'],
    ['rejects a bare CR in a value', 'A: b\rc\r\n\r\n', 'header-value'],
    ['rejects DEL in a value', 'A: b\x7fc\r\n\r\n', 'header-value'],
    ['rejects a control byte in a value', 'A: b\x01c\r\n\r\n', 'header-value'],
    ['rejects a vertical tab in a value', 'A: b\x0bc\r\n\r\n', 'header-value'],
    ['rejects a bare LF ending a field', 'A: b\n\r\n', 'line-ending'],
    ['rejects a bare LF ending the section', 'A: b\r\n\n', 'line-ending'],
    ['rejects a bare CR ending the section', 'A: b\r\n\rx', 'line-ending'],
    ['rejects bytes after the empty line', 'A: b\r\n\r\nx', 'incomplete'],
    ['rejects a section without its empty line', 'A: b\r\n', 'incomplete'],
  ])('%s', (_name, raw, kind) => {
    expect(kindOf(() => fields(raw))).toBe(kind)
  })

  test('accepts bare LF line endings when allowed', () => {
    expect(fields('A: b\nC: d\n\n', 100, true)).toEqual(['A', 'b', 'C', 'd'])
    expect(fields('A: b\r\nC: d\n\r\n', 100, true)).toEqual(['A', 'b', 'C', 'd'])
  })

  test('a bare CR is rejected even when bare LF is allowed', () => {
    expect(kindOf(() => fields('A: b\rc\n\n', 100, true))).toBe('header-value')
  })

  test('accepts exactly maxFields fields and rejects one more', () => {
    expect(fields('A: 1\r\nB: 2\r\n\r\n', 2)).toEqual(['A', '1', 'B', '2'])
    expect(kindOf(() => fields('A: 1\r\nB: 2\r\nC: 3\r\n\r\n', 2))).toBe('too-many-headers')
  })

  test('holds more fields than its initial capacity', () => {
    const raw = Array.from({ length: 300 }, (_, i) => `F${i}: ${i}\r\n`).join('') + '\r\n'
    const flat = fields(raw, 300)
    expect(flat.length).toBe(600)
    expect(flat.slice(-2)).toEqual(['F299', '299'])
  })
})

describe('FieldLines.scan', () => {
  test('needs more bytes at every proper prefix of a section', () => {
    const raw = bytes('Host: a\r\nX:  y \r\n\r\n')
    const lines = new FieldLines(10)
    for (let i = 0; i < raw.length; i++) expect(lines.scan(raw, 0, i, false)).toBe(-1)
    expect(lines.scan(raw, 0, raw.length, false)).toBe(raw.length)
    expect(lines.count).toBe(2)
  })

  test('bytes at or past end never change the outcome', () => {
    const raw = bytes('Host: b\r\n\r\n')
    const lines = new FieldLines(10)
    for (let end = 0; end < raw.length; end++) expect(lines.scan(raw, 0, end, false)).toBe(-1)
    const bad = bytes('Host: b\r\n\x00')
    expect(lines.scan(bad, 0, bad.length - 1, false)).toBe(-1)
  })

  test('records offsets of names and trimmed values', () => {
    const raw = bytes('xxA:  b \r\n\r\n')
    const lines = new FieldLines(10)
    expect(lines.scan(raw, 2, raw.length, false)).toBe(raw.length)
    expect(Array.from(lines.slots.subarray(0, 4))).toEqual([2, 3, 6, 7])
    expect(lines.toFlat(latin1(raw, 0, raw.length))).toEqual(['A', 'b'])
  })
})

describe('helpers', () => {
  test('equalsLower ignores ASCII case only', () => {
    expect(equalsLower(bytes('HoSt'), 0, 4, 'host')).toBe(true)
    expect(equalsLower(bytes('hosts'), 0, 5, 'host')).toBe(false)
    expect(equalsLower(bytes('h\xcfst'), 0, 4, 'h\xefst')).toBe(false)
  })

  test('latin1 maps every byte to one char', () => {
    const all = new Uint8Array(256).map((_, i) => i)
    const s = latin1(all, 0, 256)
    expect(s.length).toBe(256)
    for (let i = 0; i < 256; i++) expect(s.charCodeAt(i)).toBe(i)
    expect(latin1(bytes('abcdef'), 2, 4)).toBe('cd')
  })
})
