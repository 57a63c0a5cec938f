// Serves on a Unix domain socket: `--socket PATH` (default: touche.sock in the temp directory).
import { rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Response } from '@touche/touche'
import { exampleArgs, serveExample } from './cli-args.js'

const parsed = exampleArgs()
const socket = parsed.socket ?? join(tmpdir(), 'touche.sock')
// A socket file left by an earlier run would make the bind fail with EADDRINUSE.
if (statSync(socket, { throwIfNoEntry: false })?.isSocket() === true) rmSync(socket)

await serveExample(
  () => Response.builder().header('content-type', 'text/plain').body('Hello over a Unix socket\n'),
  { args: { ...parsed, socket } }
)
