import { execFileSync, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureBuilt, BUILD_TIMEOUT_MS } from '../../../examples/test/support/example.js'
import { Response, Server, supportsReusePort } from '../src/index.js'

/**
 * One server per core: processes sharing a port through node:cluster or `reusePort`, and nginx
 * in front of several processes. The servers run from dist/ in processes of their own.
 */

const SCRIPT = join(__dirname, 'scaling', 'serve.mjs')
/** Bound for a process to print its `listening` line. */
const START_TIMEOUT_MS = 15_000
/** Connections tried before concluding that one process gets none: the kernel or the primary
 * spreads them, so a process missing from this many is not a matter of chance. */
const MAX_TRIES = 200
/** Whether the servers in child processes read directly (the suite's second pass turns it off). */
const DIRECT = process.env['TOUCHE_DIRECT_READS'] !== '0'

const started: ChildProcess[] = []

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS)
afterEach(async () => {
  await Promise.all(started.splice(0).map(stop))
})

/** Starts a process and resolves once `pattern` matched its stdout (bounded). */
function start(
  command: string,
  args: string[],
  pattern: RegExp
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  started.push(child)
  let out = ''
  let err = ''
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail('timed out'), START_TIMEOUT_MS)
    const fail = (why: string): void => {
      clearTimeout(timer)
      reject(new Error(`${command} ${args.join(' ')}: ${why}\nstdout: ${out}\nstderr: ${err}`))
    }
    child.once('exit', () => fail('exited'))
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const match = pattern.exec(out)
      if (match !== null) {
        clearTimeout(timer)
        resolve({ child, match })
      }
    })
  })
}

/** SIGTERM, and SIGKILL if it has not exited within a bound. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** One GET on a new connection; the JSON the server answered. */
function ask(port: number): Promise<{ pid: number; directReads: boolean }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, agent: false, timeout: 5_000 }, (res) => {
      let body = ''
      res.on('data', (d: Buffer) => (body += d.toString()))
      res.on('end', () => resolve(JSON.parse(body) as { pid: number; directReads: boolean }))
    })
    req.on('timeout', () => req.destroy(new Error('no answer')))
    req.on('error', reject)
  })
}

/** Asks on new connections until `want` processes have answered; the answers by pid. */
async function spread<T extends { pid: number }>(
  askOnce: () => Promise<T>,
  want: number
): Promise<Map<number, T>> {
  const seen = new Map<number, T>()
  for (let i = 0; i < MAX_TRIES && seen.size < want; i++) {
    const answer = await askOnce()
    seen.set(answer.pid, answer)
  }
  return seen
}

describe('node:cluster', () => {
  it('two workers share one port and both serve', async () => {
    const { match } = await start(process.execPath, [SCRIPT, 'cluster', '2'], /listening (\d+)/)
    const answers = await spread(() => ask(Number(match[1])), 2)
    expect(answers.size).toBe(2)
    for (const answer of answers.values()) expect(answer.directReads).toBe(DIRECT)
  })

  it('reads sockets handed over by the primary directly', async () => {
    const { match } = await start(process.execPath, [SCRIPT, 'cluster', '2'], /direct-check (\d+)/)
    const port = Number(match[1])
    const answers = await spread(async () => {
      const line = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.2')
        let got = ''
        socket.on('data', (d: Buffer) => (got += d.toString()))
        socket.on('end', () => resolve(got.trim()))
        socket.on('error', reject)
        socket.end('hello\n')
      })
      const [path = '', pid = '0'] = line.split(' ')
      return { pid: Number(pid), path }
    }, 2)
    expect(answers.size).toBe(2)
    for (const answer of answers.values()) expect(answer.path).toBe('direct')
  })
})

const reuse = supportsReusePort()
const node = `Node ${process.versions.node} on ${process.platform}`

describe('reusePort', () => {
  ;(reuse ? it : it.skip)(
    `two processes bind one port and both serve${reuse ? '' : ` (skipped: needs Node 22.12+ on Linux; this is ${node})`}`,
    async () => {
      const first = await start(process.execPath, [SCRIPT, 'reuse', '0'], /listening (\d+)/)
      const port = first.match[1]!
      await start(process.execPath, [SCRIPT, 'reuse', port], /listening (\d+)/)
      const answers = await spread(() => ask(Number(port)), 2)
      expect(answers.size).toBe(2)
    }
  )

  ;(reuse ? it.skip : it)(
    `is refused with a clear error where Node cannot share the port${reuse ? ` (skipped: ${node} can)` : ''}`,
    async () => {
      await expect(
        Server.builder()
          .reusePort(true)
          .bind('127.0.0.1:0')
          .serve(() => Response.builder().body(''))
      ).rejects.toThrow(/reusePort needs Node 22\.12/)
    }
  )
})

/** The nginx binary, or null when it is not installed. */
function findNginx(): string | null {
  for (const path of ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx']) {
    try {
      execFileSync(path, ['-v'], { stdio: 'ignore' })
      return path
    } catch {
      // Not there.
    }
  }
  return null
}

/** A port free right now, for nginx to listen on (nginx cannot report a port it picked). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

const nginx = findNginx()

describe('behind a load balancer', () => {
  ;(nginx !== null ? it : it.skip)(
    `nginx spreads keep-alive upstream connections over two touche processes${nginx === null ? ' (skipped: nginx is not installed; apt-get install nginx)' : ''}`,
    async () => {
      const a = await start(process.execPath, [SCRIPT, 'plain', '0'], /listening (\d+)/)
      const b = await start(process.execPath, [SCRIPT, 'plain', '0'], /listening (\d+)/)
      const dir = mkdtempSync(join(tmpdir(), 'touche-nginx-'))
      try {
        const port = await freePort()
        const root = process.getuid?.() === 0 ? 'user root;\n' : ''
        writeFileSync(
          join(dir, 'nginx.conf'),
          `${root}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream touche {
    server 127.0.0.1:${a.match[1]};
    server 127.0.0.1:${b.match[1]};
    keepalive 8;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://touche;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`
        )
        const proxy = spawn(nginx!, ['-p', dir, '-c', join(dir, 'nginx.conf')], {
          stdio: 'ignore',
        })
        started.push(proxy)
        await waitListening(port)
        const answers = await spread(() => ask(port), 2)
        expect(answers.size).toBe(2)
      } finally {
        await Promise.all(started.splice(0).map(stop))
        rmSync(dir, { recursive: true, force: true })
      }
    }
  )
})

/** Resolves once something accepts connections on `port` (tried each 50 ms, for 10 s at most). */
async function waitListening(port: number): Promise<void> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (up) return
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
