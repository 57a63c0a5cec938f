import { httpDate } from './date.js'

describe('httpDate', () => {
  it('formats an IMF-fixdate', () => {
    expect(httpDate(Date.UTC(1994, 10, 6, 8, 49, 37))).toBe('Sun, 06 Nov 1994 08:49:37 GMT')
  })

  it('caches the current date within a second', () => {
    const before = Date.now()
    const a = httpDate()
    const b = httpDate()
    expect(b).toBe(a)
    const parsed = Date.parse(a)
    expect(parsed).toBeGreaterThanOrEqual(before - (before % 1000))
    expect(parsed).toBeLessThanOrEqual(Date.now())
  })

  it('refreshes after the second boundary', async () => {
    const a = httpDate()
    const wait = 1000 - (Date.now() % 1000) + 5
    await new Promise((r) => setTimeout(r, wait))
    expect(httpDate()).not.toBe(a)
  })
})
