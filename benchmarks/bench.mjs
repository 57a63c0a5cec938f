// pnpm bench [--duration S] [--rounds N] [--only a,b] [...]: builds the benchmarks, then runs them.
// The runner is benchmarks/dist/run.js; `pnpm bench --help` lists its flags.
import { spawn, spawnSync } from 'node:child_process'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Open files wanted: 10,000 idle connections plus the generator's and the runtime's own. */
const WANTED_FDS = 20_480
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

const args = process.argv.slice(2)
if (!args.includes('--no-build')) {
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc')
  const built = spawnSync(tsc, ['-b', 'benchmarks'], { cwd: ROOT, encoding: 'utf8' })
  if (built.status !== 0) {
    process.stderr.write(`${built.stdout}${built.stderr}build of benchmarks failed\n`)
    process.exit(built.status ?? 1)
  }
}

// Node cannot raise its own RLIMIT_NOFILE, so the runner is started from a shell that raises the
// soft limit as far as the hard limit allows; every server and client inherits it. The shell
// execs node, so signals passed on to the child reach the runner itself, and the runner's exit
// code (128 + signal number when a signal ended it) becomes ours.
const raiseLimit = `ulimit -n ${WANTED_FDS} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"`
const runner = join(ROOT, 'benchmarks', 'dist', 'run.js')
const child = spawn(
  'sh',
  ['-c', raiseLimit, process.execPath, runner, ...args.filter((a) => a !== '--no-build')],
  { cwd: ROOT, stdio: 'inherit' }
)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  })
}
child.on('error', (err) => {
  process.stderr.write(`cannot start the benchmark runner: ${err.message}\n`)
  process.exit(1)
})
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)))
