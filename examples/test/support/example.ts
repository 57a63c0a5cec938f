import { execFile, execFileSync, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** The repository root. */
export const ROOT = resolve(__dirname, '..', '..', '..')
/** Time allowed for an example to print its `listening on` line. */
const STARTUP_TIMEOUT_MS = 10_000
/** Time allowed for an example to exit after SIGTERM before it gets SIGKILL. */
const STOP_TIMEOUT_MS = 5_000
/** Time allowed for `tsc -b examples`. */
export const BUILD_TIMEOUT_MS = 120_000

/**
 * Builds the examples (and the packages they use) once per jest run: the first worker builds
 * under a lock directory, the others wait for its stamp file.
 */
export async function ensureBuilt(): Promise<void> {
  // Jest's own pid: workers are forked children of it (and have an IPC channel); in band, it is us.
  const run = process.send === undefined ? process.pid : process.ppid
  const stamp = join(tmpdir(), `touche-examples-built-${run}`)
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
      execFileSync(process.execPath, [tsc, '-b', 'examples'], { cwd: ROOT, stdio: 'pipe' })
      writeFileSync(stamp, '')
    } finally {
      rmdirSync(lock)
    }
  }
}

/** A running example process. */
export interface RunningExample {
  /** What the example printed after `listening on `: `http://127.0.0.1:PORT` or `unix:PATH`. */
  readonly url: string
  readonly port: number
  readonly process: ChildProcess
  /** Everything written to stdout so far. */
  stdout(): string
  /** Resolves when stdout matches `pattern` (bounded by `timeoutMs`). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>
  /** SIGTERM, then the exit code (SIGKILL after a bound, which yields null). */
  stop(): Promise<number | null>
}

const running = new Set<RunningExample>()

/**
 * Where tests put scripts of their own that run like examples (beside `dist/`, so they resolve
 * the same packages, but outside the published files).
 */
export const TEST_BUILD_DIR = join(ROOT, 'examples', 'dist-test')

/**
 * Starts `node examples/dist/<name>.js --port 0 ...args` (or `script`) and waits for its
 * `listening on` line.
 */
export async function startExample(
  name: string,
  args: string[] = [],
  script = join(ROOT, 'examples', 'dist', `${name}.js`)
): Promise<RunningExample> {
  const child = spawn(process.execPath, [script, '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  const waiters = new Set<() => void>()
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8')
    for (const w of waiters) w()
  })
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')))
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))

  const waitForOutput = (pattern: RegExp, timeoutMs = STARTUP_TIMEOUT_MS) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(out)
        if (match === null) return
        done()
        resolve(match)
      }
      const timer = setTimeout(() => {
        done()
        reject(
          new Error(`${name}: no ${pattern} in ${timeoutMs} ms; stdout: ${out} stderr: ${err}`)
        )
      }, timeoutMs)
      const onExit = (): void => {
        done()
        reject(new Error(`${name} exited; stdout: ${out} stderr: ${err}`))
      }
      const done = (): void => {
        clearTimeout(timer)
        waiters.delete(check)
        child.off('exit', onExit)
      }
      waiters.add(check)
      child.once('exit', onExit)
      check()
    })

  const example: RunningExample = {
    url: '',
    port: 0,
    process: child,
    stdout: () => out,
    waitForOutput,
    async stop() {
      running.delete(example)
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
      child.kill('SIGTERM')
      const code = await exited
      clearTimeout(timer)
      return code
    },
  }
  running.add(example)
  try {
    const match = await waitForOutput(/^listening on (\S+)$/m)
    const url = match[1]!
    return Object.assign(example, { url, port: Number(/:(\d+)$/.exec(url)?.[1] ?? 0) })
  } catch (error) {
    await example.stop()
    throw error
  }
}

/** Stops every example still running; for afterEach/afterAll. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((e) => e.stop()))
}

/** The result of a finished curl. */
export interface CurlResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs `curl -sS --max-time 10 ...args` and resolves with its output, whatever its exit code.
 */
export function curl(args: string[]): Promise<CurlResult> {
  return new Promise((resolve) => {
    execFile(
      'curl',
      ['-sS', '--max-time', '10', ...args],
      { encoding: 'utf8', timeout: 15_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
        resolve({ code, stdout, stderr })
      }
    )
  })
}
