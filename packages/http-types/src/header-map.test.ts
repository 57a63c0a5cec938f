import { InvalidHeaderName, InvalidHeaderValue, MaxSizeReached } from './errors.js'
import { HeaderMap } from './header-map.js'
import { HeaderName } from './header-name.js'
import { HeaderValue } from './header-value.js'

function lines(h: HeaderMap): string[] {
  const out: string[] = []
  h.forEach((value, name) => out.push(`${name}: ${value}`))
  return out
}

describe('HeaderMap lookups', () => {
  const h = new HeaderMap([
    ['Content-Type', 'text/plain'],
    ['Accept', 'a'],
    ['accept', 'b'],
    ['ACCEPT', 'c'],
  ])

  test.each(['accept', 'Accept', 'ACCEPT', 'aCcEpT', HeaderName.ACCEPT])(
    'names are case-insensitive (%s)',
    (name) => {
      expect(h.get(name)).toBe('a')
      expect(h.getAll(name)).toEqual(['a', 'b', 'c'])
      expect(h.has(name)).toBe(true)
    }
  )

  test('a missing name has no value', () => {
    expect(h.get('x')).toBeUndefined()
    expect(h.getAll('x')).toEqual([])
    expect(h.has('x')).toBe(false)
    expect(h.rawName('x')).toBeUndefined()
  })

  test.each([['bad name'], [''], ['\u212acept'], ['content-type\r\n']])(
    'looking up the invalid name %j finds nothing and does not throw',
    (name) => {
      expect(h.get(name)).toBeUndefined()
      expect(h.has(name)).toBe(false)
    }
  )

  test('size counts values, keysSize distinct names', () => {
    expect(h.size).toBe(4)
    expect(h.keysSize).toBe(2)
  })

  test('getAll returns a fresh array', () => {
    h.getAll('accept').push('z')
    expect(h.getAll('accept')).toEqual(['a', 'b', 'c'])
  })
})

describe('HeaderMap changes', () => {
  test('append keeps every value in insertion order', () => {
    const h = new HeaderMap()
    h.append('a', '1')
    h.append('b', '2')
    h.append('A', '3')
    expect([...h]).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
    ])
  })

  test('insert replaces all values at the first one’s position and returns the previous', () => {
    const h = new HeaderMap([
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
      ['c', '4'],
    ])
    expect(h.insert('A', '5')).toBe('1')
    expect(lines(h)).toEqual(['a: 5', 'b: 2', 'c: 4'])
    expect(h.rawName('a')).toBe('A')
  })

  test('insert of a new name appends it and returns undefined', () => {
    const h = new HeaderMap({ a: '1' })
    expect(h.insert('b', '2')).toBeUndefined()
    expect(lines(h)).toEqual(['a: 1', 'b: 2'])
  })

  test('remove drops every value, returns the first, and keeps the others in order', () => {
    const h = new HeaderMap([
      ['a', '1'],
      ['b', '2'],
      ['A', '3'],
      ['c', '4'],
    ])
    expect(h.remove('a')).toBe('1')
    expect(lines(h)).toEqual(['b: 2', 'c: 4'])
    expect(h.remove('a')).toBeUndefined()
    expect(h.remove('bad name')).toBeUndefined()
  })

  test.each([
    ['space in name', 'a b', 'v', InvalidHeaderName],
    ['empty name', '', 'v', InvalidHeaderName],
    ['colon in name', 'a:', 'v', InvalidHeaderName],
    ['non-ASCII name', 'ä', 'v', InvalidHeaderName],
    ['CR in value', 'a', 'x\ry', InvalidHeaderValue],
    ['LF in value', 'a', 'x\ny', InvalidHeaderValue],
    ['NUL in value', 'a', 'x\0y', InvalidHeaderValue],
    ['char above 0xFF in value', 'a', '\u2603', InvalidHeaderValue],
  ])('append and insert reject %s and leave the map unchanged', (_why, name, value, error) => {
    const h = new HeaderMap({ keep: '1' })
    expect(() => h.append(name, value)).toThrow(error)
    expect(() => h.insert(name, value)).toThrow(error)
    expect(lines(h)).toEqual(['keep: 1'])
  })

  test('accepts HeaderName and HeaderValue arguments, and obs-text values', () => {
    const h = new HeaderMap()
    h.append(HeaderName.ETAG, HeaderValue.from('"x"'))
    h.append('x-latin1', 'caf\xe9')
    expect(h.get('etag')).toBe('"x"')
    expect(h.get('X-Latin1')).toBe('caf\xe9')
  })

  test('throws MaxSizeReached past MAX_SIZE field lines', () => {
    const flat: string[] = []
    for (let i = 0; i < HeaderMap.MAX_SIZE; i++) flat.push('x', String(i))
    const h = HeaderMap.fromRawUnchecked(flat)
    expect(() => h.append('y', '1')).toThrow(MaxSizeReached)
    expect(h.size).toBe(HeaderMap.MAX_SIZE)
  })

  test('clear empties and clone is independent', () => {
    const h = HeaderMap.fromRawUnchecked(['X-A', '1'])
    const copy = h.clone()
    copy.append('b', '2')
    expect(h.size).toBe(1)
    expect(copy.rawName('x-a')).toBe('X-A')
    h.clear()
    expect([h.size, h.keysSize, h.get('x-a')]).toEqual([0, 0, undefined])
    expect(copy.size).toBe(2)
  })
})

