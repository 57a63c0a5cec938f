import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { latin1, text } from './bytes.js'
import { loadRegressions, saveRegression, signatureOf } from './regressions.js'

let dir = ''
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'touche-regressions-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

test('a saved case loads back with its writes and pace', () => {
  const input = { pieces: [latin1('GET / HT'), latin1('TP/1.1\r\n\r\n')], pace: 'gap' as const }
  const name = saveRegression(dir, input, {
    oracle: 'lost-response',
    check: 'server',
    detail: 'd',
    signature: signatureOf('lost-response', input),
    found: { seed: 1, case: 2, reproduced: '5/5' },
  })
  expect(readFileSync(join(dir, `${name}.bin`), 'latin1')).toBe('GET / HTTP/1.1\r\n\r\n')
  const [loaded] = loadRegressions(dir)
  expect(loaded?.name).toBe(name)
  expect(loaded?.input.pieces.map(text)).toEqual(['GET / HT', 'TP/1.1\r\n\r\n'])
  expect(loaded?.meta).toMatchObject({
    pace: 'gap',
    writes: [8, 10],
    escaped: 'GET / HTTP/1.1\\r\\n\\r\\n',
  })
})

test('the signature names the oracle, the frames and whether the split matters', () => {
  const one = {
    pieces: [latin1('GET / HTTP/1.1\r\nHost: a\r\n\r\nBAD\r\n\r\n')],
    pace: 'burst' as const,
  }
  expect(signatureOf('lost-response', one)).toBe('lost-response: message, bad-head')
  expect(signatureOf('hang', { pieces: [latin1('a'), latin1('b')], pace: 'tick' })).toBe(
    'hang: partial-head (tick, split)'
  )
})
