import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ENCODE_ERRORS, PARSE_ERRORS } from '../src/errors.js'
import type { ParseErrorKind } from '../src/errors.js'

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8')

describe('README', () => {
  test.each(Object.keys(PARSE_ERRORS) as ParseErrorKind[])(
    'documents the %s parse error: kind, code and status',
    (kind) => {
      const { code, status } = PARSE_ERRORS[kind]
      // Cells may be padded (the table is formatted), so whitespace around them is free.
      expect(readme).toMatch(
        new RegExp(`\\|\\s*\`${kind}\`\\s*\\|\\s*\`${code}\`\\s*\\|\\s*${status}\\s*\\|`)
      )
    }
  )

  test.each(Object.values(ENCODE_ERRORS).map((e) => e.code))(
    'documents the %s encode error',
    (code) => {
      expect(readme).toContain(`\`${code}\``)
    }
  )
})
