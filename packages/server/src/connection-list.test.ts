import { ConnectionList } from './connection-list.js'

describe('ConnectionList', () => {
  it('keeps values in the order they were added, whichever are removed', () => {
    const list = new ConnectionList<string>()
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((v) => list.add(v))
    list.delete(b!)
    expect(list.toArray()).toEqual(['a', 'c', 'd'])
    list.delete(a!)
    list.delete(d!)
    expect(list.toArray()).toEqual(['c'])
    expect(list.size).toBe(1)
    list.delete(c!)
    expect(list.toArray()).toEqual([])
    expect(list.size).toBe(0)
    list.add('e')
    expect(list.toArray()).toEqual(['e'])
  })

  it('ignores a second removal of the same entry', () => {
    const list = new ConnectionList<number>()
    const one = list.add(1)
    list.add(2)
    list.delete(one)
    list.delete(one)
    expect(list.size).toBe(1)
    expect(list.toArray()).toEqual([2])
  })

  it('leaves a removed entry holding neither its value nor its neighbours', () => {
    const list = new ConnectionList<object>()
    list.add({})
    const middle = list.add({})
    list.add({})
    list.delete(middle)
    expect([middle.value, middle.prev, middle.next]).toEqual([null, null, null])
  })

  it('lets values be removed while a copy of them is walked', () => {
    const list = new ConnectionList<number>()
    const entries = [1, 2, 3].map((v) => list.add(v))
    const seen: number[] = []
    for (const v of list.toArray()) {
      seen.push(v)
      list.delete(entries[v - 1]!)
      if (v === 1) list.delete(entries[1]!)
    }
    expect(seen).toEqual([1, 2, 3])
    expect(list.size).toBe(0)
  })
})
