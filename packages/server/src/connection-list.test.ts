import { ConnectionList } from './connection-list.js'

interface Named {
  readonly name: string
}

/** The names of the values in `list`, in its order. */
function names(list: ConnectionList<Named>): string[] {
  return list.toArray().map((v) => v.name)
}

describe('ConnectionList', () => {
  it('keeps values in the order they were added, whichever are removed', () => {
    const list = new ConnectionList<Named>()
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => list.add({ name }))
    list.delete(b!)
    expect(names(list)).toEqual(['a', 'c', 'd'])
    list.delete(a!)
    list.delete(d!)
    expect(names(list)).toEqual(['c'])
    expect(list.size).toBe(1)
    list.delete(c!)
    expect(names(list)).toEqual([])
    expect(list.size).toBe(0)
    list.add({ name: 'e' })
    expect(names(list)).toEqual(['e'])
  })

  it('ignores a second removal of the same entry', () => {
    const list = new ConnectionList<Named>()
    const one = list.add({ name: '1' })
    list.add({ name: '2' })
    list.delete(one)
    list.delete(one)
    expect(list.size).toBe(1)
    expect(names(list)).toEqual(['2'])
  })

  it('leaves a removed entry holding neither its value nor its neighbours', () => {
    const list = new ConnectionList<Named>()
    list.add({ name: 'a' })
    const middle = list.add({ name: 'b' })
    list.add({ name: 'c' })
    list.delete(middle)
    expect([middle.value, middle.prev, middle.next]).toEqual([null, null, null])
  })

  it('gives a snapshot that still holds the values removed while it is walked', () => {
    const list = new ConnectionList<Named>()
    const entries = ['1', '2', '3'].map((name) => list.add({ name }))
    const seen: string[] = []
    for (const v of list.toArray()) {
      seen.push(v.name)
      list.delete(entries[Number(v.name) - 1]!)
      if (v.name === '1') list.delete(entries[1]!)
    }
    expect(seen).toEqual(['1', '2', '3'])
    expect(list.size).toBe(0)
  })
})
