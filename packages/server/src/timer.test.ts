import type * as TimerModule from './timer.js'
import type { TimerKind } from './timer.js'

/** The module fresh for each test, so its per-turn clock starts under the fake clock. */
let ConnectionTimer: (typeof TimerModule)['ConnectionTimer']

beforeEach(async () => {
  jest.useFakeTimers()
  jest.resetModules()
  ;({ ConnectionTimer } = await import('./timer.js'))
})

afterEach(() => {
  jest.useRealTimers()
})

/** A timer whose firings are recorded with the fake clock's time. */
function recorded(): { timer: InstanceType<typeof ConnectionTimer>; fired: [TimerKind, number][] } {
  const fired: [TimerKind, number][] = []
  const start = Date.now()
  const timer = new ConnectionTimer((k) => fired.push([k, Date.now() - start]))
  return { timer, fired }
}

describe('ConnectionTimer', () => {
  it('fires the armed kind after the delay, not before', () => {
    const { timer, fired } = recorded()
    timer.arm('header', 30)
    jest.advanceTimersByTime(29)
    expect(fired).toEqual([])
    jest.advanceTimersByTime(1)
    expect(fired).toEqual([['header', 30]])
  })

  it('fires the latest kind at its own deadline when re-armed later', () => {
    const { timer, fired } = recorded()
    timer.arm('idle', 10)
    timer.arm('body', 40)
    jest.advanceTimersByTime(39)
    expect(fired).toEqual([])
    jest.advanceTimersByTime(1)
    expect(fired).toEqual([['body', 40]])
  })

  it('moves a deadline later without creating a timer per arm', () => {
    const { timer, fired } = recorded()
    timer.arm('idle', 10)
    jest.advanceTimersByTime(5)
    timer.arm('idle', 10)
    expect(jest.getTimerCount()).toBeLessThanOrEqual(2)
    jest.advanceTimersByTime(20)
    expect(fired.length).toBe(1)
    expect(fired[0]![1]).toBeGreaterThanOrEqual(15)
  })

  it('fires early when re-armed sooner', () => {
    const { timer, fired } = recorded()
    timer.arm('idle', 10_000)
    timer.arm('header', 10)
    jest.advanceTimersByTime(10)
    expect(fired).toEqual([['header', 10]])
    timer.clear()
  })

  it('does not fire when disarmed', () => {
    const { timer, fired } = recorded()
    timer.arm('idle', 5)
    timer.disarm()
    jest.advanceTimersByTime(1_000)
    expect(fired).toEqual([])
    timer.clear()
  })

  it('ensure keeps a deadline that arm would move', () => {
    const { timer, fired } = recorded()
    timer.arm('header', 30)
    jest.advanceTimersByTime(20)
    timer.ensure('header', 30)
    jest.advanceTimersByTime(10)
    expect(fired.map(([k]) => k)).toEqual(['header'])
  })

  it('treats 0 as no timeout', () => {
    const timer = new ConnectionTimer(() => undefined)
    timer.arm('idle', 0)
    expect(timer.kind).toBeNull()
  })
})
