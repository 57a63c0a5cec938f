import { InvalidUri } from './errors.js'
import { Uri } from './uri.js'

type Expected = [
  form: string,
  scheme: string | null,
  authority: string | null,
  host: string | null,
  port: number | null,
  path: string,
  query: string | null,
  pathAndQuery: string,
]

const VALID: ReadonlyArray<readonly [string, Expected]> = [
  ['/', ['origin', null, null, null, null, '/', null, '/']],
  ['/a/b', ['origin', null, null, null, null, '/a/b', null, '/a/b']],
  ['/a?', ['origin', null, null, null, null, '/a', '', '/a?']],
  ['/a?x=1&y=2', ['origin', null, null, null, null, '/a', 'x=1&y=2', '/a?x=1&y=2']],
  ['/q?a=/b?c', ['origin', null, null, null, null, '/q', 'a=/b?c', '/q?a=/b?c']],
  ['//double', ['origin', null, null, null, null, '//double', null, '//double']],
  ['/%7Euser/a%20b', ['origin', null, null, null, null, '/%7Euser/a%20b', null, '/%7Euser/a%20b']],
  [
    "/!$&'()*+,;=:@-._~",
    ['origin', null, null, null, null, "/!$&'()*+,;=:@-._~", null, "/!$&'()*+,;=:@-._~"],
  ],
  ['*', ['asterisk', null, null, null, null, '*', null, '*']],
  ['http://example.com', ['absolute', 'http', 'example.com', 'example.com', null, '/', null, '/']],
  ['http://example.com/', ['absolute', 'http', 'example.com', 'example.com', null, '/', null, '/']],
  [
    'HTTPS://Example.COM:8443/a?b',
    ['absolute', 'https', 'Example.COM:8443', 'Example.COM', 8443, '/a', 'b', '/a?b'],
  ],
  ['http://h?q', ['absolute', 'http', 'h', 'h', null, '/', 'q', '/?q']],
  ['http://[::1]:80/x', ['absolute', 'http', '[::1]:80', '[::1]', 80, '/x', null, '/x']],
  [
    'http://[2001:db8::7]/',
    ['absolute', 'http', '[2001:db8::7]', '[2001:db8::7]', null, '/', null, '/'],
  ],
  [
    'http://[::ffff:192.0.2.1]/',
    ['absolute', 'http', '[::ffff:192.0.2.1]', '[::ffff:192.0.2.1]', null, '/', null, '/'],
  ],
  ['http://[v1.fe:ed]/', ['absolute', 'http', '[v1.fe:ed]', '[v1.fe:ed]', null, '/', null, '/']],
  ['http://127.0.0.1:0/', ['absolute', 'http', '127.0.0.1:0', '127.0.0.1', 0, '/', null, '/']],
  ['http://a:65535', ['absolute', 'http', 'a:65535', 'a', 65535, '/', null, '/']],
  [
    'http://xn--bcher-kva.example/',
    ['absolute', 'http', 'xn--bcher-kva.example', 'xn--bcher-kva.example', null, '/', null, '/'],
  ],
  ['http://a%2Db.c/', ['absolute', 'http', 'a%2Db.c', 'a%2Db.c', null, '/', null, '/']],
  ['coap+tcp.v2-x://h/', ['absolute', 'coap+tcp.v2-x', 'h', 'h', null, '/', null, '/']],
  ['example.com:443', ['authority', null, 'example.com:443', 'example.com', 443, '', null, '']],
  ['[::1]:8080', ['authority', null, '[::1]:8080', '[::1]', 8080, '', null, '']],
  ['10.0.0.1:22', ['authority', null, '10.0.0.1:22', '10.0.0.1', 22, '', null, '']],
]

function components(u: Uri): Expected {
  return [u.form, u.scheme, u.authority, u.host, u.port, u.path, u.query, u.pathAndQuery]
}

describe('Uri', () => {
  test.each(VALID)('parses %j', (target, expected) => {
    const uri = Uri.from(target)
    expect(components(uri)).toEqual(expected)
    expect(uri.toString()).toBe(target)
    expect(components(Uri.fromRawUnchecked(target))).toEqual(expected)
  })

  test.each([
    ['empty', ''],
    ['space in path', '/a b'],
    ['space in query', '/a?b c'],
    ['tab', '/a\tb'],
    ['CR', '/a\r'],
    ['LF', '/a\n'],
    ['NUL', '/a\0'],
    ['DEL', '/a\x7f'],
    ['non-ASCII', '/caf\xe9'],
    ['astral char', '/\u{1f600}'],
    ['fragment', '/a#b'],
    ['fragment after query', '/a?b#c'],
    ['fragment in absolute form', 'http://h/#x'],
    ['lone percent', '/a%'],
    ['one hex digit after percent', '/a%4'],
    ['non-hex after percent', '/a%zz'],
    ['percent in query not followed by hex', '/?a=%g0'],
    ['double quote', '/"x"'],
    ['angle brackets', '/<x>'],
    ['backslash', '/a\\b'],
    ['caret', '/a^b'],
    ['backtick', '/a`b'],
    ['braces', '/{a}'],
    ['pipe', '/a|b'],
    ['square bracket in path', '/a[0]'],
    ['relative path', 'a/b'],
    ['query only', '?a'],
    ['asterisk with more', '**'],
    ['asterisk path', '*/a'],
    ['empty host', 'http:///a'],
    ['empty host with port', 'http://:80/'],
    ['userinfo', 'http://user@host/'],
    ['userinfo with password', 'http://u:p@host/'],
    ['empty port', 'http://h:/'],
    ['port too big', 'http://h:65536/'],
    ['port with letters', 'http://h:8o/'],
    ['port with sign', 'http://h:+80/'],
    ['port too long', 'http://h:000080/'],
    ['two colons', 'http://h:1:2/'],
    ['space in host', 'http://a b/'],
    ['non-ASCII host', 'http://b\xfccher.example/'],
    ['unclosed IPv6', 'http://[::1/'],
    ['bad IPv6 char', 'http://[::g]/'],
    ['IPv6 without colons', 'http://[1234]/'],
    ['empty IP literal', 'http://[]/'],
    ['bad IPvFuture', 'http://[v.x]/'],
    ['junk after IP literal', 'http://[::1]x/'],
    ['scheme without slashes', 'mailto:a@b'],
    ['authority form without port', 'example.com'],
    ['authority form with empty port', 'example.com:'],
    ['authority form with bad port', 'example.com:99999'],
    ['authority form with path', 'example.com:443/x'],
    ['authority form with userinfo', 'u@example.com:443'],
  ])('rejects %s', (_why, target) => {
    expect(() => Uri.from(target)).toThrow(InvalidUri)
  })

  test('the error message names a fragment', () => {
    expect(() => Uri.from('/a#b')).toThrow(/fragment/)
  })

  test('fromRawUnchecked does not validate and splits only on first use', () => {
    const uri = Uri.fromRawUnchecked('/a b?c')
    expect(uri.toString()).toBe('/a b?c')
    expect([uri.path, uri.query]).toEqual(['/a b', 'c'])
  })

  test('fromRawUnchecked reports an unparsable port as null', () => {
    expect(Uri.fromRawUnchecked('h:xx').port).toBeNull()
  })

  test('serialises as the target', () => {
    expect(JSON.stringify({ u: Uri.from('/x?y') })).toBe('{"u":"/x?y"}')
  })
})
