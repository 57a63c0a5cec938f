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
})
