/**
 * Request heads used by the split, property and differential tests. `valid` holds well-formed
 * requests (every parser should agree on them), starting with the messages the parser benchmark
 * measures; `hostile` holds malformed or smuggling-shaped requests, each a complete message (it
 * has the empty line ending the head).
 */
import { BROWSER_GET, CHUNKED_POST, SMALL_GET } from '../../../benchmarks/src/parse-corpus.js'

export interface CorpusEntry {
  readonly name: string
  /** The raw message as a latin1 string: head, then any body bytes. */
  readonly raw: string
}

export const valid: readonly CorpusEntry[] = [
  { name: 'small GET', raw: SMALL_GET },
  { name: 'browser GET', raw: BROWSER_GET },
  { name: 'chunked POST', raw: CHUNKED_POST },
  {
    name: 'POST with Content-Length',
    raw: 'POST /form HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=1&b=2',
  },
  { name: 'HTTP/1.0 GET without Host', raw: 'GET /old HTTP/1.0\r\nUser-Agent: x\r\n\r\n' },
  { name: 'HTTP/1.0 keep-alive', raw: 'GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n' },
  { name: 'HEAD', raw: 'HEAD /x HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'OPTIONS *', raw: 'OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'CONNECT', raw: 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n' },
  {
    name: 'absolute-form',
    raw: 'GET http://example.com/a?b=c HTTP/1.1\r\nHost: example.com\r\n\r\n',
  },
  { name: 'extension method', raw: 'PURGE /cache/x HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'DELETE', raw: 'DELETE /items/7 HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n' },
  { name: 'PUT with body', raw: 'PUT /f HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc' },
  { name: 'PATCH', raw: 'PATCH /f HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}' },
  {
    name: 'websocket upgrade',
    raw: 'GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  },
  {
    name: 'expect 100-continue',
    raw: 'PUT /big HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nbody',
  },
  {
    name: 'duplicate fields',
    raw: 'GET / HTTP/1.1\r\nHost: a\r\nAccept: a\r\nX: 1\r\naccept: b\r\n\r\n',
  },
  {
    name: 'OWS and empty values',
    raw: 'GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Pad: \t v \t\r\n\r\n',
  },
  { name: 'leading zeros', raw: 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 002\r\n\r\nok' },
  { name: 'connection close', raw: 'GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n' },
  { name: 'TE trailers', raw: 'GET / HTTP/1.1\r\nHost: a\r\nTE: trailers\r\n\r\n' },
  { name: 'IPv6 Host', raw: 'GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n' },
  { name: 'empty Host', raw: 'GET / HTTP/1.1\r\nHost:\r\n\r\n' },
  {
    name: 'query with odd characters',
    raw: "GET /a/b;c?d=e&f=%20g|h~'!*() HTTP/1.1\r\nHost: a\r\n\r\n",
  },
  {
    name: 'HTTP/1.1 chunked body with extension',
    raw: 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\n\r\n',
  },
]

export const hostile: readonly CorpusEntry[] = [
  {
    name: 'Content-Length list',
    raw: 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\n\r\nok',
  },
  { name: 'space before colon', raw: 'GET / HTTP/1.1\r\nHost : a\r\n\r\n' },
  { name: 'obs-fold', raw: 'GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n c\r\n\r\n' },
  { name: 'bare CR in value', raw: 'GET / HTTP/1.1\r\nHost: a\r\nX: b\rc\r\n\r\n' },
  { name: 'NUL in value', raw: 'GET / HTTP/1.1\r\nHost: a\r\nX: b\x00c\r\n\r\n' },
  { name: 'bare LF line endings', raw: 'GET / HTTP/1.1\nHost: a\n\n' },
  { name: 'bare LF in a field line', raw: 'GET / HTTP/1.1\r\nHost: a\nX: y\r\n\r\n' },
  {
    name: 'CL and TE',
    raw: 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  },
  {
    name: 'differing CL',
    raw: 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcd',
  },
  {
    name: 'CL list differing',
    raw: 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4, 5\r\n\r\nabcd',
  },
  { name: 'signed CL', raw: 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +4\r\n\r\nabcd' },
  { name: 'hex CL', raw: 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x4\r\n\r\nabcd' },
  {
    name: 'CL with space inside',
    raw: 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\nabcd',
  },
  {
    name: 'huge CL',
    raw: 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n',
  },
  { name: 'TE gzip only', raw: 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n' },
  {
    name: 'TE chunked then gzip',
    raw: 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n',
  },
  {
    name: 'TE gzip then chunked',
    raw: 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n',
  },
  {
    name: 'TE chunked twice',
    raw: 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n',
  },
  { name: 'TE empty', raw: 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n\r\n' },
  { name: 'TE in HTTP/1.0', raw: 'POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n' },
  {
    name: 'TE with a space in the name',
    raw: 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n',
  },
  { name: 'missing Host', raw: 'GET / HTTP/1.1\r\nX: y\r\n\r\n' },
  { name: 'two Hosts', raw: 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n' },
  { name: 'invalid Host', raw: 'GET / HTTP/1.1\r\nHost: a b\r\n\r\n' },
  { name: 'HTTP/2.0 version', raw: 'GET / HTTP/2.0\r\nHost: a\r\n\r\n' },
  { name: 'HTTP/0.9 request line', raw: 'GET /\r\n\r\n' },
  { name: 'lower-case version', raw: 'GET / http/1.1\r\nHost: a\r\n\r\n' },
  { name: 'HTTP/1.2', raw: 'GET / HTTP/1.2\r\nHost: a\r\n\r\n' },
  { name: 'unregistered method', raw: 'FOO / HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'invalid method byte', raw: 'G{T / HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'high byte in target', raw: 'GET /caf\xe9 HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'control byte in target', raw: 'GET /a\x01b HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'asterisk for GET', raw: 'GET * HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'CONNECT origin-form', raw: 'CONNECT / HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'double space', raw: 'GET  / HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'two leading empty lines', raw: '\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n' },
  { name: 'whitespace before first field', raw: 'GET / HTTP/1.1\r\n Host: a\r\n\r\n' },
  { name: 'empty field name', raw: 'GET / HTTP/1.1\r\nHost: a\r\n: v\r\n\r\n' },
  { name: 'DEL in value', raw: 'GET / HTTP/1.1\r\nHost: a\r\nX: \x7f\r\n\r\n' },
  { name: 'obs-text in value', raw: 'GET / HTTP/1.1\r\nHost: a\r\nX: caf\xe9\r\n\r\n' },
  {
    name: 'chunked with parameters',
    raw: 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked;x=1\r\n\r\n0\r\n\r\n',
  },
]
