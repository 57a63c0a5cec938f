// Child processes of the runner: servers pinned to one core, load generators to another. The
// runner only ever signals PIDs it spawned itself.
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'

/** Core for the server under test. */
export const SERVER_CORE = 0
/** Core for the load generator. */
export const GENERATOR_CORE = 1
/** How long a server may take to print its `listening on` line. */
const STARTUP_TIMEOUT_MS = 10_000
/** How long a server may take to exit after SIGTERM before it gets SIGKILL. */
const STOP_TIMEOUT_MS = 3_000

/** Children alive right now, so an interrupted run can stop exactly what it started. */
const live = new Set<ChildProcess>()

/**
 * Remembers a spawned child until it exits, for {@link stopAll}.
 *
 * @example
 * const child = track(spawn(command, args))
 */
export function track<C extends ChildProcess>(child: C): C {
  live.add(child)
  child.once('exit', () => live.delete(child))
  return child
}

/**
 * Stops every child the runner started and has not seen exit.
 *
 * @example
 * process.once('SIGINT', () => void stopAll().then(() => process.exit(130)))
 */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map(stop))
}

/** True when `taskset` exists and there are two cores to pin to. */
export const canPin =
  availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0

/**
 * Prefixes a command with `taskset -c <core>` when pinning is possible. taskset execs the command,
 * so the spawned PID is the command's own.
 *
 * @example
 * spawn(...pinned(0, process.execPath, ['server.js']))
 */
export function pinned(core: number, command: string, args: string[]): [string, string[]] {
  return canPin ? ['taskset', ['-c', String(core), command, ...args]] : [command, args]
}

/** A server process started by the runner. */
export interface ServerProcess {
  readonly pid: number
  readonly port: number
  /** Sends SIGTERM, then SIGKILL if it lingers; resolves once it has exited. */
  stop(): Promise<void>
}

/**
 * Starts `node <script> --port 0 ...args` (or another `runtime`, such as Bun) on the server core
 * and waits for its
 * `listening on http://HOST:PORT` line.
 *
 * @example
 * const server = await startServer('benchmarks/dist/node-hello.js', [])
 */
export async function startServer(
  script: string,
  args: string[],
  runtime: string = process.execPath
): Promise<ServerProcess> {
  const [command, argv] = pinned(SERVER_CORE, runtime, [script, '--port', '0', ...args])
  const child = track(spawn(command, argv, { stdio: ['ignore', 'pipe', 'inherit'] }))
  const line = await waitForLine(child, /^listening on http:\/\/[^\s]+:(\d+)$/, STARTUP_TIMEOUT_MS)
  const pid = child.pid
  if (pid === undefined) throw new Error(`${script} did not start`)
  return { pid, port: Number(line[1]), stop: () => stop(child) }
}

/**
 * Resolves with the first stdout line of `child` matching `pattern`; rejects (and kills the child)
 * on exit or timeout.
 */
export function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffered = ''
    const fail = (why: string): void => {
      cleanup()
      child.kill('SIGKILL')
      reject(new Error(`${child.spawnargs.join(' ')}: ${why}`))
    }
    const onData = (data: Buffer): void => {
      buffered += data.toString('utf8')
      let nl: number
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const match = pattern.exec(buffered.slice(0, nl).trim())
        buffered = buffered.slice(nl + 1)
        if (match !== null) {
          cleanup()
          return resolve(match)
        }
      }
    }
    const onExit = (code: number | null): void => fail(`exited (${code}) before it was ready`)
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs)
    const cleanup = (): void => {
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      child.off('exit', onExit)
    }
    child.stdout?.on('data', onData)
    child.on('exit', onExit)
  })
}

/** Sends SIGTERM to a child the runner spawned, escalating to SIGKILL. */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** Memory of a process from /proc/<pid>/status, in KiB. */
export interface MemoryStatus {
  /** Resident set size now (VmRSS). */
  readonly rssKiB: number
  /** Peak resident set size since the process started (VmHWM). */
  readonly peakKiB: number
}

/**
 * Reads VmRSS and VmHWM of a process.
 *
 * @example
 * const { peakKiB } = memoryOf(server.pid)
 */
export function memoryOf(pid: number): MemoryStatus {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const field = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN)
  return { rssKiB: field('VmRSS'), peakKiB: field('VmHWM') }
}

/**
 * Runs a command to completion, pinned to the generator core, and resolves with its stdout.
 * Rejects on a non-zero exit or when it runs past `timeoutMs`.
 *
 * @example
 * const out = await runGenerator('wrk', ['-c', '50', url], 20_000)
 */
export function runGenerator(command: string, args: string[], timeoutMs: number): Promise<string> {
  const [cmd, argv] = pinned(GENERATOR_CORE, command, args)
  return new Promise((resolve, reject) => {
    const child = track(spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] }))
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')))
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve(out)
      else reject(new Error(`${command} exited ${code ?? signal}: ${err.trim() || out.trim()}`))
    })
  })
}

/** CPU a process used, from /proc/<pid>/stat, in microseconds. */
export interface CpuTime {
  readonly userUs: number
  readonly systemUs: number
}

/** Clock ticks per second of /proc's times: USER_HZ, fixed at 100 in Linux's ABI. */
const USER_HZ = 100

/**
 * User and system time a process has used so far (all its threads).
 *
 * @example
 * const before = cpuOf(server.pid)
 */
export function cpuOf(pid: number): CpuTime {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const tick = 1e6 / USER_HZ
  return { userUs: Number(fields[11]) * tick, systemUs: Number(fields[12]) * tick }
}

/**
 * The CPU a process used since `before`, per unit of work (a request, a MiB, a message).
 *
 * @example
 * const perRequest = cpuPer(server.pid, before, requests)
 */
export function cpuPer(pid: number, before: CpuTime, units: number): CpuTime {
  const now = cpuOf(pid)
  return {
    userUs: (now.userUs - before.userUs) / units,
    systemUs: (now.systemUs - before.systemUs) / units,
  }
}
