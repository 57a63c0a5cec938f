// pnpm example <name> [--port N] [--host H] [...]: builds the examples, then runs one of them.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, build, run } from './child.mjs'

/** Files in examples/src that are support code, not examples. */
const SUPPORT = new Set(['cli', 'cli-args'])

function exampleNames() {
  return readdirSync(join(ROOT, 'examples', 'src'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .filter((name) => !SUPPORT.has(name))
    .sort()
}

const [name, ...args] = process.argv.slice(2)
const names = exampleNames()
if (name === undefined || !names.includes(name)) {
  if (name !== undefined && name !== '--help' && name !== '-h') {
    process.stderr.write(`unknown example: ${name}\n`)
  }
  process.stderr.write(
    `usage: pnpm example <name> [--port N] [--host H]\n\nexamples:\n${names.map((n) => `  ${n}\n`).join('')}`
  )
  process.exit(name === undefined || name === '--help' || name === '-h' ? 0 : 2)
}

build('examples')
run(process.execPath, [join(ROOT, 'examples', 'dist', `${name}.js`), ...args])
