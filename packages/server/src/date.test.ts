import { httpDate } from './date.js'

describe('httpDate', () => {
  it('formats an IMF-fixdate', () => {
    expect(httpDate(Date.UTC(1994, 10, 6, 8, 49, 37))).toBe('Sun, 06 Nov 1994 08:49:37 GMT')
  })

  it('keeps the string within one second', () => {
    const t = Date.UTC(2024, 0, 1, 0, 0, 0)
    const a = httpDate(t + 10)
    expect(httpDate(t + 999)).toBe(a)
    expect(httpDate(t + 1000)).toBe('Mon, 01 Jan 2024 00:00:01 GMT')
  })

  it('recomputes when the clock goes backwards', () => {
    httpDate(Date.UTC(2030, 0, 1))
    expect(httpDate(Date.UTC(2020, 0, 1))).toBe('Wed, 01 Jan 2020 00:00:00 GMT')
  })
})
