import * as api from './index.js'

describe('package index', () => {
  test('exports exactly the public values', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'Extensions',
        'HTTP_ERRORS',
        'HeaderEntry',
        'HeaderMap',
        'HeaderName',
        'HeaderValue',
        'HttpError',
        'InvalidHeaderName',
        'InvalidHeaderValue',
        'InvalidMethod',
        'InvalidStatusCode',
        'InvalidUri',
        'InvalidVersion',
        'MaxSizeReached',
        'MessageBuilder',
        'Method',
        'REASON_PHRASES',
        'Request',
        'RequestBuilder',
        'Response',
        'ResponseBuilder',
        'StatusCode',
        'ToStrError',
        'Uri',
        'Version',
        'asciiLower',
        'isFieldValue',
        'isFieldValueByte',
        'isToken',
        'isTokenByte',
      ].sort()
    )
  })

  test('a parsed request head reads through the public API', () => {
    const headers = api.HeaderMap.fromRawUnchecked(['Host', 'example.com', 'Content-Length', '2'])
    const req = new api.Request('hi', {
      method: api.Method.from('POST'),
      uri: api.Uri.fromRawUnchecked('/submit?x=1'),
      version: api.Version.HTTP_11,
      headers,
    })
    expect(req.method).toBe(api.Method.POST)
    expect(req.uri.query).toBe('x=1')
    expect(req.headers.get(api.HeaderName.CONTENT_LENGTH)).toBe('2')
  })
})
