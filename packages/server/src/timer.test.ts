import { ConnectionTimer } from './timer.js'
import type { TimerKind } from './timer.js'

function fired(): { timer: ConnectionTimer; next: () => Promise<TimerKind> } {
  let resolve: ((k: TimerKind) => void) | null = null
  const timer = new ConnectionTimer((k) => resolve?.(k))
  return {
    timer,
    next: () => new Promise<TimerKind>((r) => (resolve = r)),
  }
}

describe('ConnectionTimer', () => {
  it('fires the armed kind after the delay', async () => {
    const { timer, next } = fired()
    const start = performance.now()
    const p = next()
    timer.arm('header', 30)
    expect(await p).toBe('header')
    expect(performance.now() - start).toBeGreaterThanOrEqual(25)
  })

  it('fires the latest kind when re-armed later', async () => {
    const { timer, next } = fired()
    const p = next()
    timer.arm('idle', 10)
    timer.arm('body', 40)
    const start = performance.now()
    expect(await p).toBe('body')
    expect(performance.now() - start).toBeGreaterThanOrEqual(30)
  })

  it('fires early when re-armed sooner', async () => {
    const { timer, next } = fired()
    const p = next()
    timer.arm('idle', 10_000)
    timer.arm('header', 10)
    expect(await p).toBe('header')
    timer.clear()
  })

  it('does not fire when disarmed', async () => {
    const kinds: TimerKind[] = []
    const timer = new ConnectionTimer((k) => kinds.push(k))
    timer.arm('idle', 5)
    timer.disarm()
    await new Promise((r) => setTimeout(r, 30))
    expect(kinds).toEqual([])
    timer.clear()
  })

  it('treats 0 as no timeout', () => {
    const timer = new ConnectionTimer(() => undefined)
    timer.arm('idle', 0)
    expect(timer.kind).toBeNull()
  })
})
