// The glue every example shares: command-line flags, binding, the `listening on` line and a
// graceful shutdown on SIGINT/SIGTERM. Kept apart so each example shows only its own idea.
import type { TlsOptions } from 'node:tls'
import { parseArgs } from 'node:util'
import { Server } from '@touche/touche'
import type { MakeService, Service, ServerBuilder, ServerHandle } from '@touche/touche'

/** Time in-flight requests get to finish after SIGINT/SIGTERM before connections are cut. */
const SHUTDOWN_TIMEOUT_MS = 5_000

/** Flags every example understands. */
export interface ExampleArgs {
  /** `--host H`, default 127.0.0.1. */
  readonly host: string
  /** `--port N`, default 3000; 0 picks a free port. */
  readonly port: number
  /** `--socket PATH`: serve on a Unix domain socket instead of TCP. */
  readonly socket: string | undefined
  /** `--file PATH`, for the examples that serve a file. */
  readonly file: string | undefined
}

const USAGE = 'options: [--host H] [--port N] [--socket PATH] [--file PATH]\n'

/**
 * Parses the example's flags; prints usage and exits 2 on an unknown flag.
 *
 * @example
 * const { port } = exampleArgs(['--port', '0'])
 */
export function exampleArgs(argv: readonly string[] = process.argv.slice(2)): ExampleArgs {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '3000' },
        socket: { type: 'string' },
        file: { type: 'string' },
      },
    })
    const port = Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port ${port}`)
    return { host: values.host, port, socket: values.socket, file: values.file }
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`)
    process.exit(2)
  }
}

/** What {@link serveExample} may add to plain TCP serving. */
export interface ServeExampleOptions {
  /** Serve HTTPS with this key and certificate. */
  readonly tls?: TlsOptions
  /** Parsed flags, when the example needed them first. */
  readonly args?: ExampleArgs
  /** Called when shutdown starts, to end responses that would otherwise never finish. */
  readonly onClose?: () => void
}

/** A service for every connection, or a factory making one per connection. */
export type ExampleService = Service | { readonly makeService: MakeService }

/**
 * Binds per the flags, serves `service`, prints `listening on URL` once connections are accepted,
 * and closes gracefully on SIGINT or SIGTERM (a second signal while closing is ignored; the close
 * timeout bounds the wait).
 *
 * @example
 * await serveExample(() => Response.builder().body('Hello World'))
 */
export function serveExample(
  service: ExampleService,
  options: ServeExampleOptions = {}
): Promise<ServerHandle> {
  return startExample(
    (bound) =>
      'makeService' in service ? bound.makeService(service.makeService) : bound.serve(service),
    options
  )
}

/**
 * As {@link serveExample}, for a server without a handler whose requests the example takes from
 * `server.incoming()`.
 *
 * @example
 * const server = await listenExample()
 * for await (const request of server.incoming()) request.respond(Response.builder().body('hi'))
 */
export function listenExample(options: ServeExampleOptions = {}): Promise<ServerHandle> {
  return startExample((bound) => bound.listen(), options)
}

async function startExample(
  start: (bound: ServerBuilder) => Promise<ServerHandle>,
  options: ServeExampleOptions
): Promise<ServerHandle> {
  const args = options.args ?? exampleArgs()
  const builder = Server.builder()
  const host = args.host.includes(':') ? `[${args.host}]` : args.host
  const bound =
    args.socket !== undefined
      ? builder.bindUnix(args.socket)
      : options.tls !== undefined
        ? builder.bindTls(`${host}:${args.port}`, options.tls)
        : builder.bind(`${host}:${args.port}`)
  // Signal handlers go in before the `listening on` line: whoever reads that line may signal
  // at once, and an unhandled SIGTERM would kill the process instead of closing it.
  let handle: ServerHandle | undefined = undefined
  let closing = false
  const shutdown = (): void => {
    if (closing) return
    closing = true
    options.onClose?.()
    const closed = handle?.close({ timeout: SHUTDOWN_TIMEOUT_MS }) ?? Promise.resolve()
    closed.then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown: ${String(error)}\n`)
        process.exit(1)
      }
    )
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)

  try {
    handle = await start(bound)
  } catch (error) {
    process.stderr.write(`error: ${listenError(error, args)}\n`)
    process.exit(1)
  }
  process.stdout.write(`listening on ${urlOf(handle, options.tls !== undefined)}\n`)
  return handle
}

/** One line saying why listening failed, and what to try. */
function listenError(error: unknown, args: ExampleArgs): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? ''
  const where = args.socket !== undefined ? args.socket : `${args.host}:${args.port}`
  switch (code) {
    case 'EADDRINUSE':
      return args.socket !== undefined
        ? `${where} is in use (EADDRINUSE); try another --socket`
        : `port ${args.port} is in use (EADDRINUSE); try --port 0 for a free one`
    case 'EACCES':
      return `no permission to listen on ${where} (EACCES); try a port above 1023`
    case 'EADDRNOTAVAIL':
      return `${args.host} is not an address of this machine (EADDRNOTAVAIL); try --host 127.0.0.1`
    default:
      return `cannot listen on ${where}: ${error instanceof Error ? error.message : String(error)}`
  }
}

function urlOf(handle: ServerHandle, tls: boolean): string {
  const address = handle.address
  if (address.path !== undefined) return `unix:${address.path}`
  const host = address.host.includes(':') ? `[${address.host}]` : address.host
  return `${tls ? 'https' : 'http'}://${host}:${address.port}`
}
