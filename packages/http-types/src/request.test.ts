import { InvalidHeaderName, InvalidHeaderValue, InvalidMethod, InvalidUri } from './errors.js'
import { Extensions } from './extensions.js'
import { HeaderMap } from './header-map.js'
import { Method } from './method.js'
import type { RequestBuilder } from './request.js'
import { Request } from './request.js'
import { Uri } from './uri.js'
import { Version } from './version.js'

describe('Request', () => {
  test('defaults: GET / HTTP/1.1 with no headers', () => {
    const req = Request.builder().body(null)
    expect(req.method).toBe(Method.GET)
    expect(req.uri.toString()).toBe('/')
    expect(req.version).toBe(Version.HTTP_11)
    expect(req.headers.size).toBe(0)
    expect(req.extensions.size).toBe(0)
    expect(req.body).toBeNull()
    const direct = new Request('x')
    expect([direct.method, direct.uri.path, direct.version]).toEqual([
      Method.GET,
      '/',
      Version.HTTP_11,
    ])
  })

  test('builder sets every part', () => {
    const key = Extensions.key<string>('id')
    const req = Request.builder()
      .method('PURGE')
      .uri('http://example.com:8080/a?b')
      .version(Version.HTTP_10)
      .header('X-A', '1')
      .header('x-a', '2')
      .headers({ accept: 'text/html' })
      .extension(key, 'abc')
      .body(new Uint8Array([1, 2]))
    expect(req.method).toBe(Method.from('PURGE'))
    expect(req.uri.port).toBe(8080)
    expect(req.version).toBe(Version.HTTP_10)
    expect(req.headers.getAll('x-a')).toEqual(['1', '2'])
    expect(req.headers.get('accept')).toBe('text/html')
    expect(req.extensions.get(key)).toBe('abc')
    expect(req.body).toEqual(new Uint8Array([1, 2]))
  })

  test.each([
    ['get', Request.get, Method.GET],
    ['post', Request.post, Method.POST],
    ['put', Request.put, Method.PUT],
    ['delete', Request.delete, Method.DELETE],
    ['head', Request.head, Method.HEAD],
    ['patch', Request.patch, Method.PATCH],
    ['trace', Request.trace, Method.TRACE],
  ] as const)('Request.%s(uri) presets the method', (_name, shortcut, method) => {
    const req = shortcut('/x?y').body('')
    expect(req.method).toBe(method)
    expect(req.uri.pathAndQuery).toBe('/x?y')
  })

  test('Request.options accepts the asterisk form and Request.connect the authority form', () => {
    expect(Request.options('*').body(null).uri.form).toBe('asterisk')
    const tunnel = Request.connect('example.com:443').body(null)
    expect(tunnel.method).toBe(Method.CONNECT)
    expect([tunnel.uri.form, tunnel.uri.host, tunnel.uri.port]).toEqual([
      'authority',
      'example.com',
      443,
    ])
  })

  test.each([
    ['method', () => Request.builder().method('BAD METHOD'), InvalidMethod],
    ['uri', () => Request.builder().uri('/a b'), InvalidUri],
    ['header name', () => Request.builder().header('bad:name', 'x'), InvalidHeaderName],
    ['header value', () => Request.builder().header('x', 'a\nb'), InvalidHeaderValue],
  ] as const)('an invalid %s is thrown by body(), not by the step', (_what, step, error) => {
    let builder: RequestBuilder | undefined
    expect(() => (builder = step())).not.toThrow()
    expect(() => builder!.body(null)).toThrow(error)
  })

  test('the first error wins and later steps are skipped', () => {
    const builder = Request.builder()
      .uri('/ok')
      .method('BAD METHOD')
      .uri('no spaces allowed')
      .header('bad name', 'x')
    expect(() => builder.body(null)).toThrow(InvalidMethod)
    expect(() => builder.body(null)).toThrow(InvalidMethod)
  })

  test('a reused builder never changes a request it already built', () => {
    const builder = Request.builder().header('a', '1')
    const first = builder.body('first')
    builder.header('b', '2')
    const second = builder.body('second')
    const third = builder.body('third')
    expect([...first.headers]).toEqual([['a', '1']])
    expect([...second.headers]).toEqual([
      ['a', '1'],
      ['b', '2'],
    ])
    third.headers.append('c', '3')
    expect(second.headers.has('c')).toBe(false)
  })

  test('intoParts and fromParts round-trip every part', () => {
    const req = Request.put('/r').header('a', '1').body('payload')
    const [parts, body] = req.intoParts()
    expect(parts.method).toBe(Method.PUT)
    expect(parts.headers).toBe(req.headers)
    const again = Request.fromParts(parts, body)
    expect(again.uri).toBe(req.uri)
    expect(again.extensions).toBe(req.extensions)
    expect(again.body).toBe('payload')
  })

  test('map replaces the body and keeps the parts', () => {
    const req = Request.post('/n').header('a', '1').body('12')
    const mapped = req.map((text) => Number(text))
    expect(mapped.body).toBe(12)
    expect(mapped.method).toBe(Method.POST)
    expect(mapped.headers).toBe(req.headers)
    expect(mapped.uri).toBe(req.uri)
  })

  test('accepts prebuilt values without revalidation', () => {
    const headers = new HeaderMap({ host: 'a' })
    const req = new Request(null, { method: Method.HEAD, uri: Uri.from('/h'), headers })
    expect(req.headers).toBe(headers)
    expect(req.method.isSafe()).toBe(true)
  })
})
