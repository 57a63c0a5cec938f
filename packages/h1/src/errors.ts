/**
 * Why a message could not be parsed, one stable kind per rule. Each kind has a stable `code`
 * (`ERR_H1_*`) and the status a server should answer with.
 */
export type ParseErrorKind =
  | 'method'
  | 'target'
  | 'target-too-long'
  | 'version'
  | 'header-name'
  | 'header-value'
  | 'obs-fold'
  | 'line-ending'
  | 'too-many-headers'
  | 'head-too-large'
  | 'host'
  | 'content-length'
  | 'transfer-encoding'
  | 'unsupported-transfer-coding'
  | 'chunk-size'
  | 'chunk-data'
  | 'chunk-extension'
  | 'chunk-extension-too-long'
  | 'trailers'
  | 'trailers-too-large'
  | 'status'
  | 'incomplete'

/** One catalogue entry: the stable code, the status to answer with, and what it means. */
export interface ParseErrorInfo {
  readonly code: string
  readonly status: number
  readonly description: string
}

/**
 * The catalogue of parse errors. `docs/errors.md`-style tables are generated from it, and a test
 * keeps the package README in sync with it.
 *
 * @example
 * ```ts
 * import { PARSE_ERRORS } from '@touche/h1'
 * PARSE_ERRORS['head-too-large'].status // 431
 * ```
 */
export const PARSE_ERRORS: { readonly [K in ParseErrorKind]: ParseErrorInfo } = Object.freeze({
  method: info(
    'ERR_H1_METHOD',
    400,
    'The method is empty or has a byte that is not a token character.'
  ),
  target: info(
    'ERR_H1_TARGET',
    400,
    'The request-target is empty, malformed or has a forbidden byte.'
  ),
  'target-too-long': info(
    'ERR_H1_TARGET_TOO_LONG',
    414,
    'The request line, CRLF included, is longer than `maxRequestLineBytes`.'
  ),
  version: info('ERR_H1_VERSION', 505, 'The HTTP version is missing, malformed or not HTTP/1.x.'),
  'header-name': info(
    'ERR_H1_HEADER_NAME',
    400,
    'A field name is empty, has a non-token byte, or whitespace before the colon.'
  ),
  'header-value': info(
    'ERR_H1_HEADER_VALUE',
    400,
    'A field value has NUL, a bare CR or another control byte.'
  ),
  'obs-fold': info(
    'ERR_H1_OBS_FOLD',
    400,
    'A field line starts with whitespace (obsolete line folding, RFC 9112 §5.2).'
  ),
  'line-ending': info(
    'ERR_H1_LINE_ENDING',
    400,
    'A line ends in a bare CR, or in a bare LF while `allowBareLf` is off.'
  ),
  'too-many-headers': info(
    'ERR_H1_TOO_MANY_HEADERS',
    431,
    'The head has more field lines than `maxHeaders`.'
  ),
  'head-too-large': info('ERR_H1_HEAD_TOO_LARGE', 431, 'The head is larger than `maxHeadBytes`.'),
  host: info(
    'ERR_H1_HOST',
    400,
    'An HTTP/1.1 request has no Host, more than one, or an invalid one (RFC 9112 §3.2).'
  ),
  'content-length': info(
    'ERR_H1_CONTENT_LENGTH',
    400,
    'Content-Length is not 1*DIGIT, overflows 2^53-1, differs between repeats, or comes with Transfer-Encoding.'
  ),
  'transfer-encoding': info(
    'ERR_H1_TRANSFER_ENCODING',
    400,
    'Transfer-Encoding is empty, does not end in chunked, or appears in an HTTP/1.0 message.'
  ),
  'unsupported-transfer-coding': info(
    'ERR_H1_UNSUPPORTED_TRANSFER_CODING',
    501,
    'Transfer-Encoding names a coding this codec does not implement.'
  ),
  'chunk-size': info(
    'ERR_H1_CHUNK_SIZE',
    400,
    'A chunk size is not 1*HEXDIG, overflows 2^53-1, or its line is malformed.'
  ),
  'chunk-data': info('ERR_H1_CHUNK_DATA', 400, 'Chunk data is not followed by CRLF.'),
  'chunk-extension': info(
    'ERR_H1_CHUNK_EXTENSION',
    400,
    'A chunk extension is not `;` BWS token [ BWS `=` BWS ( token / quoted-string ) ] (RFC 9112 §7.1.1).'
  ),
  'chunk-extension-too-long': info(
    'ERR_H1_CHUNK_EXTENSION_TOO_LONG',
    400,
    'Chunk extensions summed over one body exceed `maxChunkExtensionBytes`.'
  ),
  trailers: info('ERR_H1_TRAILERS', 400, 'A trailer field is malformed.'),
  'trailers-too-large': info(
    'ERR_H1_TRAILERS_TOO_LARGE',
    431,
    'The trailer section exceeds `maxTrailerBytes` or `maxHeaders`.'
  ),
  status: info('ERR_H1_STATUS', 400, 'A status line is malformed (client side).'),
  incomplete: info('ERR_H1_INCOMPLETE', 400, 'The stream ended before the message was complete.'),
})

