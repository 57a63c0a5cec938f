import { InvalidHeaderName } from './errors.js'
import { HeaderName, asciiLower, lowerToken } from './header-name.js'

const TOKEN_SPECIALS = "!#$%&'*+-.^_`|~"

describe('HeaderName', () => {
  test('accepts every token character and lower-cases ASCII letters', () => {
    const all = `${TOKEN_SPECIALS}0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz`
    expect(HeaderName.from(all).toString()).toBe(all.toLowerCase())
  })

  test('rejects every byte that is not a token character', () => {
    for (let c = 0; c < 256; c++) {
      const ch = String.fromCharCode(c)
      const isTchar = /[0-9A-Za-z]/.test(ch) || TOKEN_SPECIALS.includes(ch)
      const accepted = (() => {
        try {
          HeaderName.from(`x${ch}`)
          return true
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidHeaderName)
          return false
        }
      })()
      expect([c, accepted]).toEqual([c, isTchar])
    }
  })

  test.each([
    ['empty', ''],
    ['space inside', 'content type'],
    ['space before colon', 'host '],
    ['colon', 'host:'],
    ['CR LF', 'x\r\ny'],
    ['non-ASCII', 'ñame'],
    ['KELVIN SIGN', '\u212a'],
    ['char above 0xFF', 'x\u0100'],
  ])('rejects %s', (_why, name) => {
    expect(() => HeaderName.from(name)).toThrow(InvalidHeaderName)
  })

  test.each(['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'prototype'])(
    'accepts the hostile but valid token %s',
    (name) => {
      expect(HeaderName.from(name).toString()).toBe(name.toLowerCase())
    }
  )

  test('returns the interned constant for standard names in any case', () => {
    expect(HeaderName.from('Content-Length')).toBe(HeaderName.CONTENT_LENGTH)
    expect(HeaderName.from('SET-COOKIE')).toBe(HeaderName.SET_COOKIE)
    expect(HeaderName.from('x-custom')).not.toBe(HeaderName.from('x-custom'))
  })

  test('every constant is a lower-case token whose name matches its text', () => {
    const constants = Object.entries(HeaderName).filter(([, v]) => v instanceof HeaderName)
    expect(constants.length).toBeGreaterThan(80)
    for (const [key, value] of constants as [string, HeaderName][]) {
      expect(value.toString()).toBe(key.toLowerCase().replace(/_/g, '-'))
      expect(HeaderName.from(value.toString())).toBe(value)
    }
  })

  test('asciiLower folds only ASCII letters', () => {
    expect(asciiLower('Content-Type')).toBe('content-type')
    expect(asciiLower('already-lower')).toBe('already-lower')
    expect(asciiLower('X-\u212a')).toBe('x-\u212a')
    expect(asciiLower('A\u00c9B')).toBe('a\u00c9b')
  })
})

describe('lowerToken', () => {
  test.each([
    ['Content-Type', 'content-type'],
    ['content-type', 'content-type'],
    ['WWW-Authenticate', 'www-authenticate'],
    ['Sec-WebSocket-Key', 'sec-websocket-key'],
    ['ETag', 'etag'],
    ['X-Custom-Thing', 'x-custom-thing'],
    ['x', 'x'],
  ])('lower-cases %s', (raw, lower) => {
    expect(lowerToken(raw)).toBe(lower)
  })
})
