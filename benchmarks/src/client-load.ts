// The client benchmark's load: one HTTP client implementation (`--impl touche|undici|node`)
// driving a server for `--seconds`. `--mode hello` keeps connections x pipelining requests in
// flight over a pool of `--connections` (each response read to the end) and counts responses;
// `--mode download` / `upload` moves `--bytes` per request on one connection, back to back.
// Prints one JSON line: { count, bytes, seconds, errors, peakKiB } (peakKiB: the client's peak RSS).
import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import type { IncomingMessage } from 'node:http'
import { parseArgs } from 'node:util'
import { Readable } from 'node:stream'
import { Body, Client } from '@touche/client'
import { Request } from '@touche/http-types'
import { Pool } from 'undici'

const { values } = parseArgs({
  options: {
    impl: { type: 'string', default: 'touche' },
    port: { type: 'string' },
    mode: { type: 'string', default: 'hello' },
    connections: { type: 'string', default: '50' },
    pipelining: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '10' },
    bytes: { type: 'string', default: String(1024 ** 3) },
  },
})
const origin = `http://127.0.0.1:${String(values.port)}`
const connections = Number(values.mode === 'hello' ? values.connections : 1)
const pipelining = Number(values.pipelining)
const total = Number(values.bytes)
const until = Date.now() + Number(values.seconds) * 1000
const CHUNK = new Uint8Array(64 * 1024).fill(0x78)

async function* uploadBody(): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < total; sent += CHUNK.length) {
    yield total - sent >= CHUNK.length ? CHUNK : CHUNK.subarray(0, total - sent)
  }
}

/** The upload server answers the byte count it read: it must be all of them. */
function received(answer: string): number {
  if (Number(answer) !== total)
    throw new Error(`the server read ${answer} of ${String(total)} bytes`)
  return total
}

/** One request of the mode; resolves with the bytes it moved (the request body's, for an upload). */
type Send = () => Promise<number>

function toucheClient(): { send: Send; close: () => Promise<void> } {
  const client = new Client({ maxConnectionsPerOrigin: connections, pipelining })
  const url = `${origin}${values.mode === 'download' ? `/download?bytes=${String(total)}` : '/'}`
  const send: Send = async () => {
    const res =
      values.mode === 'upload'
        ? await client.request(
            Request.post(`${origin}/upload`).body(Body.from(uploadBody(), { length: total }))
          )
        : await client.get(url)
    if (values.mode === 'upload') return received(await res.body.text())
    let n = 0
    if (values.mode === 'download') for await (const chunk of res.body) n += chunk.length
    else n = (await res.body.bytes()).length
    return n
  }
  return { send, close: () => client.close() }
}

function undiciPool(): { send: Send; close: () => Promise<void> } {
  const pool = new Pool(origin, { connections, pipelining })
  const path = values.mode === 'download' ? `/download?bytes=${String(total)}` : '/'
  const send: Send = async () => {
    const { body } =
      values.mode === 'upload'
        ? await pool.request({
            method: 'POST',
            path: '/upload',
            headers: { 'content-length': String(total) },
            body: Readable.from(uploadBody()),
          })
        : await pool.request({ method: 'GET', path })
    if (values.mode === 'upload') return received(await body.text())
    let n = 0
    if (values.mode === 'download') for await (const chunk of body) n += (chunk as Buffer).length
    else n = (await body.arrayBuffer()).byteLength
    return n
  }
  return { send, close: () => pool.close() }
}

function nodeAgent(): { send: Send; close: () => Promise<void> } {
  const agent = new HttpAgent({ keepAlive: true, maxSockets: connections })
  const upload = values.mode === 'upload'
  const path = values.mode === 'download' ? `/download?bytes=${String(total)}` : '/'
  const send: Send = () =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        `${origin}${upload ? '/upload' : path}`,
        upload
          ? { agent, method: 'POST', headers: { 'content-length': String(total) } }
          : { agent },
        (res: IncomingMessage) => {
          let n = 0
          let text = ''
          res.on('data', (chunk: Buffer) => {
            n += chunk.length
            if (upload) text += chunk.toString()
          })
          res.on('end', () => {
            try {
              resolve(upload ? received(text) : n)
            } catch (error) {
              reject(error)
            }
          })
          res.on('error', reject)
        }
      )
      req.on('error', reject)
      if (!upload) {
        req.end()
        return
      }
      void (async () => {
        for await (const chunk of uploadBody()) {
          if (!req.write(chunk)) await new Promise((r) => req.once('drain', r))
        }
        req.end()
      })()
    })
  return { send, close: async () => agent.destroy() }
}

const impls = { touche: toucheClient, undici: undiciPool, node: nodeAgent }
const make = impls[values.impl as keyof typeof impls]
if (make === undefined) throw new Error(`unknown --impl ${String(values.impl)}`)
const { send, close } = make()

let count = 0
let bytes = 0
let errors = 0
async function loop(): Promise<void> {
  while (Date.now() < until) {
    try {
      const n = await send() // not `bytes += await send()`: that reads `bytes` before the await
      bytes += n
      count++
    } catch {
      errors++
    }
  }
}

const started = performance.now()
const concurrency = values.mode === 'hello' ? connections * pipelining : 1
await Promise.all(Array.from({ length: concurrency }, loop))
const seconds = (performance.now() - started) / 1000
await close()
const peakKiB = process.resourceUsage().maxRSS
process.stdout.write(JSON.stringify({ count, bytes, seconds, errors, peakKiB }) + '\n')
