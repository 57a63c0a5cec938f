import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SERVER_ERRORS, ServerError } from './errors.js'
import type { ServerErrorCode } from './errors.js'
import * as options from './options.js'

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8')
const codes = Object.keys(SERVER_ERRORS) as ServerErrorCode[]

describe('ServerError', () => {
  it.each(codes)('%s is documented in the README with its kind', (code) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${code}\``))
    expect(row).toBeDefined()
    expect(row).toContain(`\`${SERVER_ERRORS[code].kind}\``)
  })

  it.each(Object.keys(options).filter((name) => name.startsWith('DEFAULT_')))(
    '%s is documented in the README',
    (name) => {
      expect(readme).toContain(name)
    }
  )

  it('carries kind, code and cause, and answers its predicates', () => {
    const cause = new Error('x')
    const e = new ServerError('ERR_SERVER_HEADER_TIMEOUT', { cause })
    expect(e).toBeInstanceOf(Error)
    expect(e.name).toBe('ServerError')
    expect(e.kind).toBe('header-timeout')
    expect(e.cause).toBe(cause)
    expect(e.isTimeout()).toBe(true)
    expect(e.isParse()).toBe(false)
    expect(new ServerError('ERR_SERVER_BODY_READ_TIMEOUT').isTimeout()).toBe(true)
    expect(new ServerError('ERR_SERVER_BODY_WRITE').isTimeout()).toBe(false)
    expect(new ServerError('ERR_SERVER_USER').isUser()).toBe(true)
    expect(new ServerError('ERR_SERVER_INCOMPLETE_MESSAGE').isIncompleteMessage()).toBe(true)
    expect(new ServerError('ERR_SERVER_CANCELED').isCanceled()).toBe(true)
  })

  it('says in its message what its cause says', () => {
    const e = new ServerError('ERR_SERVER_IO', { cause: new Error('read ECONNRESET') })
    expect(e.message).toMatch(/^The .*: read ECONNRESET$/)
  })
})
