import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocket } from 'ws'
import type { RawData } from 'ws'
import { BUILD_TIMEOUT_MS, ensureBuilt, startExample, stopAll } from './support/example.js'

/** Debian's Chromium; `.ci/run` installs it when it is missing. */
const CHROMIUM = '/usr/bin/chromium'
const hasChromium = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).status === 0

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
afterEach(stopAll)

/** Starts headless Chromium and resolves with its DevTools HTTP port. */
async function chromium(profile: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-breakpad',
      '--disable-crash-reporter',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    // Its own process group, so that the browser's helper processes end with it.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true }
  )
  const port = await new Promise<number>((resolve, reject) => {
    let err = ''
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString()
      const m = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(err)
      if (m !== null) resolve(Number(m[1]))
    })
    child.once('exit', () => reject(new Error(`chromium exited: ${err}`)))
  })
  return { child, port }
}

/** Kills the process group that `child` leads and waits until none of it is left. */
async function endGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid
  if (pid === undefined) return
  const alive = (): boolean => {
    try {
      process.kill(-pid, 0)
      return true
    } catch {
      return false
    }
  }
  if (alive()) process.kill(-pid, 'SIGKILL')
  const deadline = Date.now() + 10_000
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
}

/** Evaluates `expression` (awaiting a promise) in the page behind `wsUrl`. */
async function evaluate(wsUrl: string, expression: string): Promise<unknown> {
  const ws = new WebSocket(wsUrl)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  try {
    const reply = new Promise<unknown>((resolve, reject) =>
      ws.on('message', (d: RawData) => {
        const msg = JSON.parse(String(d)) as {
          id?: number
          result?: { result?: { value?: unknown }; exceptionDetails?: unknown }
        }
        if (msg.id !== 1) return
        if (msg.result?.exceptionDetails !== undefined)
          reject(new Error(JSON.stringify(msg.result)))
        else resolve(msg.result?.result?.value)
      })
    )
    ws.send(
      JSON.stringify({
        id: 1,
        method: 'Runtime.evaluate',
        params: { expression, awaitPromise: true, returnByValue: true },
      })
    )
    return await reply
  } finally {
    ws.close()
  }
}

describe('the websocket example in a browser', () => {
  ;(hasChromium ? it : it.skip)(
    hasChromium
      ? 'exchanges messages with a page opened in headless Chromium'
      : 'exchanges messages with a page opened in headless Chromium (SKIPPED: /usr/bin/chromium is not installed)',
    async () => {
      const server = await startExample('websocket')
      const profile = mkdtempSync(join(tmpdir(), 'touche-chromium-'))
      const browser = await chromium(profile)
      try {
        const target = (await (
          await fetch(`http://127.0.0.1:${browser.port}/json/new?${server.url}/`, {
            method: 'PUT',
          })
        ).json()) as { webSocketDebuggerUrl: string }
        // The new tab is still loading the page: ask until its document is the example's.
        const page = `${server.url}/`
        const deadline = Date.now() + 20_000
        while (
          (await evaluate(
            target.webSocketDebuggerUrl,
            "document.readyState === 'complete' ? location.href : ''"
          ).catch(() => '')) !== page
        ) {
          if (Date.now() > deadline) throw new Error('the page did not load')
        }
        const log = await evaluate(
          target.webSocketDebuggerUrl,
          `(async () => {
            const log = () => document.getElementById('log')?.textContent ?? ''
            const until = async (text) => { while (!log().includes(text)) await new Promise((r) => setTimeout(r, 20)) }
            await until('connected')
            document.getElementById('text').value = 'hello from chromium'
            document.getElementById('send').click()
            await until('echo: hello from chromium')
            return log()
          })()`
        )
        expect(log).toContain('connected\necho: hello from chromium')
      } finally {
        // The profile is removed once every process of Chromium's group has exited and
        // stopped writing to it.
        await endGroup(browser.child)
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
      }
    },
    60_000
  )
})
