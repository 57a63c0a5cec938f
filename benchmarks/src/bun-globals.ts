// The little of Bun's global API the Bun reference servers use, typed here because this
// package is type-checked for Node.

/** `Bun.serve`'s options and server, as far as the benchmarks use them. */
export interface BunRuntime {
  serve(options: {
    port: number
    hostname: string
    fetch: (request: Request) => Response | Promise<Response>
  }): { port: number; hostname: string }
}

/**
 * The `Bun` global; throws when the script does not run on Bun.
 *
 * @example
 * bun().serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('hi') })
 */
export function bun(): BunRuntime {
  const runtime = (globalThis as { Bun?: BunRuntime }).Bun
  if (runtime === undefined) throw new Error('this server runs on Bun')
  return runtime
}
