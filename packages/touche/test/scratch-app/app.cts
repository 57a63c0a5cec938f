// Type-checked with moduleResolution nodenext: the types a CommonJS app sees through require.
import { Response, Server } from '@touche/touche'
import type { ServerHandle } from '@touche/touche'

export const started: Promise<ServerHandle> = Server.bind('127.0.0.1:0').serve(() =>
  Response.builder().body('cjs')
)
