/**
 * A large upload to a handler that reads slowly, and a large download to a client that reads
 * slowly: backpressure must hold the server's memory flat whatever the size.
 */
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { fmt, judged } from '../scenario.js'
import type { Scenario, SoakContext } from '../scenario.js'

const MiB = 1024 * 1024
/** The quick size, and the size `--full` asks for. */
const QUICK = 256 * MiB
const FULL = 2048 * MiB
/** How fast the slow side reads. */
const RATE = 128 * MiB
/** Peak resident memory the server may reach, whatever the size. */
const MAX_PEAK_MIB = 200
const CHUNK = Buffer.alloc(256 * 1024, 0x62)

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1' })
    s.once('connect', () => resolve(s))
    s.once('error', reject)
  })
}

/** Sends `size` bytes to a handler reading at {@link RATE}; resolves with the answer's text. */
async function upload(port: number, size: number): Promise<string> {
  const s = await open(port)
  let reply = ''
  s.on('data', (d: Buffer) => (reply += d.toString('latin1')))
  const closed = new Promise<void>((r) => s.once('close', () => r()))
  s.on('error', () => {})
  s.write(
    `POST /upload?rate=${RATE} HTTP/1.1\r\nHost: soak\r\nContent-Length: ${size}\r\nConnection: close\r\n\r\n`
  )
  for (let sent = 0; sent < size && !s.destroyed;) {
    const n = Math.min(CHUNK.length, size - sent)
    sent += n
    if (!s.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) {
      await new Promise<void>((r) => {
        const done = (): void => {
          s.off('drain', done)
          s.off('close', done)
          r()
        }
        s.on('drain', done)
        s.on('close', done)
      })
    }
  }
  await closed
  return reply
}

/** Reads a `size`-byte download at {@link RATE}; resolves with the body bytes received. */
async function download(port: number, size: number): Promise<number> {
  const s = await open(port)
  let received = 0
  const started = performance.now()
  s.on('error', () => {})
  s.on('data', (d: Buffer) => {
    received += d.length
    const ahead = started + (received / RATE) * 1000 - performance.now()
    if (ahead > 5) {
      s.pause()
      setTimeout(() => s.resume(), ahead)
    }
  })
  s.write(`GET /download?bytes=${size} HTTP/1.1\r\nHost: soak\r\nConnection: close\r\n\r\n`)
  await new Promise<void>((r) => s.once('close', () => r()))
  return received
}

/**
 * @example
 * ```ts
 * await bulk.run(ctx)
 * ```
 */
export const bulk: Scenario = {
  name: 'upload and download to slow readers',
  bound: `both complete; peak RSS < ${MAX_PEAK_MIB} MiB (256 MiB each way; 2 GiB with --full)`,
  dependsOn: null,
  options: {},
  servers: ['touche', 'node'],
  async run({ target, full }: SoakContext) {
    const size = full ? FULL : QUICK
    const before = target.memory()?.rssKiB ?? NaN
    const t0 = performance.now()
    const reply = await upload(target.port, size)
    const up = (performance.now() - t0) / 1000
    const t1 = performance.now()
    const got = await download(target.port, size)
    const down = (performance.now() - t1) / 1000
    const peak = (target.memory()?.peakKiB ?? NaN) / 1024
    const failures: string[] = []
    if (!reply.endsWith(`\r\n\r\n${size}`))
      failures.push(`upload answered ${JSON.stringify(reply.slice(0, 80))}`)
    if (got < size) failures.push(`download stopped after ${fmt(got / MiB)} MiB`)
    if (!(peak < MAX_PEAK_MIB)) failures.push(`peak RSS ${fmt(peak)} MiB`)
    return judged(
      `${fmt(size / MiB)} MiB up in ${up.toFixed(1)} s, down in ${down.toFixed(1)} s; ` +
        `RSS ${fmt(before / 1024)} MiB before, peak ${fmt(peak)} MiB`,
      failures
    )
  },
}
