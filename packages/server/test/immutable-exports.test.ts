import * as types from '@touche/http-types'
import * as h1 from '@touche/h1'
import * as server from '../src/index.js'

/**
 * What the packages export is shared by every module of a process: a value anyone could write to
 * would let one module change what all the others accept or send.
 */
const packages: Array<[string, Record<string, unknown>]> = [
  ['@touche/http-types', types],
  ['@touche/h1', h1],
  ['@touche/server', server],
]

/** Every object reachable from `value` through own properties (not through functions' code). */
function reachable(value: unknown, seen = new Set<object>()): object[] {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return []
  if (seen.has(value)) return []
  seen.add(value)
  const out: object[] = [value]
  for (const key of Reflect.ownKeys(value)) {
    if (
      typeof value === 'function' &&
      (key === 'prototype' || key === 'name' || key === 'length')
    ) {
      continue
    }
    const d = Object.getOwnPropertyDescriptor(value, key)
    if (d !== undefined && 'value' in d) out.push(...reachable(d.value, seen))
  }
  return out
}

describe('exported values cannot be changed', () => {
  it.each(packages)('%s exports no typed array (it could not be frozen)', (_name, api) => {
    for (const [key, value] of Object.entries(api)) {
      expect([key, ArrayBuffer.isView(value)]).toEqual([key, false])
    }
  })

  it.each(packages)('%s exports only frozen plain objects', (_name, api) => {
    for (const [key, value] of Object.entries(api)) {
      if (typeof value !== 'object' || value === null) continue
      for (const o of reachable(value)) {
        if (typeof o === 'function') continue
        expect([key, Object.isFrozen(o)]).toEqual([key, true])
      }
    }
  })

  it('interned status codes and versions are frozen', () => {
    expect(Object.isFrozen(types.StatusCode.OK)).toBe(true)
    expect(Object.isFrozen(types.StatusCode.from(599))).toBe(true)
    expect(Object.isFrozen(types.Version.HTTP_11)).toBe(true)
    expect(() => {
      ;(types.StatusCode.OK as { code: number }).code = 500
    }).toThrow(TypeError)
  })

  it('the reason phrases cannot be rewritten, even through Map.prototype', () => {
    expect(() => Map.prototype.set.call(types.REASON_PHRASES, 200, 'Fine')).toThrow(TypeError)
    expect(types.StatusCode.OK.canonicalReason()).toBe('OK')
  })

  it('header values with CR or LF are refused whatever other modules do', () => {
    for (const [, api] of packages) {
      for (const value of Object.values(api)) {
        if (ArrayBuffer.isView(value)) (value as Uint8Array)[0x0a] = 1
      }
    }
    expect(() => types.HeaderValue.from('a\r\nx-injected: 1')).toThrow(types.InvalidHeaderValue)
    const parser = new h1.RequestParser()
    expect(() =>
      parser.parse(new TextEncoder().encode('GET / HTTP/1.1\r\nhost: a\r\nx: a\rb\r\n\r\n'))
    ).toThrow(h1.ParseError)
  })
})