describe('HeaderMap hostile names', () => {
  test.each(['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'prototype'])(
    '%s is an ordinary name',
    (name) => {
      const h = new HeaderMap()
      expect(h.get(name)).toBeUndefined()
      expect(h.has(name)).toBe(false)
      h.append(name, '1')
      h.append(name.toUpperCase(), '2')
      expect(h.get(name)).toBe('1')
      expect(h.getAll(name)).toEqual(['1', '2'])
      expect(h.keysSize).toBe(1)
      expect(h.entry(name).orInsert('3')).toBe('1')
      expect(h.insert(name, '4')).toBe('1')
      expect(h.remove(name)).toBe('4')
      expect(h.size).toBe(0)
    }
  )

  test('a record init with an own __proto__ key becomes a header', () => {
    const init = JSON.parse('{"__proto__": "x", "constructor": ["a", "b"]}') as Record<
      string,
      string
    >
    const h = new HeaderMap(init)
    expect(h.get('__proto__')).toBe('x')
    expect(h.getAll('constructor')).toEqual(['a', 'b'])
  })
})

describe('HeaderMap.fromRawUnchecked', () => {
  test('reads names in any case and keeps the case received', () => {
    const h = HeaderMap.fromRawUnchecked([
      'Host',
      'example.com',
      'Content-Length',
      '5',
      'X-A',
      '1',
      'x-a',
      '2',
    ])
    expect(h.size).toBe(4)
    expect(h.keysSize).toBe(3)
    expect(h.get('content-length')).toBe('5')
    expect(h.rawName('x-A')).toBe('X-A')
    expect(lines(h)).toEqual(['host: example.com', 'content-length: 5', 'x-a: 1', 'x-a: 2'])
  })

  test('changes work on a map that has not been looked up yet', () => {
    const h = HeaderMap.fromRawUnchecked(['A', '1', 'B', '2'])
    h.append('C', '3')
    expect(h.insert('b', '4')).toBe('2')
    expect(lines(h)).toEqual(['a: 1', 'b: 4', 'c: 3'])
  })

  test('forEachRaw reports original case without lower-casing', () => {
    const seen: string[] = []
    HeaderMap.fromRawUnchecked(['X-Req', '1', 'ACCEPT', '2']).forEachRaw((v, n) =>
      seen.push(`${n}=${v}`)
    )
    expect(seen).toEqual(['X-Req=1', 'ACCEPT=2'])
  })
})

describe('HeaderMap iteration', () => {
  const h = new HeaderMap([
    ['B', '1'],
    ['a', '2'],
    ['b', '3'],
  ])

  test('iterates [name, value] per value in insertion order, names lower-case', () => {
    expect([...h]).toEqual([
      ['b', '1'],
      ['a', '2'],
      ['b', '3'],
    ])
    expect([...h.entries()]).toEqual([...h])
  })

  test('keys are distinct in order of first appearance; values are all values', () => {
    expect([...h.keys()]).toEqual(['b', 'a'])
    expect([...h.values()]).toEqual(['1', '2', '3'])
  })

  test('forEach passes value, lower-case name and the map', () => {
    const calls: unknown[] = []
    h.forEach((value, name, map) => calls.push([value, name, map === h]))
    expect(calls).toEqual([
      ['1', 'b', true],
      ['2', 'a', true],
      ['3', 'b', true],
    ])
  })
})

describe('HeaderMap construction', () => {
  test('from pairs, from a record with lists, and from another map', () => {
    expect(lines(new HeaderMap([['A', '1']]))).toEqual(['a: 1'])
    const fromRecord = new HeaderMap({
      A: '1',
      'set-cookie': ['x=1', 'y=2'],
      e: HeaderValue.from('v'),
    })
    expect(lines(fromRecord)).toEqual(['a: 1', 'set-cookie: x=1', 'set-cookie: y=2', 'e: v'])
    const source = HeaderMap.fromRawUnchecked(['X-Raw', '1'])
    const copy = new HeaderMap(source)
    copy.append('b', '2')
    expect(source.size).toBe(1)
    expect(copy.rawName('x-raw')).toBe('X-Raw')
  })

  test('validates pairs and records', () => {
    expect(() => new HeaderMap([['bad name', '1']])).toThrow(InvalidHeaderName)
    expect(() => new HeaderMap({ a: ['ok', 'bad\r'] })).toThrow(InvalidHeaderValue)
  })

  test('extend with itself doubles the lines once', () => {
    const h = new HeaderMap({ a: '1' })
    h.extend(h)
    expect(h.getAll('a')).toEqual(['1', '1'])
  })
})

describe('HeaderMap indexed walk', () => {
  it('gives each line lower-case name and value in insertion order', () => {
    const h = HeaderMap.fromRawUnchecked(['X-A', '1', 'Set-Cookie', 'a=1', 'x-a', '2'])
    h.append('Via', 'p')
    const lines: string[] = []
    for (let i = 0; i < h.size; i++) lines.push(`${h.nameAt(i)}=${h.valueAt(i)}`)
    expect(lines).toEqual(['x-a=1', 'set-cookie=a=1', 'x-a=2', 'via=p'])
  })

  it.each([-1, 1, 1.5])('throws RangeError for line %p of a one-line map', (i) => {
    const h = new HeaderMap({ a: '1' })
    expect(() => h.nameAt(i)).toThrow(RangeError)
    expect(() => h.valueAt(i)).toThrow(RangeError)
  })

  it('keeps lines appended after the first one in order', () => {
    const h = new HeaderMap()
    for (const n of ['a', 'b', 'c']) h.append(n, n + '1')
    h.remove('a')
    h.append('a', 'z')
    expect([...h]).toEqual([
      ['b', 'b1'],
      ['c', 'c1'],
      ['a', 'z'],
    ])
  })
})
