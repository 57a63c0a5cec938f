import { InvalidVersion } from './errors.js'
import { Version } from './version.js'

describe('Version', () => {
  test.each([
    [Version.HTTP_09, 'HTTP/0.9', 0, 9],
    [Version.HTTP_10, 'HTTP/1.0', 1, 0],
    [Version.HTTP_11, 'HTTP/1.1', 1, 1],
    [Version.HTTP_2, 'HTTP/2', 2, 0],
    [Version.HTTP_3, 'HTTP/3', 3, 0],
  ])('%s has major %i and minor %i', (v, text, major, minor) => {
    expect(v.toString()).toBe(text)
    expect(v.major).toBe(major)
    expect(v.minor).toBe(minor)
    expect(Version.from(text)).toBe(v)
  })

  test('accepts HTTP/2.0 and HTTP/3.0 spellings', () => {
    expect(Version.from('HTTP/2.0')).toBe(Version.HTTP_2)
    expect(Version.from('HTTP/3.0')).toBe(Version.HTTP_3)
  })

  test.each(['', 'HTTP/1.2', 'http/1.1', 'HTTP/4', 'HTTP/1.1 '])('rejects %j', (text) => {
    expect(() => Version.from(text)).toThrow(InvalidVersion)
  })
})
