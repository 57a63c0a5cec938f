#!/usr/bin/env node
// touche-example <name> [--port N] [--host H]: runs one of the bundled examples, so the published
// package works through `npx touche-example hello-world`.
import { readdirSync, realpathSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Compiled files beside this one that are support code, not examples. */
const SUPPORT = new Set(['cli', 'cli-args'])

const here = dirname(realpathSync(process.argv[1] ?? '.'))
const names = readdirSync(here)
  .filter((f) => f.endsWith('.js'))
  .map((f) => f.slice(0, -3))
  .filter((n) => !SUPPORT.has(n))
  .sort()
const [name, ...rest] = process.argv.slice(2)

if (name === undefined || !names.includes(name)) {
  if (name !== undefined && name !== '--help') process.stderr.write(`unknown example: ${name}\n`)
  const list = names.map((n) => `  ${n}\n`).join('')
  process.stderr.write(`usage: touche-example <name> [--port N] [--host H]\n\nexamples:\n${list}`)
  process.exit(name === undefined || name === '--help' ? 0 : 2)
}

// The example parses process.argv like a script of its own.
const script = join(here, `${name}.js`)
process.argv = [process.argv[0] ?? 'node', script, ...rest]
await import(pathToFileURL(script).href)
