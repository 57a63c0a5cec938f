/**
 * Graceful shutdown under pipelined load: 50 connections keep 8 requests in flight each, and 10
 * more are in the middle of long streamed responses to clients that stopped reading (5 chunked,
 * 5 close-delimited to HTTP/1.0); then `close()`. Every handler that started must finish, and
 * the responses the deadline cuts must be visibly cut: a reset, or (chunked) a body that stops
 * before its last chunk. A close-delimited body ended by a clean FIN looks complete.
 */
import { connect } from 'node:net'
import { within } from '../client.js'
import type { SoakClient } from '../client.js'
import { fmt, judged, openMany } from '../scenario.js'
import type { Scenario } from '../scenario.js'

const CONNECTIONS = 50
const IN_FLIGHT = 8
const LOAD_MS = 2_000
const CLOSE_TIMEOUT_MS = 3_000
const REQUEST = 'GET /slow HTTP/1.1\r\nHost: soak\r\n\r\n'
const STREAMS = 5
/** Far more than the deadline lets through to a client that stopped reading. */
const STREAM_BYTES = 1024 * 1024 * 1024

/**
 * A long streamed response to a client that reads its first bytes and stops. Resolves, once
 * resumed and ended, with whether its truncation was visible: a reset, or a chunked body
 * without its last chunk.
 */
function stalledStream(
  port: number,
  version: '1.0' | '1.1',
  resume: Promise<void>
): Promise<boolean> {
  return new Promise((resolve) => {
    // Half-open, to tell a reset from a FIN: Node reports a reset that arrives behind unread
    // bytes as a plain end (libuv's POLLHUP short-circuit), but after a reset the socket is
    // closed, so a write then fails at once; after a FIN it goes through.
    const s = connect({ port, host: '127.0.0.1', allowHalfOpen: true })
    let tail = ''
    let reset = false
    s.on('error', (e: NodeJS.ErrnoException) => (reset ||= e.code === 'ECONNRESET'))
    s.on('end', () =>
      s.write('x', (error) => {
        reset ||= error != null
        s.destroy()
      })
    )
    s.once('data', () => {
      s.pause()
      void resume.then(() => s.resume())
    })
    s.on('data', (d: Buffer) => (tail = (tail + d.toString('latin1')).slice(-16)))
    s.once('close', () => resolve(reset || (version === '1.1' && !tail.endsWith('0\r\n\r\n'))))
    s.write(`GET /stream?bytes=${STREAM_BYTES} HTTP/${version}\r\nHost: soak\r\n\r\n`)
  })
}

interface ConnectionReport {
  responses: number
  afterClose: number
  /** A response came after one that said `Connection: close`. */
  afterCloseHeader: boolean
  end: string
  partial: number
}

async function drive(c: SoakClient, closing: () => boolean): Promise<ConnectionReport> {
  const report: ConnectionReport = {
    responses: 0,
    afterClose: 0,
    afterCloseHeader: false,
    end: '',
    partial: 0,
  }
  let saidClose = false
  c.send(REQUEST.repeat(IN_FLIGHT))
  for (;;) {
    const r = await within(c.next(), LOAD_MS + CLOSE_TIMEOUT_MS + 5_000)
    if (r === null) break
    report.responses++
    if (closing()) report.afterClose++
    if (saidClose) report.afterCloseHeader = true
    if (r.close) saidClose = true
    if (!closing() && !saidClose && c.socket.writable) c.send(REQUEST)
  }
  const { end, partial } = await c.ended
  report.end = end
  report.partial = partial
  return report
}

/**
 * @example
 * ```ts
 * await shutdown.run(ctx)
 * ```
 */
export const shutdown: Scenario = {
  name: `graceful shutdown, ${CONNECTIONS} x ${IN_FLIGHT} pipelined + ${STREAMS * 2} stalled streams`,
  bound: `close() within ${CLOSE_TIMEOUT_MS / 1000} s + 2 s; every started handler finished; no response after Connection: close; every truncation ends in a reset`,
  dependsOn: null,
  options: {},
  servers: ['touche', 'node'],
  async run({ target }) {
    let closing = false
    let resume = (): void => {}
    const resumed = new Promise<void>((r) => (resume = r))
    const streams = Promise.all([
      ...Array.from({ length: STREAMS }, () => stalledStream(target.port, '1.1', resumed)),
      ...Array.from({ length: STREAMS }, () => stalledStream(target.port, '1.0', resumed)),
    ])
    const clients = await openMany(target.port, CONNECTIONS, 50)
    const reports = Promise.all(clients.map((c) => drive(c, () => closing)))
    await new Promise((r) => setTimeout(r, LOAD_MS))
    closing = true
    const closeMs = await target.close(CLOSE_TIMEOUT_MS)
    resume()
    const visible = await streams
    const all = await reports
    const { counters } = await target.stats()
    const started = counters['slow-started'] ?? 0
    const finished = counters['slow-finished'] ?? 0
    const total = all.reduce((n, r) => n + r.responses, 0)
    const drained = all.reduce((n, r) => n + r.afterClose, 0)
    const resets = all.filter((r) => r.end === 'reset').length
    const hiddenCuts =
      all.filter((r) => r.partial > 0 && r.end !== 'reset').length +
      visible.filter((v) => !v).length
    const failures: string[] = []
    if (closeMs > CLOSE_TIMEOUT_MS + 2_000) failures.push(`close() took ${fmt(closeMs)} ms`)
    if (finished < started) failures.push(`${started - finished} started handlers never finished`)
    if (all.some((r) => r.afterCloseHeader))
      failures.push('a response came after Connection: close')
    if (hiddenCuts > 0)
      failures.push(`${hiddenCuts} connections cut a response short with a clean FIN`)
    return judged(
      `close() in ${fmt(closeMs)} ms; ${fmt(total)} responses, ${fmt(drained)} during shutdown; ` +
        `handlers ${fmt(finished)}/${fmt(started)} finished; ${resets} pipelines reset; ` +
        `streams cut at the deadline: ${visible.filter((v) => v).length} visibly, ${hiddenCuts} silently`,
      failures
    )
  },
}
