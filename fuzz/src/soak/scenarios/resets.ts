/**
 * Clients that reset (RST) mid-request, mid-response and mid-pipeline. The server must stay up,
 * release every connection and fd, and go on answering.
 */
import { SoakClient, within } from '../client.js'
import { counterReaches, fmt, judged, openMany, released } from '../scenario.js'
import type { Scenario } from '../scenario.js'

const EACH = 200
const RELEASE_MS = 10_000

/**
 * @example
 * ```ts
 * await resets.run(ctx)
 * ```
 */
export const resets: Scenario = {
  name: `resets x ${EACH} mid-request, mid-response, mid-pipeline`,
  bound: `alive, every connection and fd released within ${RELEASE_MS / 1000} s, a new request answered`,
  dependsOn: null,
  options: {},
  servers: ['touche', 'node'],
  async run({ target }) {
    const fds = target.fdCount()
    const failures: string[] = []

    // Mid-request: a head announcing 1 MB and the first kilobyte, read by the handler.
    const uploads = await openMany(target.port, EACH, 100)
    const head = 'POST /body HTTP/1.1\r\nHost: soak\r\nContent-Length: 1000000\r\n\r\n'
    for (const c of uploads) c.send(head + 'x'.repeat(1000))
    if (!(await counterReaches(target, 'body-started', EACH, 10_000)))
      failures.push('not every upload reached its handler')
    for (const c of uploads) c.reset()

    // Mid-response: a 64 MiB download, reset after its first bytes.
    const downloads = await openMany(target.port, EACH, 100)
    await Promise.all(
      downloads.map(
        (c) =>
          new Promise<void>((resolve) => {
            c.socket.once('data', () => resolve())
            c.socket.once('close', () => resolve())
            c.send('GET /download?bytes=67108864 HTTP/1.1\r\nHost: soak\r\n\r\n')
          })
      )
    )
    for (const c of downloads) c.reset()

    // Mid-pipeline: ten requests at once, reset after three answers.
    const pipelines = await openMany(target.port, EACH, 100)
    await Promise.all(
      pipelines.map(async (c) => {
        c.send('GET /slow HTTP/1.1\r\nHost: soak\r\n\r\n'.repeat(10))
        for (let i = 0; i < 3; i++) await within(c.next(), 10_000)
        c.reset()
      })
    )

    const releaseMs = await released(target, fds, RELEASE_MS)
    if (releaseMs === null)
      failures.push(`connections or fds not released within ${RELEASE_MS / 1000} s`)
    const probe = await SoakClient.open(target.port)
    probe.send('GET /hello HTTP/1.1\r\nHost: soak\r\nConnection: close\r\n\r\n')
    const answer = await within(probe.next(), 5_000)
    probe.destroy()
    if (answer?.status !== 200) failures.push('a new request was not answered')
    if (target.exited !== null) failures.push(`the server exited (${target.exited})`)
    const stderr = target.takeStderr().trim()
    if (stderr !== '') failures.push(`stderr: ${stderr.slice(0, 300)}`)
    const errors = target.exited === null ? (await target.stats()).errors : {}
    const reported = Object.entries(errors)
      .map(([code, n]) => `${code.replace('ERR_SERVER_', '')} ${n}`)
      .join(', ')
    return judged(
      `${fmt(EACH * 3)} resets, released in ${releaseMs === null ? `> ${RELEASE_MS / 1000} s` : `${fmt(releaseMs)} ms`}` +
        `${reported === '' ? '' : `; onError: ${reported}`}`,
      failures
    )
  },
}
