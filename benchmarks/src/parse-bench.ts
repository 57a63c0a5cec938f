// The h1 request parser against llhttp (Node's own HTTP parser, through its binding), on the
// same messages, both producing the method, target, field pairs and body bytes. Prints a
// markdown table. Usage: node benchmarks/dist/parse-bench.js [--rounds N] [--round-ms MS]
import { Decoder, RequestParser } from '@touche/h1'
import type { ParsedRequest } from '@touche/h1'
import { PARSE_ENTRIES } from './parse-corpus.js'
import { LlhttpRequestParser } from './parse-llhttp.js'
import type { ParsedInfo } from './parse-llhttp.js'

/** Rounds per entry; each measures touche then llhttp for about `roundMs`. */
const DEFAULT_ROUNDS = 15
const DEFAULT_ROUND_MS = 100

/** What touche's side produced: the parsed head (its HeaderMap holds the field pairs) and the body. */
interface ToucheResult {
  head: ParsedRequest
  bodyBytes: number
  lastChunk: Uint8Array | null
}

/** touche's side: the head parser, then the body decoder for the framing it reported. */
class ToucheRequestParser {
  readonly #parser = new RequestParser()

  parse(message: Uint8Array): ToucheResult {
    const head = this.#parser.parse(message)
    if (head === null) throw new Error('touche: incomplete head')
    let bodyBytes = 0
    let lastChunk: Uint8Array | null = null
    if (head.body.kind !== 'none') {
      const decoder = Decoder.from(head.body)
      let rest = message.subarray(head.consumed)
      for (;;) {
        const step = decoder.decode(rest)
        if (step.data !== null) {
          bodyBytes += step.data.length
          lastChunk = step.data
        }
        if (step.done) break
        if (step.consumed === 0) throw new Error('touche: incomplete body')
        rest = rest.subarray(step.consumed)
      }
    }
    return { head, bodyBytes, lastChunk }
  }
}

/** touche's result in llhttp's shape, to check that both parsers saw the same message. */
function toInfo(result: ToucheResult): ParsedInfo {
  const headers: string[] = []
  result.head.headers.forEachRaw((value, name) => {
    headers.push(name, value)
  })
  const { head, bodyBytes, lastChunk } = result
  return { method: head.method.name, url: head.target, headers, bodyBytes, lastChunk }
}

function latin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}

function sameInfo(a: ParsedInfo, b: ParsedInfo): boolean {
  return (
    a.method === b.method &&
    a.url === b.url &&
    a.bodyBytes === b.bodyBytes &&
    a.headers.length === b.headers.length &&
    a.headers.every((v, i) => v === b.headers[i])
  )
}

/** Runs `fn` for about `ms` milliseconds; returns operations per second. */
function opsPerSecond(fn: () => unknown, ms: number): number {
  let n = 0
  let batch = 256
  const start = process.hrtime.bigint()
  const budget = BigInt(ms) * 1_000_000n
  let elapsed = 0n
  while (elapsed < budget) {
    for (let i = 0; i < batch; i++) fn()
    n += batch
    elapsed = process.hrtime.bigint() - start
    if (batch < 65536) batch *= 2
  }
  return (n * 1e9) / Number(elapsed)
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[s.length >> 1]!
}

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name)
  const v = i === -1 ? NaN : Number(process.argv[i + 1])
  return Number.isFinite(v) && v > 0 ? v : fallback
}

const rounds = flag('--rounds', DEFAULT_ROUNDS)
const roundMs = flag('--round-ms', DEFAULT_ROUND_MS)
const rows: string[] = []
for (const entry of PARSE_ENTRIES) {
  const message = latin1(entry.raw)
  const touche = new ToucheRequestParser()
  const llhttp = new LlhttpRequestParser()
  const mine = toInfo(touche.parse(message))
  const theirs = llhttp.parse(message)
  if (!sameInfo(mine, theirs)) {
    throw new Error(`${entry.name}: the parsers disagree: ${JSON.stringify([mine, theirs])}`)
  }
  const toucheOps: number[] = []
  const llhttpOps: number[] = []
  const ratios: number[] = []
  opsPerSecond(() => touche.parse(message), roundMs)
  opsPerSecond(() => llhttp.parse(message), roundMs)
  for (let r = 0; r < rounds; r++) {
    const t = opsPerSecond(() => touche.parse(message), roundMs)
    const l = opsPerSecond(() => llhttp.parse(message), roundMs)
    toucheOps.push(t)
    llhttpOps.push(l)
    ratios.push(t / l)
  }
  rows.push(
    `| ${entry.name} | ${message.length} | ${Math.round(median(toucheOps)).toLocaleString('en-US')} | ` +
      `${Math.round(median(llhttpOps)).toLocaleString('en-US')} | ${median(ratios).toFixed(2)}x |`
  )
}

console.log(
  [
    `Request parsing, ops/s (median of ${rounds} alternating rounds of ${roundMs} ms; Node ${process.version}).`,
    'Both sides produce the method, target, field name/value pairs and body bytes.',
    '',
    '| message | bytes | touche ops/s | llhttp ops/s | touche / llhttp |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n')
)
