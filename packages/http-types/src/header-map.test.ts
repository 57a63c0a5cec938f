import { InvalidHeaderName, InvalidHeaderValue } from './errors.js'
import { HeaderMap } from './header-map.js'
import { HeaderName } from './header-name.js'
import { HeaderValue } from './header-value.js'

describe('HeaderMap', () => {
  test('get returns the first value, getAll every value in order', () => {
    const h = new HeaderMap()
    h.append('Accept', 'a')
    h.append('accept', 'b')
    h.append('ACCEPT', 'c')
    expect(h.get('accept')).toBe('a')
    expect(h.getAll('Accept')).toEqual(['a', 'b', 'c'])
    expect(h.get(HeaderName.ACCEPT)).toBe('a')
  })

  test('insert replaces every value and returns the previous first one', () => {
    const h = new HeaderMap([
      ['a', '1'],
      ['b', '2'],
      ['A', '3'],
    ])
    expect(h.insert('a', '4')).toBe('1')
    expect([...h]).toEqual([
      ['a', '4'],
      ['b', '2'],
    ])
    expect(h.insert('c', '5')).toBeUndefined()
    expect(h.size).toBe(3)
  })

  test('fromRawUnchecked keeps the array and reports original case', () => {
    const flat = ['Host', 'example.com', 'Content-Length', '5', 'X-A', '1', 'x-a', '2']
    const h = HeaderMap.fromRawUnchecked(flat)
    expect(h.size).toBe(4)
    expect(h.keysSize).toBe(3)
    expect(h.get('content-length')).toBe('5')
    expect(h.rawName('x-A')).toBe('X-A')
    const seen: string[] = []
    h.forEach((value, name) => seen.push(`${name}=${value}`))
    expect(seen).toEqual(['host=example.com', 'content-length=5', 'x-a=1', 'x-a=2'])
  })

  test('rejects invalid names and values', () => {
    const h = new HeaderMap()
    expect(() => h.append('bad name', 'x')).toThrow(InvalidHeaderName)
    expect(() => h.insert('x', 'a\r\nb')).toThrow(InvalidHeaderValue)
    h.append('x', HeaderValue.from('ok'))
    expect(h.get('x')).toBe('ok')
  })
})
