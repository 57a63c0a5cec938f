import { FIELD_VALUE_CHAR, LOWER, TCHAR, VISIBLE_ASCII, isToken } from './chars.js'

describe('byte classes', () => {
  test.each([
    ['a', true],
    ['Z', true],
    ['0', true],
    ['!', true],
    ['~', true],
    [' ', false],
    [':', false],
    ['(', false],
    ['"', false],
    ['\x7f', false],
    ['\x00', false],
  ])('TCHAR[%j] is %s', (ch, ok) => {
    expect(TCHAR[ch.charCodeAt(0)] === 1).toBe(ok)
  })

  test('field values allow HTAB, SP, VCHAR and obs-text, and nothing else', () => {
    for (let c = 0; c < 256; c++) {
      const expected = c === 9 || (c >= 0x20 && c !== 0x7f)
      expect([c, FIELD_VALUE_CHAR[c] === 1]).toEqual([c, expected])
      expect([c, VISIBLE_ASCII[c] === 1]).toEqual([c, expected && c < 0x80])
    }
  })

  test('LOWER folds only ASCII letters', () => {
    expect(
      String.fromCharCode(...'Content-TYPE'.split('').map((c) => LOWER[c.charCodeAt(0)]!))
    ).toBe('content-type')
    expect(LOWER[0xc0]).toBe(0xc0)
  })

  test.each([
    ['x-custom', true],
    ['', false],
    ['a b', false],
    ['ä', false],
    ['\u0100', false],
  ])('isToken(%j) is %s', (s, ok) => {
    expect(isToken(s)).toBe(ok)
  })
})
