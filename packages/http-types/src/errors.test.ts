import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  HTTP_ERRORS,
  HttpError,
  InvalidHeaderName,
  InvalidHeaderValue,
  InvalidMethod,
  InvalidStatusCode,
  InvalidUri,
  InvalidVersion,
  MaxSizeReached,
  ToStrError,
} from './errors.js'
import type { HttpErrorKind } from './errors.js'

const CLASSES: ReadonlyArray<
  readonly [new (message?: string, options?: { cause?: unknown }) => HttpError, HttpErrorKind]
> = [
  [InvalidMethod, 'invalid-method'],
  [InvalidStatusCode, 'invalid-status-code'],
  [InvalidVersion, 'invalid-version'],
  [InvalidHeaderName, 'invalid-header-name'],
  [InvalidHeaderValue, 'invalid-header-value'],
  [ToStrError, 'header-value-to-str'],
  [InvalidUri, 'invalid-uri'],
  [MaxSizeReached, 'max-size-reached'],
]

describe('errors', () => {
  test.each(CLASSES)('%p has its kind, code, name and passes the cause through', (Class, kind) => {
    const cause = new Error('root')
    const error = new Class('boom', { cause })
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toBeInstanceOf(Error)
    expect(error.kind).toBe(kind)
    expect(error.code).toBe(HTTP_ERRORS[kind].code)
    expect(error.name).toBe(Class.name)
    expect(error.message).toBe('boom')
    expect(error.cause).toBe(cause)
  })

  test('without a message the description is used', () => {
    expect(new MaxSizeReached().message).toBe(HTTP_ERRORS['max-size-reached'].description)
  })

  test('every kind has exactly one class and a unique ERR_ code', () => {
    expect(CLASSES.map(([, kind]) => kind).sort()).toEqual(Object.keys(HTTP_ERRORS).sort())
    const codes = Object.values(HTTP_ERRORS).map((info) => info.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) expect(code).toMatch(/^ERR_[A-Z_]+$/)
  })

  test('the README documents every code in its error table', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8')
    const documented = new Map<string, string>()
    for (const row of readme.matchAll(/^\|\s*`(ERR_[A-Z_]+)`\s*\|\s*`(\w+)`\s*\|/gm)) {
      documented.set(row[1]!, row[2]!)
    }
    const expected = new Map(CLASSES.map(([Class, kind]) => [HTTP_ERRORS[kind].code, Class.name]))
    expect(documented).toEqual(expected)
  })
})
