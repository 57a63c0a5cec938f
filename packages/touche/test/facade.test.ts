import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as body from '@touche/body'
import * as client from '@touche/client'
import * as httpTypes from '@touche/http-types'
import * as fetchAdapter from '@touche/fetch'
import * as server from '@touche/server'
import * as facade from '../src/index.js'

/** What each package exports at runtime, loaded from its sources (see jest.config.ts). */
const packages: Readonly<Record<string, Record<string, unknown>>> = {
  '@touche/http-types': httpTypes,
  '@touche/body': body,
  '@touche/server': server,
  '@touche/fetch': fetchAdapter,
  '@touche/client': client,
}

/** The packages the facade re-exports: its dependencies, as its package.json lists them. */
const reexported = Object.keys(
  (
    JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
  ).dependencies
)

function exportsOf(name: string): Record<string, unknown> {
  const found = packages[name]
  if (found === undefined) throw new Error(`add ${name} to the packages of this test`)
  return found
}

describe('@touche/touche', () => {
  test.each(reexported)('re-exports every runtime export of %s, as the same value', (name) => {
    const mine = facade as Record<string, unknown>
    const theirs = exportsOf(name)
    const missing = Object.keys(theirs).filter((key) => !(key in mine))
    expect(missing).toEqual([])
    for (const key of Object.keys(theirs)) expect(mine[key]).toBe(theirs[key])
  })

  test('the packages checked are its dependencies', () => {
    expect(Object.keys(packages).sort()).toEqual([...reexported].sort())
  })

  test('has no export of its own', () => {
    const known = new Set(reexported.flatMap((name) => Object.keys(exportsOf(name))))
    expect(Object.keys(facade).filter((key) => !known.has(key))).toEqual([])
  })
})
