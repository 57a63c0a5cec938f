import { join } from 'node:path'
import { concat, text } from './bytes.js'
import { loadSeeds } from './corpus.js'
import { generateCase, splitAt } from './generate.js'
import { Rng } from './rng.js'

const seeds = loadSeeds(join(__dirname, '..', '..', 'packages', 'h1', 'test', 'fixtures'))

test('the seeds hold the fixtures and the benchmark messages', () => {
  expect(seeds.filter((s) => s.role === 'request').length).toBeGreaterThanOrEqual(60)
  expect(seeds.some((s) => s.role === 'response')).toBe(true)
  expect(seeds.map((s) => s.name)).toContain('builtin: browser GET')
})

test('a seed and a case number always give the same case', () => {
  for (const index of [0, 1, 77, 5_000]) {
    const a = generateCase(seeds, 42, index)
    const b = generateCase(seeds, 42, index)
    expect([a.label, a.pace, a.pieces.map(text)]).toEqual([b.label, b.pace, b.pieces.map(text)])
  }
})

test('different seeds give different cases', () => {
  const labels = new Set(Array.from({ length: 20 }, (_, s) => generateCase(seeds, s, 0).label))
  expect(labels.size).toBeGreaterThan(10)
})

test('cases cover every split strategy and both paces', () => {
  const labels = Array.from({ length: 400 }, (_, i) => generateCase(seeds, 1, i).label).join('\n')
  for (const split of ['whole', 'random', 'messages', 'bytes', 'lines', 'burst', 'tick']) {
    expect(labels).toContain(split)
  }
})

test('splitAt cuts at the given offsets and keeps every byte', () => {
  const stream = new TextEncoder().encode('abcdef')
  expect(splitAt(stream, [4, 1, 4, 0, 6]).map(text)).toEqual(['a', 'bcd', 'ef'])
  expect(text(concat(splitAt(stream, [3])))).toBe('abcdef')
  expect(splitAt(new Uint8Array(), [1]).map(text)).toEqual([''])
})

test('the generator is uniform enough', () => {
  const rng = new Rng(7)
  const counts = [0, 0, 0, 0]
  for (let i = 0; i < 4_000; i++) counts[rng.int(4)]!++
  for (const c of counts) expect(c).toBeGreaterThan(900)
  expect(new Rng(7).u32()).toBe(new Rng(7).u32())
})