/**
 * A message broke an HTTP/1.1 rule. `kind` and `code` are stable; the message text is not.
 *
 * @example
 * ```ts
 * import { ParseError } from '@touche/h1'
 * try { parser.parse(bytes) } catch (e) {
 *   if (e instanceof ParseError) respond(e.status) // 400, 414, 431, 501 or 505
 * }
 * ```
 */
export class ParseError extends Error {
  override readonly name = 'ParseError'
  /** The rule that was broken. */
  readonly kind: ParseErrorKind
  /** Stable machine-readable code, `ERR_H1_*`. */
  readonly code: string
  /** The status a server should answer with before closing the connection. */
  readonly status: number

  constructor(kind: ParseErrorKind, message?: string, options?: { cause?: unknown }) {
    const entry = PARSE_ERRORS[kind]
    super(message ?? entry.description, options)
    this.kind = kind
    this.code = entry.code
    this.status = entry.status
  }
}

/** Why an outgoing body could not be encoded. */
export type EncodeErrorKind =
  'body-too-long' | 'body-too-short' | 'body-not-allowed' | 'body-ended' | 'trailers' | 'head'

/**
 * The catalogue of encode errors.
 *
 * @example
 * ```ts
 * import { ENCODE_ERRORS } from '@touche/h1'
 * ENCODE_ERRORS['body-too-short'].code // 'ERR_H1_BODY_TOO_SHORT'
 * ```
 */
export const ENCODE_ERRORS: {
  readonly [K in EncodeErrorKind]: { readonly code: string; readonly description: string }
} = Object.freeze({
  'body-too-long': {
    code: 'ERR_H1_BODY_TOO_LONG',
    description: 'More body bytes were written than the declared Content-Length.',
  },
  'body-too-short': {
    code: 'ERR_H1_BODY_TOO_SHORT',
    description: 'The body ended before the declared Content-Length was reached.',
  },
  'body-not-allowed': {
    code: 'ERR_H1_BODY_NOT_ALLOWED',
    description: 'Body bytes were written for a message that cannot have a body.',
  },
  'body-ended': {
    code: 'ERR_H1_BODY_ENDED',
    description: 'The body was written to or ended again after it had ended.',
  },
  trailers: {
    code: 'ERR_H1_TRAILERS_NOT_ALLOWED',
    description:
      'Trailers were given for a body that is not chunked, or a trailer field is not allowed.',
  },
  head: {
    code: 'ERR_H1_INVALID_HEAD',
    description:
      'A head cannot be written as asked: a reason phrase or request-target with a forbidden byte, a Content-Length that is not a safe integer, or chunked framing for HTTP/1.0.',
  },
})
for (const entry of Object.values(ENCODE_ERRORS)) Object.freeze(entry)

/**
 * Outgoing bytes would break the framing that was declared. `kind` and `code` are stable.
 *
 * @example
 * ```ts
 * import { Encoder, EncodeError } from '@touche/h1'
 * const enc = Encoder.length(5)
 * try { enc.end() } catch (e) { e instanceof EncodeError && e.kind === 'body-too-short' }
 * ```
 */
export class EncodeError extends Error {
  override readonly name = 'EncodeError'
  readonly kind: EncodeErrorKind
  readonly code: string

  constructor(kind: EncodeErrorKind, message?: string) {
    const entry = ENCODE_ERRORS[kind]
    super(message ?? entry.description)
    this.kind = kind
    this.code = entry.code
  }
}

function info(code: string, status: number, description: string): ParseErrorInfo {
  return Object.freeze({ code, status, description })
}
