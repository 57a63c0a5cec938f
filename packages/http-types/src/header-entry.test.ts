import { InvalidHeaderName, InvalidHeaderValue } from './errors.js'
import { HeaderMap } from './header-map.js'

describe('HeaderMap.entry', () => {
  test('orInsert inserts only when vacant and returns the first value', () => {
    const h = new HeaderMap()
    expect(h.entry('Cache-Control').isOccupied).toBe(false)
    expect(h.entry('Cache-Control').orInsert('no-store')).toBe('no-store')
    expect(h.entry('cache-control').orInsert('max-age=1')).toBe('no-store')
    expect(h.getAll('cache-control')).toEqual(['no-store'])
    expect(h.rawName('cache-control')).toBe('Cache-Control')
  })

  test('orInsertWith calls the factory only when vacant', () => {
    const h = new HeaderMap({ date: 'then' })
    const make = jest.fn(() => 'now')
    expect(h.entry('date').orInsertWith(make)).toBe('then')
    expect(make).not.toHaveBeenCalled()
    expect(h.entry('x-date').orInsertWith(make)).toBe('now')
    expect(make).toHaveBeenCalledTimes(1)
  })

  test('get, getAll, append, insert and remove act on the entry’s name', () => {
    const h = new HeaderMap({ via: 'a' })
    const e = h.entry('Via')
    expect(e.name).toBe('Via')
    e.append('b')
    expect([e.get(), e.getAll(), e.isOccupied]).toEqual(['a', ['a', 'b'], true])
    expect(e.insert('c')).toBe('a')
    expect(h.getAll('via')).toEqual(['c'])
    expect(e.remove()).toBe('c')
    expect(e.isOccupied).toBe(false)
  })

  test('validates the name at once and the value on insertion', () => {
    const h = new HeaderMap()
    expect(() => h.entry('bad name')).toThrow(InvalidHeaderName)
    expect(() => h.entry('ok').orInsert('bad\nvalue')).toThrow(InvalidHeaderValue)
    expect(h.size).toBe(0)
  })
})
