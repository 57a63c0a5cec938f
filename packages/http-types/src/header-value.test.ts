import { InvalidHeaderValue, ToStrError } from './errors.js'
import { HeaderValue, isFieldValue } from './header-value.js'

describe('HeaderValue', () => {
  test('accepts HTAB, SP, VCHAR and obs-text; rejects every other byte', () => {
    for (let c = 0; c < 256; c++) {
      const expected = c === 0x09 || (c >= 0x20 && c !== 0x7f)
      const s = `a${String.fromCharCode(c)}b`
      expect([c, isFieldValue(s)]).toEqual([c, expected])
      if (expected) expect(HeaderValue.from(s).toString()).toBe(s)
      else expect(() => HeaderValue.from(s)).toThrow(InvalidHeaderValue)
    }
  })

  test.each([
    ['CR', 'a\rb'],
    ['LF', 'a\nb'],
    ['CRLF header injection', 'x\r\nSet-Cookie: evil=1'],
    ['NUL', 'a\0b'],
    ['DEL', 'a\x7fb'],
    ['vertical tab', 'a\x0bb'],
    ['char above 0xFF', 'caf\u0100'],
    ['emoji', '\u{1f600}'],
  ])('rejects %s', (_why, value) => {
    expect(() => HeaderValue.from(value)).toThrow(InvalidHeaderValue)
  })

  test('accepts the empty value and surrounding whitespace', () => {
    expect(HeaderValue.from('').toString()).toBe('')
    expect(HeaderValue.from(' \tx\t ').toString()).toBe(' \tx\t ')
  })

  test('keeps obs-text bytes, but toStr refuses them', () => {
    const v = HeaderValue.from('caf\xe9')
    expect(v.toString()).toBe('caf\xe9')
    expect(Array.from(v.toBytes())).toEqual([0x63, 0x61, 0x66, 0xe9])
    expect(() => v.toStr()).toThrow(ToStrError)
  })

  test('toStr returns visible ASCII with SP and HTAB', () => {
    expect(HeaderValue.from('text/html; q=0.9\tx').toStr()).toBe('text/html; q=0.9\tx')
  })

  test('fromBytes reads one char per byte and validates', () => {
    expect(HeaderValue.fromBytes(new Uint8Array([0x6f, 0x6b, 0xff])).toString()).toBe('ok\xff')
    expect(() => HeaderValue.fromBytes(new Uint8Array([0x61, 0x0a]))).toThrow(InvalidHeaderValue)
  })

  test('sensitivity is opt-in, copied by withSensitive and hidden from JSON', () => {
    const plain = HeaderValue.from('token')
    expect(plain.isSensitive).toBe(false)
    const secret = HeaderValue.from('Bearer x', { sensitive: true })
    expect(secret.isSensitive).toBe(true)
    expect(JSON.stringify({ secret, plain })).toBe('{"secret":"[sensitive]","plain":"token"}')
    const marked = plain.withSensitive(true)
    expect([plain.isSensitive, marked.isSensitive, marked.toString()]).toEqual([
      false,
      true,
      'token',
    ])
  })
})
