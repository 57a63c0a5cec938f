import type * as DateModule from './date.js'

/** The module fresh for each test, so its cache starts empty under the fake clock. */
let httpDate: (typeof DateModule)['httpDate']

beforeEach(async () => {
  // 00:00:00.500 UTC: half a second before the next second boundary.
  jest.useFakeTimers({ now: Date.UTC(2026, 0, 1, 0, 0, 0, 500) })
  jest.resetModules()
  ;({ httpDate } = await import('./date.js'))
})

afterEach(() => {
  jest.useRealTimers()
})

describe('httpDate', () => {
  it('formats an IMF-fixdate', () => {
    expect(httpDate(Date.UTC(1994, 10, 6, 8, 49, 37))).toBe('Sun, 06 Nov 1994 08:49:37 GMT')
  })

  it('caches the current date within a second', () => {
    const a = httpDate()
    expect(a).toBe('Thu, 01 Jan 2026 00:00:00 GMT')
    jest.advanceTimersByTime(499)
    expect(httpDate()).toBe(a)
  })

  it('refreshes after the second boundary', () => {
    expect(httpDate()).toBe('Thu, 01 Jan 2026 00:00:00 GMT')
    jest.advanceTimersByTime(500)
    expect(httpDate()).toBe('Thu, 01 Jan 2026 00:00:01 GMT')
  })
})
