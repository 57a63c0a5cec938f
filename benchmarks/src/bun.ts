// Where the Bun binary for the reference rows comes from: the `@oven/bun-linux-x64` package of
// the npm registry (the Bun binary itself), installed on first use into benchmarks/.cache so that
// a plain `pnpm install` never downloads it.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { arch, platform } from 'node:os'
import { fileURLToPath } from 'node:url'

/** The Bun release the reference rows are measured with. */
export const BUN_VERSION = '1.4.5'

const cache = fileURLToPath(new URL('../.cache/bun/', import.meta.url))
const binary = `${cache}node_modules/@oven/bun-linux-x64/bin/bun`

let found: string | null | undefined

/**
 * The path of a Bun binary (`$BUN` when set), installing the pinned one on first use; null when
 * there is none to be had (not Linux x64, or the install failed), with the reason logged.
 *
 * @example
 * const bun = bunBinary() // '/…/benchmarks/.cache/bun/node_modules/@oven/bun-linux-x64/bin/bun'
 */
export function bunBinary(log: (line: string) => void): string | null {
  if (found !== undefined) return found
  const fromEnv = process.env['BUN']
  if (fromEnv !== undefined && existsSync(fromEnv)) return (found = fromEnv)
  if (existsSync(binary)) return (found = binary)
  if (platform() !== 'linux' || arch() !== 'x64') {
    log(`bun: no binary for ${platform()} ${arch()}; set BUN=/path/to/bun for the Bun rows`)
    return (found = null)
  }
  log(`bun: installing @oven/bun-linux-x64@${BUN_VERSION} into benchmarks/.cache (once)`)
  const npm = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      cache,
      '--no-save',
      '--no-audit',
      '--no-fund',
      `@oven/bun-linux-x64@${BUN_VERSION}`,
    ],
    { encoding: 'utf8', timeout: 300_000 }
  )
  if (npm.status !== 0 || !existsSync(binary)) {
    log(`bun: install failed; the Bun rows are skipped: ${npm.stderr ?? ''}`)
    return (found = null)
  }
  return (found = binary)
}
