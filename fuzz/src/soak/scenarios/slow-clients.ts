/**
 * 500 clients trickling a request head, or a request body, a byte at a time; a normal client
 * beside them. The server must cut each one off in time (and answer 408) while the normal
 * client keeps its latency.
 */
import { NormalClient, percentile } from '../client.js'
import type { SoakClient } from '../client.js'
import { fmt, judged, openMany } from '../scenario.js'
import type { Scenario, SoakContext, SoakResult } from '../scenario.js'

const CLIENTS = 500
/** The normal client's p99 latency allowed meanwhile. */
const MAX_NORMAL_P99_MS = 1_000

interface Trickle {
  readonly name: string
  /** What each slow client sends at once. */
  readonly opening: string
  /** One byte every this many ms after it. */
  readonly everyMs: number
  /** touche must cut every client off within this. */
  readonly cutOffMs: number
  /** The scenario stops waiting here (the reference may take longer; then it says so). */
  readonly capMs: number
  readonly dependsOn: string | null
}

function trickle(t: Trickle): Scenario {
  return {
    name: `${t.name} x ${CLIENTS}`,
    bound: `all cut off with 408 within ${t.cutOffMs / 1000} s; normal client p99 < ${fmt(MAX_NORMAL_P99_MS)} ms, no failures`,
    dependsOn: t.dependsOn,
    options: {},
    servers: ['touche', 'node'],
    run: (ctx) => runTrickle(ctx, t),
  }
}

async function runTrickle({ target }: SoakContext, t: Trickle): Promise<SoakResult> {
  const normal = await NormalClient.start(target.port, 100)
  const started = performance.now()
  const clients: SoakClient[] = await openMany(target.port, CLIENTS, 100)
  const cutAt: number[] = []
  let answered408 = 0
  for (const c of clients) {
    c.send(t.opening)
    void c.next().then((r) => r?.status === 408 && answered408++)
    void c.ended.then(() => cutAt.push(performance.now() - started))
  }
  const timer = setInterval(() => {
    for (const c of clients) if (!c.socket.destroyed && c.socket.writable) c.send('a')
  }, t.everyMs)
  const deadline = started + t.capMs
  while (cutAt.length < CLIENTS && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250))
  }
  clearInterval(timer)
  // Taken before the clients are destroyed, which ends the rest.
  const cut = [...cutAt]
  const got408 = answered408
  const open = CLIENTS - cut.length
  for (const c of clients) c.destroy()
  const { latencies, failures: normalFailures } = await normal.stop()
  const last = cut.length === 0 ? NaN : Math.max(...cut)
  const p99 = percentile(latencies, 99)
  const failures: string[] = []
  if (open > 0) failures.push(`${open} of ${CLIENTS} still connected after ${t.capMs / 1000} s`)
  else if (last > t.cutOffMs) failures.push(`the last cut off after ${fmt(last / 1000, 1)} s`)
  if (got408 < cut.length) failures.push(`${cut.length - got408} cut off without a 408`)
  if (!(p99 < MAX_NORMAL_P99_MS)) failures.push(`normal client p99 ${fmt(p99)} ms`)
  if (normalFailures > 0) failures.push(`${normalFailures} normal requests failed`)
  const when =
    open > 0
      ? `${cut.length} of ${CLIENTS} cut off in ${t.capMs / 1000} s`
      : `all cut off after ${fmt(percentile(cut, 50) / 1000, 1)} s (median) to ${fmt(last / 1000, 1)} s`
  return judged(
    `${when}, ${got408} got 408; normal client: ${latencies.length} requests, p99 ${fmt(p99, 1)} ms, ${normalFailures} failed`,
    failures
  )
}

/**
 * Heads trickled a byte a second: `headerReadTimeout` (30 s by default) must cut them off.
 *
 * @example
 * ```ts
 * await slowHead.run(ctx)
 * ```
 */
export const slowHead: Scenario = trickle({
  name: 'slow head',
  opening: 'GET /hello HTTP/1.1\r\nHost: soak\r\nX-Slow: ',
  everyMs: 1_000,
  cutOffMs: 35_000,
  capMs: 95_000,
  dependsOn: null,
})

/**
 * Bodies trickled a byte every 2 s, under a head that announced 100 kB: a minimum body rate
 * must cut them off within a minute by default.
 *
 * @example
 * ```ts
 * await slowBody.run(ctx)
 * ```
 */
export const slowBody: Scenario = trickle({
  name: 'slow body',
  opening: 'POST /body HTTP/1.1\r\nHost: soak\r\nContent-Length: 100000\r\n\r\n',
  everyMs: 2_000,
  cutOffMs: 65_000,
  capMs: 75_000,
  dependsOn: null,
})
