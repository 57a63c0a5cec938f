/** 10,000 idle keep-alive connections: memory per connection, none dropped, all released. */
import type { SoakClient } from '../client.js'
import { fmt, judged, openMany, released } from '../scenario.js'
import type { Scenario } from '../scenario.js'

const COUNT = 10_000
/** Memory per idle connection the server may use. */
const MAX_KIB_PER_CONNECTION = 16
/** How long the connections are held idle after the last one is open. */
const HOLD_MS = 3_000

/**
 * @example
 * ```ts
 * await idle.run(ctx)
 * ```
 */
export const idle: Scenario = {
  name: `idle keep-alive x ${fmt(COUNT)}`,
  bound: `< ${MAX_KIB_PER_CONNECTION} KiB per connection, none closed while idle, all released within 10 s`,
  dependsOn: null,
  options: { keepAliveTimeout: 120_000 },
  servers: ['touche', 'node'],
  async run({ target }) {
    const fds = target.fdCount()
    const before = target.memory()?.rssKiB ?? NaN
    const clients: SoakClient[] = await openMany(target.port, COUNT, 200)
    let closed = 0
    for (const c of clients) void c.ended.then(() => closed++)
    // One request each, so every connection has been through a whole exchange.
    for (let i = 0; i < clients.length; i += 500) {
      const slice = clients.slice(i, i + 500)
      for (const c of slice) c.send('GET /hello HTTP/1.1\r\nHost: soak\r\n\r\n')
      await Promise.all(slice.map((c) => c.next()))
    }
    await new Promise((r) => setTimeout(r, HOLD_MS))
    const after = target.memory()?.rssKiB ?? NaN
    const perConnection = (after - before) / COUNT
    const open = (await target.stats()).connections
    const closedWhileIdle = closed
    for (const c of clients) c.destroy()
    const releaseMs = await released(target, fds, 10_000)
    const failures: string[] = []
    if (!(perConnection < MAX_KIB_PER_CONNECTION))
      failures.push(`${perConnection.toFixed(2)} KiB per connection`)
    if (closedWhileIdle > 0) failures.push(`${closedWhileIdle} connections closed while idle`)
    if (releaseMs === null) failures.push('connections or fds not released within 10 s')
    return judged(
      `${fmt(open)} open, ${perConnection.toFixed(2)} KiB/conn (RSS ${fmt(before / 1024)} -> ${fmt(after / 1024)} MiB), ` +
        `released in ${releaseMs === null ? '> 10 s' : `${fmt(releaseMs)} ms`}`,
      failures
    )
  },
}
