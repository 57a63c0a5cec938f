import { concat, latin1, text } from './bytes.js'
import { minimize } from './minimize.js'
import type { WireInput } from './minimize.js'

const input = (...pieces: string[]): WireInput => ({ pieces: pieces.map(latin1), pace: 'tick' })
const budget = { attempts: 1_000, ms: 10_000 }

test('shrinks to the bytes the failure needs, in one write', async () => {
  const fails = (i: WireInput): Promise<boolean> =>
    Promise.resolve(text(concat(i.pieces)).includes('\r\rX'))
  const small = await minimize(
    input('GET / HTTP/1.1\r\n', 'Host: a\r\rX\r\n\r\n', 'more'),
    fails,
    budget
  )
  expect([small.pieces.map(text), small.pace]).toEqual([['\r\rX'], 'burst'])
})

test('keeps the split when the failure needs it', async () => {
  // Fails only when "ab" and "cd" arrive in different writes.
  const fails = (i: WireInput): Promise<boolean> =>
    Promise.resolve(
      i.pieces.length > 1 &&
        text(concat(i.pieces)).includes('abcd') &&
        !i.pieces.some((p) => text(p).includes('abcd'))
    )
  const small = await minimize(input('xxab', 'cdyy'), fails, budget)
  expect(small.pieces.map(text)).toEqual(['ab', 'cd'])
})

test('drops whole requests of a pipeline', async () => {
  const bad = 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'
  const fails = (i: WireInput): Promise<boolean> =>
    Promise.resolve(text(concat(i.pieces)).includes('zz'))
  const small = await minimize(
    input('GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n' + bad),
    fails,
    budget
  )
  expect(text(concat(small.pieces))).toBe('zz')
})

test('stops at its budget', async () => {
  let calls = 0
  const fails = (): Promise<boolean> => {
    calls++
    return Promise.resolve(true)
  }
  await minimize(input('x'.repeat(1_000)), fails, { attempts: 5, ms: 10_000 })
  expect(calls).toBe(5)
})
