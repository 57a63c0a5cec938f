// pnpm bench [--duration S] [--rounds N] [--only a,b] [...]: builds the benchmarks, then runs them.
// The runner is benchmarks/dist/run.js; `pnpm bench --help` lists its flags.
import { join } from 'node:path'
import { ROOT, build, run } from './child.mjs'

/** Open files wanted: 10,000 idle connections plus the generator's and the runtime's own. */
const WANTED_FDS = 20_480

const args = process.argv.slice(2)
if (!args.includes('--no-build')) build('benchmarks')

// Node cannot raise its own RLIMIT_NOFILE, so the runner is started from a shell that raises the
// soft limit as far as the hard limit allows; every server and client inherits it. The shell
// execs node, so signals sent to the child reach the runner itself.
const raiseLimit = `ulimit -n ${WANTED_FDS} 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"`
run('sh', [
  '-c',
  raiseLimit,
  process.execPath,
  join(ROOT, 'benchmarks', 'dist', 'run.js'),
  ...args.filter((a) => a !== '--no-build'),
])
