export {
  Extensions,
  HeaderMap,
  HeaderName,
  HeaderValue,
  HttpError,
  InvalidHeaderName,
  InvalidHeaderValue,
  InvalidMethod,
  InvalidStatusCode,
  InvalidUri,
  MaxSizeReached,
  Method,
  Request,
  RequestBuilder,
  Response,
  ResponseBuilder,
  StatusCode,
  Uri,
  Version,
} from '@touche/http-types'
export type { ExtensionKey, HeaderMapInit, RequestParts, ResponseParts } from '@touche/http-types'
export { BODY_ERRORS, Body, BodyError, BodySender } from '@touche/body'
export type {
  BodyErrorCode,
  BodyErrorKind,
  BodyFromOptions,
  BodyInit,
  ReadableStreamLike,
  SizeHint,
  TrailersFn,
} from '@touche/body'
export { ConnectionInfo } from './conn-info.js'
export type { ConnectionInfoInit } from './conn-info.js'
export { connectionOf } from './incoming-request.js'
export { SERVER_ERRORS, ServerError } from './errors.js'
export type { ServerErrorCode, ServerErrorInfo, ServerErrorKind } from './errors.js'
export { Informational } from './informational.js'
export {
  DEFAULT_BACKLOG,
  DEFAULT_BODY_HIGH_WATER_MARK,
  DEFAULT_BODY_MIN_RATE,
  DEFAULT_BODY_RATE_GRACE,
  DEFAULT_BODY_READ_TIMEOUT,
  DEFAULT_DIRECT_READS,
  DEFAULT_DRAIN_TIMEOUT,
  DEFAULT_HALF_CLOSE_TIMEOUT,
  DEFAULT_HEADER_READ_TIMEOUT,
  DEFAULT_KEEP_ALIVE_TIMEOUT,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_DRAIN_BYTES,
  DEFAULT_MAX_PIPELINED_REQUESTS,
  DEFAULT_MAX_READ_SIZE,
  DEFAULT_MAX_REQUESTS_PER_CONNECTION,
  DEFAULT_REQUEST_TIMEOUT,
  DEFAULT_SHUTDOWN_GRACE,
  DEFAULT_SHUTDOWN_TIMEOUT,
  resolveOptions,
} from './options.js'
export type { ServerOptions, ServerOptionsInit } from './options.js'
export { NodeRequest } from './node-request.js'
export { supportsReusePort } from './listen.js'
export { PendingRequest } from './pending-request.js'
export { DEFAULT_INCOMING_CAPACITY } from './request-queue.js'
export { serveConnection } from './serve-connection.js'
export type { ServeConnectionOptions } from './serve-connection.js'
export { Server, ServerBuilder } from './server.js'
export type { ListenOptions, ServeOptions } from './server.js'
export { ServerHandle } from './server-handle.js'
export type { BoundAddress } from './server-handle.js'
export type {
  ContinueDecision,
  Handler,
  HandlerResult,
  MakeService,
  Service,
  ServiceObject,
} from './service.js'
export { Upgrade } from './upgrade.js'
export type { UpgradeHandler, UpgradeListener } from './upgrade.js'
