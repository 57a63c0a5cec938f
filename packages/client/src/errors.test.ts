import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CLIENT_ERRORS, ClientError } from './errors.js'
import type { ClientErrorCode } from './errors.js'

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8')
const codes = Object.keys(CLIENT_ERRORS) as ClientErrorCode[]

describe('ClientError', () => {
  it.each(codes)('%s is documented in the README with its kind', (code) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${code}\``))
    expect(row).toBeDefined()
    expect(row).toContain(`\`${CLIENT_ERRORS[code].kind}\``)
  })

  it('the README documents no code that does not exist', () => {
    const documented = [...readme.matchAll(/^\| `(ERR_CLIENT_[A-Z_]+)`/gm)].map((m) => m[1])
    expect(documented.sort()).toEqual([...codes].sort())
  })

  it('carries kind, code and cause, and answers its predicates', () => {
    const e = new ClientError('ERR_CLIENT_HEADERS_TIMEOUT', { cause: 'slow' })
    expect(e).toBeInstanceOf(Error)
    expect(e.name).toBe('ClientError')
    expect([e.code, e.kind, e.cause]).toEqual(['ERR_CLIENT_HEADERS_TIMEOUT', 'timeout', 'slow'])
    expect(e.isTimeout()).toBe(true)
    expect(e.isConnect()).toBe(false)
  })

  it('says in its message what its cause says', () => {
    const cause = new Error('connect ECONNREFUSED 127.0.0.1:1')
    expect(new ClientError('ERR_CLIENT_CONNECT', { cause }).message).toBe(
      'The connection could not be made (refused, DNS, TLS): connect ECONNREFUSED 127.0.0.1:1'
    )
  })
})
