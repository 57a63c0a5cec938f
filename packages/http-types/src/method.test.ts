import { InvalidMethod } from './errors.js'
import { Method } from './method.js'

describe('Method', () => {
  test.each([
    ['GET', Method.GET, true, true],
    ['HEAD', Method.HEAD, true, true],
    ['POST', Method.POST, false, false],
    ['PUT', Method.PUT, false, true],
    ['DELETE', Method.DELETE, false, true],
    ['CONNECT', Method.CONNECT, false, false],
    ['OPTIONS', Method.OPTIONS, true, true],
    ['TRACE', Method.TRACE, true, true],
    ['PATCH', Method.PATCH, false, false],
  ])('%s is interned, safe=%#', (name, constant, safe, idempotent) => {
    expect(Method.from(name)).toBe(constant)
    expect(constant.toString()).toBe(name)
    expect(constant.name).toBe(name)
    expect(constant.isSafe()).toBe(safe)
    expect(constant.isIdempotent()).toBe(idempotent)
  })

  test('names are case-sensitive: lower-case get is an extension method', () => {
    const get = Method.from('get')
    expect(get).not.toBe(Method.GET)
    expect(get.toString()).toBe('get')
    expect(get.isSafe()).toBe(false)
    expect(get.isIdempotent()).toBe(false)
  })

  test('extension methods are interned so === works', () => {
    expect(Method.from('PURGE')).toBe(Method.from('PURGE'))
    expect(Method.from('M-SEARCH').toString()).toBe('M-SEARCH')
  })

  test.each([
    ['empty', ''],
    ['space', 'GE T'],
    ['trailing space', 'GET '],
    ['colon', 'A:B'],
    ['slash', 'A/B'],
    ['NUL', 'A\0'],
    ['DEL', 'A\x7f'],
    ['non-ASCII', 'GÉT'],
    ['astral', 'GET\u{1f600}'],
    ['parenthesis', 'A(B)'],
  ])('rejects %s', (_why, name) => {
    expect(() => Method.from(name)).toThrow(InvalidMethod)
  })

  test('the error has a stable code', () => {
    try {
      Method.from('')
      throw new Error('unreachable')
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidMethod)
      expect((e as InvalidMethod).code).toBe('ERR_INVALID_METHOD')
      expect((e as InvalidMethod).name).toBe('InvalidMethod')
    }
  })

  test('equals compares by name', () => {
    expect(Method.GET.equals('GET')).toBe(true)
    expect(Method.GET.equals('get')).toBe(false)
    expect(Method.GET.equals(Method.POST)).toBe(false)
    expect(JSON.stringify({ m: Method.PATCH })).toBe('{"m":"PATCH"}')
  })

  test('lookup finds interned methods and never interns', () => {
    expect(Method.lookup('GET')).toBe(Method.GET)
    const named = Method.from('X-NAMED')
    expect(Method.lookup('X-NAMED')).toBe(named)
    expect(Method.lookup('X-UNNAMED')).not.toBe(Method.lookup('X-UNNAMED'))
    expect(() => Method.lookup('bad name')).toThrow(InvalidMethod)
  })

  test('interning of extension methods is bounded, but equality still holds', () => {
    const made = Array.from({ length: 100 }, (_, i) => Method.from(`X-M${i}`))
    expect(made.every((m, i) => m.equals(Method.from(`X-M${i}`)))).toBe(true)
    expect(made[0]).toBe(Method.from('X-M0'))
  })
})
