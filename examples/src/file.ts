// Streams a file with a known length, so the response carries Content-Length. Serves this
// example's own source, or the path given by --file.
import { existsSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { Body, Response } from '@touche/touche'
import { exampleArgs, serveExample } from './cli-args.js'

const args = exampleArgs()
const script = process.argv[1] ?? 'file.js'
const source = join(dirname(script), '..', 'src', 'file.ts')
const path = args.file ?? (existsSync(source) ? source : script)

await serveExample(
  async () =>
    Response.builder()
      .header('content-type', 'text/plain; charset=utf-8')
      .header('content-disposition', `inline; filename="${basename(path)}"`)
      .body(await Body.file(path)),
  { args }
)
