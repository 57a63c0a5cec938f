export type { Limits } from './limits.js'
export {
  DEFAULT_LIMITS,
  DEFAULT_MAX_CHUNK_EXTENSION_BYTES,
  DEFAULT_MAX_HEADERS,
  DEFAULT_MAX_HEAD_BYTES,
  DEFAULT_MAX_REQUEST_LINE_BYTES,
  DEFAULT_MAX_TRAILER_BYTES,
  resolveLimits,
} from './limits.js'
export type { EncodeErrorKind, ParseErrorInfo, ParseErrorKind } from './errors.js'
export { ENCODE_ERRORS, EncodeError, PARSE_ERRORS, ParseError } from './errors.js'
export type { BodyLength, DecodeStep, ParsedRequest, ParsedResponse } from './types.js'
export { Decoder } from './decode.js'
export type { DecoderKind } from './decode.js'
export { Encoder } from './encode.js'
export type { EncoderKind } from './encode.js'
export { writeRequestHead, writeResponseHead } from './write-head.js'
export type { RequestHeadInit, ResponseHeadInit } from './write-head.js'
export { RequestParser } from './parse-request.js'
export { ResponseParser } from './parse-response.js'
export type { ResponseContext } from './parse-response.js'
export {
  CONN_CLOSE,
  CONN_KEEP_ALIVE,
  CONN_UPGRADE,
  connectionOptionsOf,
  contentLengthOf,
  requestBodyLength,
  responseBodyLength,
  responseHasBody,
} from './framing.js'
export type { FramingFacts } from './framing.js'
