import { execFile, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

/** The repository root. */
export const ROOT = resolve(__dirname, '..', '..', '..', '..')

/** The pnpm the repository pins (`packageManager`), run through npx as the README does. */
const PNPM = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { packageManager: string }
).packageManager

/** A workspace package that is published: its directory and its package.json. */
export interface PublicPackage {
  readonly dir: string
  readonly name: string
  readonly version: string
  readonly hasExports: boolean
}

interface Manifest {
  name: string
  version: string
  private?: boolean
  exports?: unknown
  devDependencies?: Record<string, string>
}

/**
 * Every workspace package without `"private": true`: each one in `packages/`, and the examples.
 * A new package is picked up by being there.
 */
export function publicPackages(): PublicPackage[] {
  const dirs = [
    ...readdirSync(join(ROOT, 'packages')).map((d) => join(ROOT, 'packages', d)),
    join(ROOT, 'examples'),
  ]
  const found: PublicPackage[] = []
  for (const dir of dirs) {
    const file = join(dir, 'package.json')
    if (!existsSync(file)) continue
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as Manifest
    if (pkg.private === true) continue
    found.push({ dir, name: pkg.name, version: pkg.version, hasExports: pkg.exports !== undefined })
  }
  return found
}

/** The version of a root devDependency, so the scratch app uses what the workspace tests with. */
export function rootDevVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest
  const version = pkg.devDependencies?.[name]
  if (version === undefined) throw new Error(`${name} is not a root devDependency`)
  return version
}

/** What a finished command printed. */
export interface Ran {
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs a command to completion within `timeoutMs`, rejecting with its output when it fails.
 * `node` runs this process's own Node binary, so each Node version tests itself.
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv }
): Promise<Ran> {
  const file = command === 'node' ? process.execPath : command
  return new Promise((resolvePromise, reject) => {
    execFile(
      file,
      [...args],
      {
        cwd: options.cwd,
        timeout: options.timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
        env: options.env ?? process.env,
      },
      (error, stdout, stderr) => {
        if (error !== null) {
          const what = [command, ...args].join(' ')
          reject(new Error(`${what} failed: ${error.message}\n${stdout}\n${stderr}`))
        } else resolvePromise({ stdout, stderr })
      }
    )
  })
}

/** Packs `pkg` with pnpm (which rewrites `workspace:*` to versions) into `dest`; the tarball path. */
export async function pack(pkg: PublicPackage, dest: string, timeoutMs: number): Promise<string> {
  await run('npx', ['--yes', PNPM, 'pack', '--pack-destination', dest], { cwd: pkg.dir, timeoutMs })
  const file = `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`
  const path = join(dest, file)
  if (!existsSync(path)) throw new Error(`pnpm pack made no ${file}`)
  return path
}

/**
 * The files the source maps and declaration maps under `dir` point to that are not there: a
 * package must ship what its maps name, or no maps.
 */
export function missingMapSources(dir: string): string[] {
  const missing: string[] = []
  const walk = (at: string): void => {
    for (const entry of readdirSync(at)) {
      const path = join(at, entry)
      if (statSync(path).isDirectory()) walk(path)
      else if (entry.endsWith('.map')) {
        const map = JSON.parse(readFileSync(path, 'utf8')) as { sources: string[] }
        for (const source of map.sources) {
          const target = resolve(dirname(path), source)
          if (!existsSync(target)) missing.push(`${relative(dir, path)} -> ${source}`)
        }
      }
    }
  }
  walk(dir)
  return missing
}

/** A process started in the background, with its output so far. */
export interface Background {
  readonly child: ChildProcess
  output(): string
  /** Resolves with the first match of `pattern` in stdout, or rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>
  /** SIGTERM to the process group (npx and the server it started), SIGKILL after a bound. */
  stop(): Promise<void>
}

/** Starts `command args` in a process group of its own, so that stopping it stops its children. */
export function background(command: string, args: readonly string[], cwd: string): Background {
  const child = spawn(command, [...args], {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')))
  child.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')))
  const signal = (name: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, name)
    } catch {
      // The group is gone already.
    }
  }
  return {
    child,
    output: () => `stdout: ${out}\nstderr: ${err}`,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolvePromise, reject) => {
        const check = (): void => {
          const match = pattern.exec(out)
          if (match === null) return
          finish()
          resolvePromise(match)
        }
        const fail = (why: string): void => {
          finish()
          reject(new Error(`${command} ${args.join(' ')}: ${why}\nstdout: ${out}\nstderr: ${err}`))
        }
        const timer = setTimeout(() => fail(`no ${String(pattern)} in ${timeoutMs} ms`), timeoutMs)
        const onExit = (): void => fail('exited')
        const finish = (): void => {
          clearTimeout(timer)
          child.stdout?.off('data', check)
          child.off('exit', onExit)
        }
        child.stdout?.on('data', check)
        child.once('exit', onExit)
        check()
      })
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      signal('SIGTERM')
      const timer = setTimeout(() => signal('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}
