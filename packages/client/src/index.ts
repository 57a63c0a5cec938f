export { BODY_ERRORS, Body, BodyError, BodySender } from '@touche/body'
export type {
  BodyErrorCode,
  BodyFromOptions,
  BodyInit,
  ReadableStreamLike,
  SizeHint,
  TrailersFn,
} from '@touche/body'
export { CLIENT_ERRORS, ClientError } from './errors.js'
export type { ClientErrorCode, ClientErrorInfo, ClientErrorKind } from './errors.js'
export type { SendOptions } from './exchange.js'
export { handshake } from './handshake.js'
export {
  DEFAULT_BODY_HIGH_WATER_MARK,
  DEFAULT_BODY_TIMEOUT,
  DEFAULT_CONNECT_TIMEOUT,
  DEFAULT_EXPECT_CONTINUE_TIMEOUT,
  DEFAULT_HEADERS_TIMEOUT,
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_KEEP_ALIVE_MARGIN,
  DEFAULT_MAX_CONNECTIONS_PER_ORIGIN,
  DEFAULT_MAX_DRAIN_BYTES,
  DEFAULT_PIPELINING,
} from './options.js'
export type { ClientOptions, ConnectionOptions } from './options.js'
export { SendRequest } from './send-request.js'
export { Upgraded } from './upgraded.js'
export { Client } from './client.js'
