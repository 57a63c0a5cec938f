import * as fc from 'fast-check'
import { HeaderMap } from './header-map.js'

describe('HeaderMap against a reference model', () => {
  type Op =
    | { op: 'append' | 'insert'; name: string; value: string }
    | { op: 'remove' | 'get'; name: string }
  const names = ['a', 'A', 'b', 'B', 'x-Y', 'X-y', '__proto__', 'constructor', 'c']
  const arbOp: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      op: fc.constantFrom('append' as const, 'insert' as const),
      name: fc.constantFrom(...names),
      value: fc.string({ maxLength: 3 }).map((s) => s.replace(/[^a-z0-9]/g, '')),
    }),
    fc.record({
      op: fc.constantFrom('remove' as const, 'get' as const),
      name: fc.constantFrom(...names),
    })
  )

  test.each([
    ['parsed', 0],
    ['parsed', 40],
    ['built', 0],
    ['built', 40],
  ] as const)(
    'random operations on a %s map agree with a list model (%i lines first)',
    (origin, prefill) => {
      fc.assert(
        fc.property(fc.array(arbOp, { maxLength: 60 }), (ops) => {
          const model: [string, string][] = []
          const flat: string[] = []
          for (let i = 0; i < prefill; i++) {
            model.push([`p${i}`, String(i)])
            flat.push(`P${i}`, String(i))
          }
          const h =
            origin === 'parsed'
              ? HeaderMap.fromRawUnchecked(flat)
              : new HeaderMap(HeaderMap.fromRawUnchecked(flat))
          for (const o of ops) {
            const k = o.name.toLowerCase()
            const first = model.find(([n]) => n === k)?.[1]
            if (o.op === 'append') {
              h.append(o.name, o.value)
              model.push([k, o.value])
            } else if (o.op === 'insert') {
              expect(h.insert(o.name, o.value)).toBe(first)
              const at = model.findIndex(([n]) => n === k)
              if (at < 0) model.push([k, o.value])
              else {
                model[at] = [k, o.value]
                for (let i = model.length - 1; i > at; i--)
                  if (model[i]![0] === k) model.splice(i, 1)
              }
            } else if (o.op === 'remove') {
              expect(h.remove(o.name)).toBe(first)
              for (let i = model.length - 1; i >= 0; i--) if (model[i]![0] === k) model.splice(i, 1)
            } else {
              expect(h.get(o.name)).toBe(first)
              expect(h.getAll(o.name)).toEqual(model.filter(([n]) => n === k).map(([, v]) => v))
            }
            expect(h.size).toBe(model.length)
          }
          expect([...h]).toEqual(model)
          expect(h.keysSize).toBe(new Set(model.map(([n]) => n)).size)
        })
      )
    }
  )
})
