// A client, not a server: fetches a URL (default http://127.0.0.1:3000/, where the hello-world
// example listens) and prints the response as it arrived. `--count N` sends N requests at once,
// pipelined `--pipelining` deep on one kept-alive connection, and reports what came back.
// Try: npx pnpm@10.34.9 example client http://127.0.0.1:3000/ --count 100 --pipelining 10
import { parseArgs } from 'node:util'
import { Client, ClientError } from '@touche/touche'

const USAGE = 'usage: touche-example client [URL] [--count N] [--pipelining N]\n'

function positive(value: string, flag: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a whole number >= 1`)
  return n
}

let url: string
let count: number
let pipelining: number
try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      count: { type: 'string', default: '1' },
      pipelining: { type: 'string', default: '1' },
    },
  })
  url = positionals[0] ?? 'http://127.0.0.1:3000/'
  count = positive(values.count, '--count')
  pipelining = positive(values.pipelining, '--pipelining')
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}`)
  process.exit(2)
}

// One connection, so that --pipelining shows on the wire; `await using` closes it at the end.
await using client = new Client({ maxConnectionsPerOrigin: 1, pipelining })
try {
  if (count === 1) {
    const res = await client.get(url, { signal: AbortSignal.timeout(10_000) })
    let head = `HTTP/1.1 ${res.status.toString()} ${res.status.canonicalReason() ?? ''}\n`
    for (const [name, value] of res.headers) head += `${name}: ${value}\n`
    process.stdout.write(`${head}\n`)
    // The body streams: print each piece as it arrives.
    for await (const chunk of res.body) process.stdout.write(chunk)
    process.stdout.write('\n')
  } else {
    const started = performance.now()
    const statuses = await Promise.all(
      Array.from({ length: count }, async () => {
        const res = await client.get(url)
        await res.body.bytes() // read to the end, so the connection carries the next one
        return res.status.code
      })
    )
    const ms = (performance.now() - started).toFixed(1)
    const tally = new Map<number, number>()
    for (const s of statuses) tally.set(s, (tally.get(s) ?? 0) + 1)
    const summary = [...tally].map(([s, n]) => `${String(n)} x ${String(s)}`).join(', ')
    process.stdout.write(`${summary} in ${ms} ms (pipelining ${String(pipelining)})\n`)
  }
} catch (error) {
  // A ClientError has a stable code (ERR_CLIENT_CONNECT, ERR_CLIENT_HEADERS_TIMEOUT, ...).
  const code = error instanceof ClientError ? error.code : 'error'
  const cause =
    (error as Error).cause instanceof Error
      ? ` (${(error as Error & { cause: Error }).cause.message})`
      : ''
  process.stderr.write(`${code}: ${(error as Error).message}${cause}\n`)
  process.exitCode = 1
}
