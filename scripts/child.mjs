// Shared by example.mjs and bench.mjs: build a workspace project, then run a node script in a
// child process that receives our signals and whose exit code becomes ours.
import { spawn, spawnSync } from 'node:child_process'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (scripts/..). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Runs `tsc -b <project>` quietly. tsc -b checks timestamps, so an up-to-date tree costs about a
 * second. On failure, prints the compiler output and exits with its status.
 */
export function build(project) {
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc')
  const result = spawnSync(tsc, ['-b', project], { cwd: ROOT, encoding: 'utf8' })
  if (result.status === 0) return
  process.stderr.write(result.stdout + result.stderr)
  process.stderr.write(`build of ${project} failed (tsc -b exited ${result.status})\n`)
  process.exit(result.status ?? 1)
}

/**
 * Spawns `command ...args` with inherited stdio. SIGINT, SIGTERM and SIGHUP are passed on to the
 * child (which shuts down gracefully), and the child's exit code (128 + signal number when it died
 * of a signal) becomes this process's exit code.
 */
export function run(command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' })
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward)
  child.on('error', (err) => {
    process.stderr.write(`cannot start ${command}: ${err.message}\n`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (constants.signals[signal] ?? 0))
  })
}
