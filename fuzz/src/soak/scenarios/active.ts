/** 2,000 connections opened at once, each making requests back to back. */
import { SoakClient, percentile, within } from '../client.js'
import { fmt, judged } from '../scenario.js'
import type { Scenario } from '../scenario.js'

const CONNECTIONS = 2_000
const REQUESTS_EACH = 10
/** p99 request latency allowed on a busy two-core machine. */
const MAX_P99_MS = 2_000
/** p99 connect time allowed: a dropped SYN is retransmitted after 1 s, so this means none. */
const MAX_CONNECT_P99_MS = 1_000
/** A request not answered within this counts as an error. */
const REQUEST_TIMEOUT_MS = 10_000

/**
 * @example
 * ```ts
 * await active.run(ctx)
 * ```
 */
export const active: Scenario = {
  name: `active connections x ${fmt(CONNECTIONS)}`,
  bound: `every request answered, no connection error, p99 < ${fmt(MAX_P99_MS)} ms, connect p99 < ${fmt(MAX_CONNECT_P99_MS)} ms`,
  dependsOn: null,
  options: { backlog: 4_096 },
  servers: ['touche', 'node'],
  async run({ target }) {
    const latencies: number[] = []
    const connects: number[] = []
    let errors = 0
    let responses = 0
    const one = async (): Promise<void> => {
      const started = performance.now()
      let client: SoakClient
      try {
        client = await SoakClient.open(target.port)
      } catch {
        errors++
        return
      }
      connects.push(performance.now() - started)
      for (let i = 0; i < REQUESTS_EACH; i++) {
        const t0 = performance.now()
        client.send('GET /hello HTTP/1.1\r\nHost: soak\r\n\r\n')
        const r = await within(client.next(), REQUEST_TIMEOUT_MS)
        if (r === null || r.status !== 200) {
          errors += REQUESTS_EACH - i
          break
        }
        responses++
        latencies.push(performance.now() - t0)
      }
      client.destroy()
    }
    const t0 = performance.now()
    await Promise.all(Array.from({ length: CONNECTIONS }, one))
    const secs = (performance.now() - t0) / 1000
    const p99 = percentile(latencies, 99)
    const failures: string[] = []
    if (errors > 0) failures.push(`${fmt(errors)} requests failed`)
    if (!(p99 < MAX_P99_MS)) failures.push(`p99 ${fmt(p99)} ms`)
    const connectP99 = percentile(connects, 99)
    if (!(connectP99 < MAX_CONNECT_P99_MS)) failures.push(`connect p99 ${fmt(connectP99)} ms`)
    return judged(
      `${fmt(responses)} responses in ${secs.toFixed(1)} s, ${fmt(errors)} errors, p50 ${fmt(percentile(latencies, 50), 1)} ms, ` +
        `p99 ${fmt(p99, 1)} ms, connect p99 ${fmt(connectP99)} ms`,
      failures
    )
  },
}
