/**
 * The soak scenarios' service, on touche and on node:http, routed by path:
 *
 * | path                  | does                                                              |
 * | --------------------- | ----------------------------------------------------------------- |
 * | `/hello`              | answers `ok`                                                      |
 * | `/slow`               | answers `ok` after {@link SLOW_MS}                                |
 * | `/hang`               | never answers; counts whether it learns that its client is gone   |
 * | `/body`               | reads the whole body, answers its length                          |
 * | `/upload?rate=B`      | reads the body at most B bytes/s (a slow reader), answers its length |
 * | `/download?bytes=N`   | sends N bytes, produced as the client takes them                  |
 * | `/stream?bytes=N`     | the same without announcing the length (chunked; HTTP/1.0: until close) |
 *
 * Counters (`soakCounters`: `slow-started`, `slow-finished`, `hang-started`, `hang-aborted`,
 * `body-started`) go to the harness with the target's stats.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import { Body, Response } from '@touche/server'
import type { Request, Service } from '@touche/server'

/** How long `/slow` takes. */
export const SLOW_MS = 5
/** The chunk size of `/download`. */
const CHUNK = 64 * 1024
const FILL = new Uint8Array(CHUNK).fill(0x61)

/** Counted events, by name. */
export const soakCounters: Record<string, number> = {}

function count(name: string): void {
  soakCounters[name] = (soakCounters[name] ?? 0) + 1
}

/**
 * The signal that tells a handler its client is gone, where the server is expected to offer
 * one: on the request (`req.signal`) or among its extensions. Null when the server has none,
 * and the scenarios that need it report it missing.
 */
function clientGoneSignal(req: Request<Body>): AbortSignal | null {
  const own = (req as unknown as { signal?: unknown }).signal
  if (own instanceof AbortSignal) return own
  return req.extensions.get(AbortSignal) ?? null
}

/** Waits until `bytes` read over `started` keep to `rate` bytes/s. */
async function throttle(bytes: number, rate: number, started: number): Promise<void> {
  const due = started + (bytes / rate) * 1000
  const wait = due - performance.now()
  if (wait > 1) await delay(wait)
}

/**
 * The soak service on touche.
 *
 * @example
 * ```ts
 * await Server.bind('127.0.0.1:0').serve(toucheSoakService)
 * ```
 */
export const toucheSoakService: Service = async (req) => {
  const url = new URL(req.uri.toString(), 'http://soak')
  switch (url.pathname) {
    case '/slow':
      count('slow-started')
      await delay(SLOW_MS)
      count('slow-finished')
      return Response.builder().body('ok')
    case '/hang': {
      count('hang-started')
      const signal = clientGoneSignal(req)
      if (signal !== null)
        signal.addEventListener('abort', () => count('hang-aborted'), { once: true })
      return new Promise<never>(() => {})
    }
    case '/body':
    case '/upload': {
      count('body-started')
      const rate = Number(url.searchParams.get('rate') ?? Infinity)
      const started = performance.now()
      let n = 0
      for await (const chunk of req.body) {
        n += chunk.length
        if (rate !== Infinity) await throttle(n, rate, started)
      }
      return Response.builder().body(String(n))
    }
    case '/download':
    case '/stream': {
      const total = Number(url.searchParams.get('bytes') ?? 0)
      let sent = 0
      const stream = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            const n = Math.min(CHUNK, total - sent)
            if (n <= 0) return controller.close()
            controller.enqueue(n === CHUNK ? FILL : FILL.subarray(0, n))
            sent += n
          },
        },
        { highWaterMark: 0 }
      )
      const known = url.pathname === '/download' ? { length: total } : {}
      return Response.builder().body(Body.from(stream, known))
    }
    default:
      return Response.builder().body('ok')
  }
}

/**
 * The same service on node:http, written as a Node user would. `options.keepAliveTimeout` (ms)
 * is applied when given.
 *
 * @example
 * ```ts
 * nodeSoakServer({ keepAliveTimeout: 60_000 }).listen(0, '127.0.0.1')
 * ```
 */
export function nodeSoakServer(options: Readonly<Record<string, unknown>>): Server {
  const server = createServer((req, res) => {
    res.on('error', () => {})
    req.on('error', () => {})
    const url = new URL(req.url ?? '/', 'http://soak')
    switch (url.pathname) {
      case '/slow':
        count('slow-started')
        setTimeout(() => {
          count('slow-finished')
          res.end('ok')
        }, SLOW_MS)
        return
      case '/hang':
        count('hang-started')
        req.once('close', () => {
          if (!res.writableFinished) count('hang-aborted')
        })
        return
      case '/body':
      case '/upload':
        count('body-started')
        void readBody(req, Number(url.searchParams.get('rate') ?? Infinity)).then(
          (n) => res.end(String(n)),
          () => res.destroy()
        )
        return
      case '/download':
      case '/stream': {
        const total = Number(url.searchParams.get('bytes') ?? 0)
        if (url.pathname === '/download') res.setHeader('content-length', total)
        let sent = 0
        const pump = (): void => {
          while (sent < total) {
            const n = Math.min(CHUNK, total - sent)
            sent += n
            if (!res.write(n === CHUNK ? FILL : FILL.subarray(0, n)))
              return void res.once('drain', pump)
          }
          res.end()
        }
        pump()
        return
      }
      default:
        res.end('ok')
    }
  })
  if (typeof options['keepAliveTimeout'] === 'number')
    server.keepAliveTimeout = options['keepAliveTimeout']
  return server
}

async function readBody(req: IncomingMessage, rate: number): Promise<number> {
  const started = performance.now()
  let n = 0
  for await (const chunk of req) {
    n += (chunk as Buffer).length
    if (rate !== Infinity) await throttle(n, rate, started)
  }
  return n
}
