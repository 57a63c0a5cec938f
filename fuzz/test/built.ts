import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** The repository root. */
export const ROOT = resolve(__dirname, '..', '..')
/** The built target script that the harness forks. */
export const TARGET_SCRIPT = join(ROOT, 'fuzz', 'dist', 'targets', 'main.js')
/** The regression cases the replay test runs. */
export const REGRESSIONS_DIR = join(ROOT, 'fuzz', 'corpus', 'regressions')
/** The h1 fixtures, the fuzz seeds. */
export const FIXTURES_DIR = join(ROOT, 'packages', 'h1', 'test', 'fixtures')
/** Time allowed for `tsc -b fuzz`. */
export const BUILD_TIMEOUT_MS = 120_000

/**
 * Builds the harness (and the packages it uses) once per Jest run: the servers under test run
 * from `dist/` in child processes. The first worker builds under a lock directory, the others
 * wait for its stamp file.
 */
export async function ensureBuilt(): Promise<void> {
  // Jest's own pid: workers are forked children of it (and have an IPC channel); in band, it is us.
  const run = process.send === undefined ? process.pid : process.ppid
  const stamp = join(tmpdir(), `touche-fuzz-built-${run}`)
  const lock = `${stamp}.lock`
  const deadline = Date.now() + BUILD_TIMEOUT_MS
  while (!existsSync(stamp)) {
    try {
      mkdirSync(lock)
    } catch {
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${lock}`)
      await new Promise((r) => setTimeout(r, 100))
      continue
    }
    try {
      const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
      execFileSync(process.execPath, [tsc, '-b', 'fuzz'], { cwd: ROOT, stdio: 'pipe' })
      writeFileSync(stamp, '')
    } finally {
      rmdirSync(lock)
    }
  }
}
