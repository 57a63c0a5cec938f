/**
 * The request heads the parser micro-benchmark measures: realistic shapes, from the smallest
 * request to a browser navigation and an API upload with a chunked body. h1's split, property and
 * differential tests parse the same messages (packages/h1/test/corpus.ts).
 */

const BROWSER_HEADERS = [
  'Host: www.example.com',
  'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Accept-Language: en-US,en;q=0.5',
  'Accept-Encoding: gzip, deflate, br, zstd',
  'Referer: https://www.example.com/articles/2024/06/index.html',
  'Connection: keep-alive',
  'Cookie: session=4f8a9c2e1b7d3a6f; theme=dark; _ga=GA1.2.1234567890.1718000000; consent=yes',
  'Upgrade-Insecure-Requests: 1',
  'Sec-Fetch-Dest: document',
  'Sec-Fetch-Mode: navigate',
  'Sec-Fetch-Site: same-origin',
  'Sec-Fetch-User: ?1',
  'Priority: u=0, i',
  'Cache-Control: max-age=0',
]

/** A browser-like GET with 15 fields. */
export const BROWSER_GET = `GET /articles/2024/06/http-parsing.html?utm_source=feed&page=2 HTTP/1.1\r\n${BROWSER_HEADERS.join('\r\n')}\r\n\r\n`

/** The smallest realistic request. */
export const SMALL_GET = 'GET / HTTP/1.1\r\nHost: example.com\r\n\r\n'

/** A POST with a chunked body (two chunks and the last chunk). */
export const CHUNKED_POST =
  'POST /api/v1/upload HTTP/1.1\r\nHost: api.example.com\r\nContent-Type: application/json\r\n' +
  'Transfer-Encoding: chunked\r\nUser-Agent: touche-bench/1.0\r\nAccept: */*\r\n\r\n' +
  '1a\r\n{"name":"touche","kind":1,\r\n10\r\n"ok":true,"n":1}\r\n0\r\n\r\n'

/** One benchmark entry: a whole request message, head and body. */
export interface ParseEntry {
  readonly name: string
  readonly raw: string
}

/** The entries, in report order. */
export const PARSE_ENTRIES: readonly ParseEntry[] = [
  { name: 'small GET', raw: SMALL_GET },
  { name: 'browser GET (15 fields)', raw: BROWSER_GET },
  { name: 'POST, chunked body', raw: CHUNKED_POST },
]
