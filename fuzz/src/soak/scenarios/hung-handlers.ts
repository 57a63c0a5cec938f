/**
 * Handlers that never settle, whose clients half-close (FIN after the request) or reset. The
 * connections must still be released within a bound, and each handler must learn that its
 * client is gone.
 */
import { counterReaches, fmt, judged, openMany, released } from '../scenario.js'
import type { Scenario } from '../scenario.js'

const EACH = 50
/** By default a half-closed connection with a hung handler is released within a minute. */
const RELEASE_MS = 65_000

/**
 * @example
 * ```ts
 * await hungHandlers.run(ctx)
 * ```
 */
export const hungHandlers: Scenario = {
  name: `hung handlers x ${EACH * 2}, clients half-close or reset`,
  bound: `every connection released within ${RELEASE_MS / 1000} s; every handler's client-gone signal fired`,
  dependsOn: null,
  options: {},
  servers: ['touche', 'node'],
  async run({ target }) {
    const fds = target.fdCount()
    const clients = await openMany(target.port, EACH * 2, 100)
    for (const c of clients) c.send('GET /hang HTTP/1.1\r\nHost: soak\r\n\r\n')
    const failures: string[] = []
    if (!(await counterReaches(target, 'hang-started', EACH * 2, 10_000)))
      failures.push('not every handler started')
    const started = performance.now()
    clients.slice(0, EACH).forEach((c) => c.socket.end())
    clients.slice(EACH).forEach((c) => c.reset())
    const releaseMs = await released(target, fds, RELEASE_MS)
    const { connections, counters } = await target.stats()
    const aborted = counters['hang-aborted'] ?? 0
    for (const c of clients) c.destroy()
    if (releaseMs === null) {
      failures.push(`${connections} connections still held after ${RELEASE_MS / 1000} s`)
    }
    if (aborted < EACH * 2)
      failures.push(`${aborted} of ${EACH * 2} handlers learned their client was gone`)
    const took =
      releaseMs === null
        ? `${connections} still held after ${fmt((performance.now() - started) / 1000)} s`
        : `released in ${fmt(releaseMs / 1000, 1)} s`
    return judged(`${took}; client-gone signal fired for ${aborted} of ${EACH * 2}`, failures)
  },
}
