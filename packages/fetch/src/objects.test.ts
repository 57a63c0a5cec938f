import { Request as ToucheRequest } from '@touche/server'
import { Body } from '@touche/server'
import { HeaderMap, Method, Uri } from '@touche/server'
import { fromWebResponse } from './from-web-response.js'
import { restoreGlobals, useLightGlobals } from './globals.js'
import { isLazyRequest, toWebRequest, unwrapRequest } from './request.js'
import { LightResponse, lightParts } from './response.js'

const PlatformRequest = globalThis.Request
const PlatformResponse = globalThis.Response

afterEach(restoreGlobals)

function touche(method: string, target: string, body = '', fields: [string, string][] = []) {
  const headers = new HeaderMap([['host', 'example.test'], ...fields])
  return new ToucheRequest(body === '' ? Body.empty() : Body.from(body), {
    method: Method.from(method),
    uri: Uri.fromRawUnchecked(target),
    headers,
  })
}

describe('the lazy request', () => {
  it('is a Request with the method, URL and headers of the touche request', () => {
    const req = toWebRequest(touche('GET', '/a?b=1', '', [['x-a', '1']]))
    expect(req).toBeInstanceOf(PlatformRequest)
    expect(req.method).toBe('GET')
    expect(req.url).toBe('http://example.test/a?b=1')
    expect(req.headers.get('x-a')).toBe('1')
    expect(req.body).toBeNull()
  })

  it('reads its body directly, once', async () => {
    const req = toWebRequest(touche('POST', '/', '{"a":1}'))
    expect(req.bodyUsed).toBe(false)
    expect(await req.json()).toEqual({ a: 1 })
    expect(req.bodyUsed).toBe(true)
    await expect(req.text()).rejects.toThrow(TypeError)
  })

  it('makes a real Request for what needs one, with the body not yet read', async () => {
    const lazy = toWebRequest(touche('POST', '/', 'payload'))
    expect(lazy.cache).toBe('default')
    const real = unwrapRequest(lazy) as Request
    expect(real).not.toBe(lazy)
    expect(isLazyRequest(lazy)).toBe(true)
    expect(await lazy.clone().text()).toBe('payload')
  })

  it('can be the input of new Request once the light globals are installed', async () => {
    useLightGlobals()
    const lazy = toWebRequest(touche('POST', '/x', 'moved'))
    const copy = new Request(lazy, { headers: { 'x-copy': '1' } })
    expect(copy.url).toBe('http://example.test/x')
    expect(await copy.text()).toBe('moved')
    expect(lazy instanceof Request).toBe(true)
  })
})

describe('the light response', () => {
  it('keeps what it was made with until something reads it as a Response', async () => {
    const res = new LightResponse('hi', { status: 201, headers: { 'x-a': '1' } })
    expect(res).toBeInstanceOf(PlatformResponse)
    expect(new PlatformResponse('x')).toBeInstanceOf(LightResponse)
    expect(lightParts(res)).toEqual({ status: 201, body: 'hi', headers: { 'x-a': '1' } })
    expect(res.headers.get('content-type')).toBe('text/plain;charset=UTF-8')
    expect(await res.text()).toBe('hi')
    expect(lightParts(res)).toBeNull()
  })

  it('refuses what the fetch standard refuses', () => {
    // Errors from the platform's Response (another realm than Jest's: match the message).
    expect(() => new LightResponse('x', { status: 99 })).toThrow(/200 to 599/)
    expect(() => new LightResponse('x', { status: 204 })).toThrow(/status/)
  })

  it('becomes a touche response without a stream for strings and bytes', () => {
    const text = fromWebResponse(new LightResponse('hello') as unknown as Response)
    expect(text.body).toBe('hello')
    expect(text.headers.get('content-type')).toBe('text/plain;charset=UTF-8')
    const bytes = new Uint8Array([1, 2])
    expect(fromWebResponse(new LightResponse(bytes) as unknown as Response).body).toBe(bytes)
  })

  it('keeps headers a middleware added after the response was made', () => {
    const res = new LightResponse('x', { headers: { 'x-a': '1' } })
    res.headers.append('set-cookie', 'a=1')
    res.headers.append('set-cookie', 'b=2')
    const out = fromWebResponse(res as unknown as Response)
    expect(out.headers.get('x-a')).toBe('1')
    expect(out.headers.getAll('set-cookie')).toEqual(['a=1', 'b=2'])
  })

  it('is what new Response makes once the light globals are installed', () => {
    useLightGlobals()
    expect(lightParts(new Response('x'))).not.toBeNull()
    restoreGlobals()
    expect(lightParts(new Response('x'))).toBeNull()
  })
})
