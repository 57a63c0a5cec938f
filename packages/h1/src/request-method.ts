import { Method } from '@touche/http-types'
import { latin1 } from './fields.js'

/**
 * The method `buf[start, end)` (a token, already checked): the standard ones are recognised from
 * the bytes without building a string; any other goes through `Method.lookup`, which returns an
 * extension method the application interned and never interns what a client sent.
 *
 * @example
 * ```ts
 * const line = new TextEncoder().encode('GET / HTTP/1.1')
 * methodAt(line, 0, 3) === Method.GET // true
 * ```
 */
export function methodAt(buf: Uint8Array, start: number, end: number): Method {
  const c0 = buf[start]
  switch (end - start) {
    case 3:
      if (c0 === 0x47 && buf[start + 1] === 0x45 && buf[start + 2] === 0x54) return Method.GET
      if (c0 === 0x50 && buf[start + 1] === 0x55 && buf[start + 2] === 0x54) return Method.PUT
      break
    case 4:
      if (c0 === 0x50 && equalsUpper(buf, start, 'POST')) return Method.POST
      if (c0 === 0x48 && equalsUpper(buf, start, 'HEAD')) return Method.HEAD
      break
    case 5:
      if (c0 === 0x50 && equalsUpper(buf, start, 'PATCH')) return Method.PATCH
      if (c0 === 0x54 && equalsUpper(buf, start, 'TRACE')) return Method.TRACE
      break
    case 6:
      if (c0 === 0x44 && equalsUpper(buf, start, 'DELETE')) return Method.DELETE
      break
    case 7:
      if (c0 === 0x4f && equalsUpper(buf, start, 'OPTIONS')) return Method.OPTIONS
      if (c0 === 0x43 && equalsUpper(buf, start, 'CONNECT')) return Method.CONNECT
      break
  }
  return Method.lookup(latin1(buf, start, end))
}

/** Whether the bytes at `start` are exactly `name` (case-sensitive: methods are). */
function equalsUpper(buf: Uint8Array, start: number, name: string): boolean {
  for (let i = 1; i < name.length; i++) if (buf[start + i] !== name.charCodeAt(i)) return false
  return true
}
