import { InvalidHeaderValue, InvalidStatusCode } from './errors.js'
import { Extensions } from './extensions.js'
import { Response } from './response.js'
import { StatusCode } from './status-code.js'
import { Version } from './version.js'

describe('Response', () => {
  test('defaults: 200 HTTP/1.1 with no headers', () => {
    const res = Response.builder().body('hi')
    expect(res.status).toBe(StatusCode.OK)
    expect(res.version).toBe(Version.HTTP_11)
    expect(res.headers.size).toBe(0)
    expect(new Response(null).status).toBe(StatusCode.OK)
  })

  test.each([
    ['a string', 'text'],
    ['bytes', new Uint8Array([1])],
    ['null', null],
    ['undefined', undefined],
    ['a stream-like object', { getReader: () => null }],
  ])('body accepts %s', (_what, body) => {
    expect(Response.builder().body(body).body).toBe(body)
  })

  test('status accepts a number or a StatusCode', () => {
    expect(Response.builder().status(404).body(null).status).toBe(StatusCode.NOT_FOUND)
    expect(Response.builder().status(StatusCode.CREATED).body(null).status.code).toBe(201)
    expect(Response.builder().status(299).body(null).status.code).toBe(299)
  })

  test.each([99, 1000, 200.5])('an invalid status %p is thrown by body()', (code) => {
    const builder = Response.builder().status(code)
    expect(() => builder.body(null)).toThrow(InvalidStatusCode)
  })

  test('the first error wins', () => {
    const builder = Response.builder().header('x', 'bad\r\nvalue').status(5)
    expect(() => builder.body(null)).toThrow(InvalidHeaderValue)
  })

  test('builder sets version, headers and extensions', () => {
    const key = Extensions.key<number>('n')
    const res = Response.builder()
      .version(Version.HTTP_10)
      .header('set-cookie', 'a=1')
      .header('set-cookie', 'b=2')
      .extension(key, 7)
      .body(null)
    expect(res.version).toBe(Version.HTTP_10)
    expect(res.headers.getAll('set-cookie')).toEqual(['a=1', 'b=2'])
    expect(res.extensions.get(key)).toBe(7)
  })

  test('a response without extensions makes its map on first use, once per response', () => {
    const key = Extensions.key<number>('n')
    const builder = Response.builder()
    const a = builder.body('a')
    const b = builder.body('b')
    a.extensions.insert(key, 1)
    expect(a.extensions.get(key)).toBe(1)
    expect(b.extensions.get(key)).toBeUndefined()
    expect(b.extensions).toBe(b.extensions)
  })

  test('status() keeps the first error and skips later steps', () => {
    const builder = Response.builder().status(42).status(StatusCode.OK).header('x', '1')
    expect(() => builder.body(null)).toThrow(InvalidStatusCode)
  })

  test('intoParts, fromParts and map keep the parts', () => {
    const res = Response.builder().status(201).header('location', '/7').body('created')
    const [parts, body] = res.intoParts()
    const again = Response.fromParts({ ...parts, status: StatusCode.ACCEPTED }, body)
    expect(again.status).toBe(StatusCode.ACCEPTED)
    expect(again.headers).toBe(res.headers)
    const mapped = res.map((text) => text.length)
    expect(mapped.body).toBe(7)
    expect(mapped.status).toBe(StatusCode.CREATED)
    expect(mapped.extensions).toBe(res.extensions)
  })
})
