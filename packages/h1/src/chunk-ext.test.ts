import { resolveLimits } from './limits.js'
import { decodeAll, decodeErr } from '../test/chunked-support.js'

describe('chunk extensions', () => {
  test.each([
    '1;ext\r\na\r\n0\r\n\r\n',
    '1;a=b\r\na\r\n0\r\n\r\n',
    '1;a=b;c;d=e\r\na\r\n0\r\n\r\n',
    '1 ;a\r\na\r\n0\r\n\r\n',
    '1\t\t;\ta\t=\tb\t;c\r\na\r\n0\r\n\r\n',
    '1; a = b ; c\r\na\r\n0\r\n\r\n',
    '1;a="quoted value"\r\na\r\n0\r\n\r\n',
    '1;a=""\r\na\r\n0\r\n\r\n',
    '1;a="esc\\"aped\\\\"\r\na\r\n0\r\n\r\n',
    '1;a="tab\there; and = semis"\r\na\r\n0\r\n\r\n',
    '1;a="obs-text \xe9\xff"\r\na\r\n0\r\n\r\n',
    '1;a="x" ;b\r\na\r\n0\r\n\r\n',
    "1;!#$%&'*+-.^_`|~=!#$%&'*+-.^_`|~\r\na\r\n0\r\n\r\n",
    '1;a\r\na\r\n0;last=yes\r\n\r\n',
  ])('%j is accepted and dropped', (raw) => {
    expect(decodeAll(raw)).toEqual({ body: 'a', done: true, rest: '', trailers: null })
  })

  test.each([
    ['1;\r\n', 'an empty name'],
    ['1;;a\r\n', 'two semicolons'],
    ['1;=v\r\n', 'a value without a name'],
    ['1;a=\r\n', 'a name with "=" and no value'],
    ['1;a b\r\n', 'two names without ";"'],
    ['1;a \r\n', 'whitespace not followed by "=" or ";"'],
    ['1;a=b c\r\n', 'two values'],
    ['1;a=b \r\n', 'whitespace after a value not followed by ";"'],
    ['1;a="x"y\r\n', 'text after a quoted string'],
    ['1;a="open\r\n', 'an unterminated quoted string'],
    ['1;a="\x7f"\r\n', 'DEL in a quoted string'],
    ['1;a="\x00"\r\n', 'NUL in a quoted string'],
    ['1;a="\\\r"\r\n', 'a quoted-pair escaping CR'],
    ['1;a=b"c"\r\n', 'a quote inside a token value'],
    ['1;a(b)\r\n', 'a non-token byte in the name'],
    ['1;reject\nnewlines\r\n', 'a bare LF'],
  ])('%j is a chunk-extension error: %s', (raw) => {
    expect(decodeErr(raw)).toBe('chunk-extension')
  })

  test('extension bytes are bounded in one size line', () => {
    const limits = resolveLimits({ maxChunkExtensionBytes: 8 })
    expect(decodeAll('1;abcdef\r\na\r\n0\r\n\r\n', limits).body).toBe('a')
    expect(decodeErr('1;abcdefgh\r\na\r\n0\r\n\r\n', limits)).toBe('chunk-extension-too-long')
  })

  test('extension bytes are summed over the whole body', () => {
    const limits = resolveLimits({ maxChunkExtensionBytes: 10 })
    const chunk = '1;abc\r\na\r\n'
    expect(decodeAll(chunk.repeat(2) + '0\r\n\r\n', limits).body).toBe('aa')
    expect(decodeErr(chunk.repeat(3) + '0\r\n\r\n', limits)).toBe('chunk-extension-too-long')
  })

  test('whitespace before ";" counts toward the bound', () => {
    const limits = resolveLimits({ maxChunkExtensionBytes: 4 })
    expect(decodeErr('1' + ' '.repeat(100) + ';a\r\n', limits)).toBe('chunk-extension-too-long')
  })
})
