// pnpm fuzz / pnpm soak: builds the harness (tsc -b fuzz), then runs fuzz/dist/<fuzz|soak>-cli.js
// with the open-file limit raised as far as the hard limit allows (the soak scenarios hold
// thousands of connections, and Node cannot raise its own limit). The shell execs node, so the
// run's exit code is ours and signals reach it.
import { spawn, spawnSync } from 'node:child_process'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const WANTED_FDS = 65_536
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const [command, ...args] = process.argv.slice(2)
if (command !== 'fuzz' && command !== 'soak') {
  process.stderr.write('usage: node fuzz/run.mjs fuzz|soak [options]\n')
  process.exit(2)
}
if (!args.includes('--no-build')) {
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc')
  const built = spawnSync(tsc, ['-b', 'fuzz'], { cwd: ROOT, encoding: 'utf8' })
  if (built.status !== 0) {
    process.stderr.write(`${built.stdout}${built.stderr}build of fuzz failed\n`)
    process.exit(built.status ?? 1)
  }
}
const raiseLimit = `ulimit -n ${WANTED_FDS} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"`
const cli = join(ROOT, 'fuzz', 'dist', `${command}-cli.js`)
const child = spawn(
  'sh',
  ['-c', raiseLimit, process.execPath, cli, ...args.filter((a) => a !== '--no-build')],
  { cwd: ROOT, stdio: 'inherit' }
)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  })
}
child.on('error', (err) => {
  process.stderr.write(`cannot start ${command}: ${err.message}\n`)
  process.exit(1)
})
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)))
