import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BODY_ERRORS, BodyError, errorMessage } from './errors.js'
import type { BodyErrorCode } from './errors.js'

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8')
const codes = Object.keys(BODY_ERRORS) as BodyErrorCode[]

describe('BodyError', () => {
  it.each(codes)('%s is documented in the README with its kind', (code) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${code}\``))
    expect(row).toBeDefined()
    expect(row).toContain(`\`${BODY_ERRORS[code].kind}\``)
  })

  it('carries kind, code and cause, and answers its predicates', () => {
    const e = new BodyError('ERR_BODY_CANCELED', { cause: 'gone' })
    expect(e).toBeInstanceOf(Error)
    expect(e.name).toBe('BodyError')
    expect(e.kind).toBe('canceled')
    expect(e.cause).toBe('gone')
    expect(e.isCanceled()).toBe(true)
  })

  it('says in its message what its cause says, so that a log of the message tells why', () => {
    expect(
      new BodyError('ERR_BODY_CANCELED', { cause: new Error('read ECONNRESET') }).message
    ).toBe(`${BODY_ERRORS.ERR_BODY_CANCELED.description.replace(/\.$/, '')}: read ECONNRESET`)
    expect(new BodyError('ERR_BODY_CANCELED').message).toBe(
      BODY_ERRORS.ERR_BODY_CANCELED.description
    )
    expect(errorMessage('Failed.', 'gone')).toBe('Failed: gone')
    expect(errorMessage('Failed', new Error(''))).toBe('Failed')
    expect(errorMessage('Failed.', { message: 'not an Error' })).toBe('Failed.')
    const hostile = new Error('x')
    Object.defineProperty(hostile, 'message', {
      get: () => {
        throw new Error('no')
      },
    })
    expect(errorMessage('Failed.', hostile)).toBe('Failed.')
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(errorMessage('Failed.', proxy)).toBe('Failed.')
    expect(new BodyError('ERR_BODY_CANCELED', { message: 'own', cause: 'x' }).message).toBe('own')
  })
})
