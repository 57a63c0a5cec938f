import * as fc from 'fast-check'
import { Extensions } from './extensions.js'

class RemoteAddr {
  ip = ''
}
class Route {
  pattern = ''
}

function remote(ip: string): RemoteAddr {
  return Object.assign(new RemoteAddr(), { ip })
}

describe('Extensions', () => {
  test('a new map is empty', () => {
    const ext = new Extensions()
    expect(ext.size).toBe(0)
    expect(ext.get(RemoteAddr)).toBeUndefined()
    expect(ext.has(RemoteAddr)).toBe(false)
    expect(ext.remove(RemoteAddr)).toBeUndefined()
  })

  test('class keys store one instance per class', () => {
    const ext = new Extensions()
    const first = remote('10.0.0.1')
    expect(ext.insert(RemoteAddr, first)).toBeUndefined()
    expect(ext.get(RemoteAddr)).toBe(first)
    const second = remote('10.0.0.2')
    expect(ext.insert(RemoteAddr, second)).toBe(first)
    expect(ext.get(RemoteAddr)?.ip).toBe('10.0.0.2')
    expect(ext.get(Route)).toBeUndefined()
    expect(ext.size).toBe(1)
  })

  test('a class key rejects a value that is not an instance of it', () => {
    const ext = new Extensions()
    const notRemote = { ip: '1.2.3.4' } as RemoteAddr
    expect(() => ext.insert(RemoteAddr, notRemote)).toThrow(TypeError)
    expect(ext.has(RemoteAddr)).toBe(false)
  })

  test('typed symbol keys with the same description never collide', () => {
    const a = Extensions.key<number>('id')
    const b = Extensions.key<string>('id')
    const ext = new Extensions()
    ext.insert(a, 1)
    ext.insert(b, 'one')
    expect(ext.get(a)).toBe(1)
    expect(ext.get(b)).toBe('one')
    expect(ext.size).toBe(2)
  })

  test('remove returns the value and forgets it', () => {
    const key = Extensions.key<{ n: number }>('obj')
    const ext = new Extensions()
    const value = { n: 1 }
    ext.insert(key, value)
    expect(ext.remove(key)).toBe(value)
    expect(ext.has(key)).toBe(false)
    expect(ext.size).toBe(0)
  })

  test('falsy values are stored and reported as present', () => {
    const key = Extensions.key<number>('zero')
    const ext = new Extensions()
    ext.insert(key, 0)
    expect(ext.has(key)).toBe(true)
    expect(ext.get(key)).toBe(0)
  })

  test('extend copies values, replacing those under the same key', () => {
    const key = Extensions.key<number>('n')
    const a = new Extensions()
    a.insert(key, 1)
    const b = new Extensions()
    b.insert(key, 2)
    b.insert(RemoteAddr, remote('::1'))
    a.extend(b)
    expect(a.get(key)).toBe(2)
    expect(a.get(RemoteAddr)?.ip).toBe('::1')
  })

  test('clone is independent and clear empties', () => {
    const key = Extensions.key<number>('n')
    const a = new Extensions()
    a.insert(key, 1)
    const copy = a.clone()
    copy.insert(key, 2)
    expect(a.get(key)).toBe(1)
    a.clear()
    expect(a.size).toBe(0)
    expect(copy.get(key)).toBe(2)
  })

  test('any sequence of inserts, removes, extends and clears agrees with a Map', () => {
    const keys = [0, 1, 2, 3, 4].map((i) => Extensions.key<number>(`k${String(i)}`))
    const op = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), key: fc.nat(4), value: fc.integer() }),
      fc.record({ kind: fc.constant('remove' as const), key: fc.nat(4) }),
      fc.record({ kind: fc.constant('extend' as const), from: fc.array(fc.nat(4)) }),
      fc.record({ kind: fc.constant('clear' as const) })
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        let ext = new Extensions()
        const model = new Map<number, number>()
        for (const o of ops) {
          if (o.kind === 'insert') {
            expect(ext.insert(keys[o.key]!, o.value)).toBe(model.get(o.key))
            model.set(o.key, o.value)
          } else if (o.kind === 'remove') {
            expect(ext.remove(keys[o.key]!)).toBe(model.get(o.key))
            model.delete(o.key)
          } else if (o.kind === 'extend') {
            const other = new Extensions()
            for (const k of o.from) other.insert(keys[k]!, 100 + k)
            for (const k of o.from) model.set(k, 100 + k)
            ext.extend(other)
            ext = ext.clone()
          } else {
            ext.clear()
            model.clear()
          }
          expect(ext.size).toBe(model.size)
          for (let k = 0; k < keys.length; k++) {
            expect(ext.has(keys[k]!)).toBe(model.has(k))
            expect(ext.get(keys[k]!)).toBe(model.get(k))
          }
        }
      })
    )
  })
})
