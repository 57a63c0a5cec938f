// Runs autocannon in this process (pinned to the generator core by the runner) and prints one
// JSON line of results. Bodies go through here rather than the autocannon CLI because a 1 MiB
// body does not fit in one argv string.
import { createRequire } from 'node:module'
import { parseArgs } from 'node:util'

interface AutocannonOptions {
  url: string
  connections: number
  pipelining: number
  duration: number
  method: string
  body?: Buffer
  headers?: Record<string, string>
}

interface AutocannonResult {
  requests: { average: number; total: number }
  throughput: { average: number }
  errors: number
  timeouts: number
  non2xx: number
}

type Autocannon = (opts: AutocannonOptions) => Promise<AutocannonResult>

const require = createRequire(import.meta.url)
const autocannon = require('autocannon') as Autocannon

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    connections: { type: 'string', default: '50' },
    pipelining: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    'body-bytes': { type: 'string', default: '0' },
    close: { type: 'boolean', default: false },
  },
})
const bodyBytes = Number(values['body-bytes'])
const opts: AutocannonOptions = {
  url: values.url ?? 'http://127.0.0.1/',
  connections: Number(values.connections),
  pipelining: Number(values.pipelining),
  duration: Number(values.duration),
  method: bodyBytes > 0 ? 'POST' : 'GET',
}
if (bodyBytes > 0) {
  opts.body = Buffer.alloc(bodyBytes, 'x')
  opts.headers = { 'content-type': 'application/octet-stream' }
}
if (values.close) opts.headers = { ...opts.headers, connection: 'close' }
const result = await autocannon(opts)
process.stdout.write(
  JSON.stringify({
    requestsPerSec: result.requests.average,
    bytesPerSec: result.throughput.average,
    errors: result.errors + result.timeouts + result.non2xx,
  }) + '\n'
)
