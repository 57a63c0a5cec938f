import type { ServerHandle } from '@touche/server'
import type { FetchHandler, FetchServeOptions } from '../src/index.js'
import { serve } from '../src/index.js'

const handles = new Set<ServerHandle>()

/** Serves `fetch` on 127.0.0.1 at a free port; `url` is its origin. */
export async function start(
  fetch: FetchHandler,
  options: Omit<FetchServeOptions, 'fetch'> = {}
): Promise<{ handle: ServerHandle; url: string; port: number }> {
  const handle = await serve({ fetch, port: 0, hostname: '127.0.0.1', ...options })
  handles.add(handle)
  const port = handle.address.port
  return { handle, url: `http://127.0.0.1:${port}`, port }
}

/** Closes every server `start` made (for `afterEach`). */
export async function stopAll(): Promise<void> {
  const all = [...handles]
  handles.clear()
  await Promise.all(all.map((h) => h.close({ timeout: 0 })))
}
