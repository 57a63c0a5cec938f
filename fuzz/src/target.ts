/**
 * A server under test in a child process, watched from the harness. A child process, not the
 * harness's own: a crash or an uncaught exception ends the target and is seen as such (exit code,
 * stderr, a `fatal` message) instead of ending the fuzzer; a server whose event loop is stuck
 * cannot stall the clients and timers that detect it; and `/proc/<pid>/fd` and its memory belong
 * to the server alone.
 */
import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import type { TargetMessage, TargetRequest, TargetSpec, TargetStats } from './targets/protocol.js'

/** How long a target may take to print that it listens. */
const STARTUP_TIMEOUT_MS = 15_000
/** How long a target may take to answer a question over IPC. */
const IPC_TIMEOUT_MS = 10_000

type Pending = { resolve(m: TargetMessage): void; reject(e: Error): void; timer: NodeJS.Timeout }
type Question = { op: 'stats' } | { op: 'close'; timeout: number }

/** Every target started and not yet stopped, so an interrupted run stops exactly those. */
const live = new Set<Target>()

/**
 * A running target: its port and pid, what it wrote to stderr, and whether it has exited.
 *
 * @example
 * ```ts
 * const target = await Target.start(script, { server: 'touche', service: 'echo' })
 * const { connections } = await target.stats()
 * await target.stop()
 * ```
 */
export class Target {
  readonly spec: TargetSpec
  readonly port: number
  readonly pid: number
  readonly #child: ChildProcess
  readonly #pending = new Map<number, Pending>()
  #nextId = 1
  #stderr = ''
  #fatal: string | null = null
  #exit: string | null = null

  private constructor(spec: TargetSpec, child: ChildProcess, port: number) {
    this.spec = spec
    this.#child = child
    this.port = port
    this.pid = child.pid ?? 0
    child.stderr?.on('data', (d: Buffer) => (this.#stderr += d.toString('utf8')))
    child.on('message', (m: TargetMessage) => {
      if ('event' in m) {
        if (m.event === 'fatal') this.#fatal = `${m.what}: ${m.stack}`
        return
      }
      const p = this.#pending.get(m.id)
      if (p === undefined) return
      this.#pending.delete(m.id)
      clearTimeout(p.timer)
      p.resolve(m)
    })
    child.once('exit', (code, signal) => {
      this.#exit = signal === null ? `exit code ${code}` : `signal ${signal}`
      live.delete(this)
      for (const p of this.#pending.values()) {
        clearTimeout(p.timer)
        p.reject(new Error(`target exited (${this.#exit})`))
      }
      this.#pending.clear()
    })
  }

  /**
   * Forks `script` (the built `targets/main.js`) with `spec` and waits until it listens.
   *
   * @example
   * ```ts
   * const node = await Target.start(script, { server: 'node', service: 'echo' })
   * ```
   */
  static async start(script: string, spec: TargetSpec): Promise<Target> {
    const child = fork(script, [JSON.stringify(spec)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: [],
    })
    const port = await new Promise<number>((resolve, reject) => {
      let stderr = ''
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
      const timer = setTimeout(
        () => fail(`not ready after ${STARTUP_TIMEOUT_MS} ms`),
        STARTUP_TIMEOUT_MS
      )
      const fail = (why: string): void => {
        clearTimeout(timer)
        child.kill('SIGKILL')
        reject(new Error(`target ${spec.server}/${spec.service}: ${why}\n${stderr}`))
      }
      child.once('exit', (code) => fail(`exited (${code}) before it was ready`))
      child.on('message', (m: TargetMessage) => {
        if ('event' in m && m.event === 'ready') {
          clearTimeout(timer)
          child.removeAllListeners('exit')
          resolve(m.port)
        }
      })
    })
    const target = new Target(spec, child, port)
    live.add(target)
    return target
  }

  /** Stops every target still running (for an interrupted run). */
  static stopAll(): Promise<void> {
    return Promise.all([...live].map((t) => t.stop())).then(() => undefined)
  }

  /** Why the process ended (`exit code N`, `signal S`), or null while it runs. */
  get exited(): string | null {
    return this.#exit
  }

  /** The uncaught exception or unhandled rejection it reported, if any. */
  get fatal(): string | null {
    return this.#fatal
  }

  /** Everything written to stderr since the last call. */
  takeStderr(): string {
    const s = this.#stderr
    this.#stderr = ''
    return s
  }

  /** Open file descriptors now (`/proc/<pid>/fd`), or null where /proc does not exist. */
  fdCount(): number | null {
    try {
      return readdirSync(`/proc/${this.pid}/fd`).length
    } catch {
      return null
    }
  }

  /** Resident memory now and at its peak, in KiB (`/proc/<pid>/status`), or null. */
  memory(): { rssKiB: number; peakKiB: number } | null {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8')
      const field = (name: string): number =>
        Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN)
      return { rssKiB: field('VmRSS'), peakKiB: field('VmHWM') }
    } catch {
      return null
    }
  }

  /** Connections, error counts and service counters, asked over IPC. */
  async stats(): Promise<TargetStats> {
    const m = await this.#ask({ op: 'stats' })
    if (!('stats' in m)) throw new Error('unexpected answer to stats')
    return m.stats
  }

  /** Graceful shutdown in the target; resolves with how long the server took to close. */
  async close(timeout: number): Promise<number> {
    const m = await this.#ask({ op: 'close', timeout }, timeout + IPC_TIMEOUT_MS)
    if (!('closed' in m)) throw new Error('unexpected answer to close')
    return m.ms
  }

  /** Ends the process (SIGTERM, then SIGKILL after 3 s); resolves once it has exited. */
  stop(): Promise<void> {
    if (this.#exit !== null) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#child.kill('SIGKILL'), 3_000)
      this.#child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      this.#child.kill('SIGTERM')
    })
  }

  #ask(question: Question, timeout = IPC_TIMEOUT_MS): Promise<TargetMessage> {
    if (this.#exit !== null) return Promise.reject(new Error(`target exited (${this.#exit})`))
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id)
        reject(new Error(`target did not answer ${question.op} within ${timeout} ms`))
      }, timeout)
      this.#pending.set(id, { resolve, reject, timer })
      const request: TargetRequest = { id, ...question }
      this.#child.send(request)
    })
  }
}
