import { HeaderMap } from './header-map.js'

function lines(h: HeaderMap): string[] {
  const out: string[] = []
  h.forEach((value, name) => out.push(`${name}: ${value}`))
  return out
}

describe('HeaderMap and WHATWG Headers', () => {
  test('fromHeaders keeps each Set-Cookie separate', () => {
    const headers = new Headers()
    headers.append('Set-Cookie', 'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT')
    headers.append('Content-Type', 'text/plain')
    headers.append('set-cookie', 'b=2')
    headers.append('Vary', 'accept')
    headers.append('vary', 'origin')
    const h = HeaderMap.fromHeaders(headers)
    expect(h.getAll('set-cookie')).toEqual(['a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT', 'b=2'])
    expect(h.get('content-type')).toBe('text/plain')
    expect(h.getAll('vary')).toEqual(['accept, origin'])
    expect(lines(new HeaderMap(headers))).toEqual(lines(h))
  })

  test('toHeaders keeps each Set-Cookie separate and joins other repeats', () => {
    const h = new HeaderMap([
      ['Set-Cookie', 'a=1, b'],
      ['set-cookie', 'c=3'],
      ['vary', 'accept'],
      ['Vary', 'origin'],
    ])
    const headers = h.toHeaders()
    expect(headers.getSetCookie()).toEqual(['a=1, b', 'c=3'])
    expect(headers.get('vary')).toBe('accept, origin')
  })

  test('Headers -> HeaderMap -> Headers is lossless', () => {
    const original = new Headers([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2, c=3'],
      ['accept', 'text/html'],
      ['x-latin1', 'caf\xe9'],
    ])
    const back = HeaderMap.fromHeaders(original).toHeaders()
    expect([...back]).toEqual([...original])
    expect(back.getSetCookie()).toEqual(original.getSetCookie())
  })
})
