import type { TlsOptions } from 'node:tls'
import { Response, Server } from '../../src/index.js'
import type {
  Body,
  BodyInit,
  HeaderMap,
  Request,
  ServerError,
  ServerHandle,
  ServerOptionsInit,
  Service,
} from '../../src/index.js'
import { destroyClients } from './raw-client.js'

/** What the default service saw of a request. */
export interface Received {
  readonly method: string
  readonly uri: string
  readonly version: string
  readonly headers: HeaderMap
  readonly body: string
  readonly trailers: HeaderMap | null
}

/** A reply queued with `server.reply()`. */
export class ReplyBuilder {
  #status = 200
  #headers: [string, string][] = []
  #body: BodyInit = null

  status(code: number): this {
    this.#status = code
    return this
  }

  header(name: string, value: string): this {
    this.#headers.push([name, value])
    return this
  }

  body(body: BodyInit): this {
    this.#body = body
    return this
  }

  /** @internal */
  build(): Response<BodyInit> {
    const b = Response.builder().status(this.#status)
    for (const [n, v] of this.#headers) b.header(n, v)
    return b.body(this.#body)
  }
}

/** A running test server (hyper's `Serve`). */
export interface TestServer {
  readonly handle: ServerHandle
  readonly addr: { readonly port: number; readonly host: string }
  /** Errors that reached `onError`. */
  readonly errors: ServerError[]
  /** Queues the reply for the next request the default service handles. */
  reply(): ReplyBuilder
  /** The next request the default service received (with its body read). */
  received(): Promise<Received>
  close(): Promise<void>
}

const servers = new Set<ServerHandle>()

/**
 * Starts a server on 127.0.0.1:0. Without `service`, each request's body is read as text and
 * recorded, then answered with the next queued `reply()` (200 and an empty body if none).
 *
 * @example
 * ```ts
 * const server = await serve()
 * server.reply().status(201).header('x', 'y').body('hi')
 * ```
 */
export async function serve(
  init: { service?: Service; options?: ServerOptionsInit; tls?: TlsOptions } = {}
): Promise<TestServer> {
  const replies: ReplyBuilder[] = []
  const got: Received[] = []
  const waiters: ((r: Received) => void)[] = []
  const errors: ServerError[] = []
  const record = (r: Received): void => {
    const w = waiters.shift()
    if (w) w(r)
    else got.push(r)
  }
  const defaultService = async (req: Request<Body>): Promise<Response<BodyInit>> => {
    const body = await req.body.text()
    const trailers = await req.body.trailers()
    record({
      method: req.method.toString(),
      uri: req.uri.toString(),
      version: req.version.toString(),
      headers: req.headers,
      body,
      trailers,
    })
    return (replies.shift() ?? new ReplyBuilder()).build()
  }
  const builder = Server.builder().options({
    ...init.options,
    onError: (e) => {
      errors.push(e)
      init.options?.onError?.(e)
    },
  })
  if (init.tls) builder.bindTls('127.0.0.1:0', init.tls)
  else builder.bind('127.0.0.1:0')
  const handle = await builder.serve(init.service ?? defaultService)
  servers.add(handle)
  const { port } = handle.address
  return {
    handle,
    addr: { port, host: '127.0.0.1' },
    errors,
    reply() {
      const r = new ReplyBuilder()
      replies.push(r)
      return r
    },
    received() {
      const r = got.shift()
      if (r) return Promise.resolve(r)
      return new Promise((resolve) => waiters.push(resolve))
    },
    async close() {
      servers.delete(handle)
      await handle.close({ timeout: 100 })
    },
  }
}

/** Closes clients and servers left by a test (call in `afterEach`). */
export async function cleanup(): Promise<void> {
  destroyClients()
  const all = [...servers]
  servers.clear()
  await Promise.all(all.map((s) => s.close({ timeout: 0 })))
}

/**
 * Resolves once `done()` is true, checking after each turn of the event loop: for state that no
 * event reports (a count on the server, bytes a listener tallied). The test's own timeout bounds it.
 */
export function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => (done() ? resolve() : void setImmediate(check))
    check()
  })
}

/** A request head, with `host` added, from a method, target and extra lines. */
export function req(method: string, target: string, ...lines: string[]): string {
  return `${method} ${target} HTTP/1.1\r\nhost: test\r\n${lines.map((l) => l + '\r\n').join('')}\r\n`
}
