import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureBuilt } from '../../../examples/test/support/example.js'
import {
  ROOT,
  background,
  missingMapSources,
  pack,
  publicPackages,
  rootDevVersion,
  run,
} from './support/packed.js'
import type { Background, PublicPackage } from './support/packed.js'

/**
 * Every public package as users get it: packed with pnpm, installed with plain npm from the
 * tarballs into an app outside the workspace, then used from ESM, from `require`, from
 * TypeScript, and through `npx touche-example`.
 */

/** Bound for the set-up: build, pack, install (the first run may fetch from the registry). */
const SETUP_TIMEOUT_MS = 240_000
/** Bound for one command of the checks. */
const STEP_TIMEOUT_MS = 60_000

const packages: PublicPackage[] = publicPackages()
const app = mkdtempSync(join(tmpdir(), 'touche-packed-app-'))
const tarballs = new Map<string, string>()
const running: Background[] = []

beforeAll(async () => {
  await ensureBuilt()
  const dest = join(app, 'tarballs')
  // One after another: pnpm pack runs the package's lifecycle and npx's cache is shared.
  for (const pkg of packages) tarballs.set(pkg.name, await pack(pkg, dest, STEP_TIMEOUT_MS))
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'touche-packed-app', private: true, version: '0.0.0' })
  )
  const scratch = join(__dirname, 'scratch-app')
  for (const file of readdirSync(scratch)) copyFileSync(join(scratch, file), join(app, file))
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      ...tarballs.values(),
      `@types/node@${rootDevVersion('@types/node')}`,
    ],
    { cwd: app, timeoutMs: SETUP_TIMEOUT_MS }
  )
}, SETUP_TIMEOUT_MS)

afterAll(async () => {
  await Promise.all(running.map((b) => b.stop()))
  rmSync(app, { recursive: true, force: true })
})

test('every public package is packed, the facade and the examples among them', () => {
  expect(packages.map((p) => p.name)).toEqual(
    expect.arrayContaining(['@touche/touche', '@touche/server', '@touche/examples'])
  )
})

test.each(packages.map((p) => [p.name]))('%s ships what its maps point to', (name) => {
  expect(missingMapSources(join(app, 'node_modules', name))).toEqual([])
})

test.each(packages.map((p) => [p.name]))('%s passes publint (strict)', async (name) => {
  const cli = join(ROOT, 'node_modules', 'publint', 'src', 'cli.js')
  await run('node', [cli, 'run', tarballs.get(name)!, '--strict'], {
    cwd: app,
    timeoutMs: STEP_TIMEOUT_MS,
  })
})

// attw checks what `import` and `require` resolve to; the examples have a bin and no entry point.
// The profile skips node10 and node16's CommonJS view, which cannot load ES modules; TypeScript
// with nodenext can (see the CommonJS type check below).
test.each(packages.filter((p) => p.hasExports).map((p) => [p.name]))(
  '%s passes @arethetypeswrong/cli',
  async (name) => {
    const cli = join(ROOT, 'node_modules', '@arethetypeswrong', 'cli', 'dist', 'index.js')
    await run('node', [cli, tarballs.get(name)!, '--profile', 'esm-only', '--format', 'ascii'], {
      cwd: app,
      timeoutMs: STEP_TIMEOUT_MS,
    })
  }
)

test('an ES module imports @touche/touche and serves a request', async () => {
  const { stdout } = await run('node', ['serve.mjs'], { cwd: app, timeoutMs: STEP_TIMEOUT_MS })
  expect(JSON.parse(stdout)).toEqual({ status: 200, body: 'esm GET /hello' })
})

// require(esm) is on by default from Node 20.19 and 22.12, so on every Node this package
// supports (`engines`); asked of the Node under test itself (Jest's sandbox hides the flag).
test('CommonJS requires @touche/touche and serves a request', async () => {
  const flag = await run('node', ['-p', 'process.features.require_module'], {
    cwd: app,
    timeoutMs: STEP_TIMEOUT_MS,
  })
  expect(flag.stdout.trim()).toBe('true')
  const { stdout } = await run('node', ['serve.cjs'], { cwd: app, timeoutMs: STEP_TIMEOUT_MS })
  expect(JSON.parse(stdout)).toEqual({ status: 200, body: 'cjs GET /hello' })
})

/** A tsconfig for the scratch app: strict, checking the packages' declarations too. */
function tsconfig(module: string, moduleResolution: string, files: string[]): string {
  const name = `tsconfig.${moduleResolution}.json`
  const compilerOptions = {
    module,
    moduleResolution,
    target: 'ES2022',
    lib: ['ES2022'],
    types: ['node'],
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    skipLibCheck: false,
  }
  writeFileSync(join(app, name), JSON.stringify({ compilerOptions, files }))
  return name
}

test.each([
  ['node16', 'node16', ['app.mts']],
  ['nodenext', 'nodenext', ['app.mts', 'app.cts']],
  ['esnext', 'bundler', ['app.mts']],
])('TypeScript type-checks an app with module %s, moduleResolution %s', async (m, r, files) => {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
  await run('node', [tsc, '-p', tsconfig(m, r, files)], { cwd: app, timeoutMs: STEP_TIMEOUT_MS })
})

/** GET `url`, without keep-alive; the status and body. */
function fetchOnce(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const req = get(url, { agent: false, timeout: 10_000 }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (body += d))
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url}`)))
    req.on('error', reject)
  })
}

test('npx touche-example hello-world runs from the tarballs and answers 200', async () => {
  const example = background('npx', ['touche-example', 'hello-world', '--port', '0'], app)
  running.push(example)
  const [, url] = await example.waitFor(/^listening on (\S+)$/m, STEP_TIMEOUT_MS)
  expect(await fetchOnce(url!)).toEqual({ status: 200, body: 'Hello World' })
  await example.stop()
})
