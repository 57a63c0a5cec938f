// The one package an app adds: every public export of the touche packages, re-exported, and no
// code of its own. Each block below mirrors one package's `index.ts`; names a later package
// re-exports from an earlier one appear once, under the earlier one.
// test/facade.test.ts checks that every runtime export of every dependency is here.

// @touche/http-types: the value types.
export {
  Extensions,
  HTTP_ERRORS,
  HeaderEntry,
  HeaderMap,
  HeaderName,
  HeaderValue,
  HttpError,
  InvalidHeaderName,
  InvalidHeaderValue,
  InvalidMethod,
  InvalidStatusCode,
  InvalidUri,
  InvalidVersion,
  MaxSizeReached,
  MessageBuilder,
  Method,
  REASON_PHRASES,
  Request,
  RequestBuilder,
  Response,
  ResponseBuilder,
  StatusCode,
  ToStrError,
  Uri,
  Version,
  asciiLower,
  isFieldValue,
  isFieldValueByte,
  isToken,
  isTokenByte,
} from '@touche/http-types'
export type {
  BuiltHead,
  ExtensionClass,
  ExtensionKey,
  ExtensionKeyLike,
  HeaderMapInit,
  HeaderNameLike,
  HeaderValueLike,
  HttpErrorInfo,
  HttpErrorKind,
  ReasonPhrases,
  RequestParts,
  ResponseParts,
  UriForm,
} from '@touche/http-types'

// @touche/body: the streaming message body both sides share.
export {
  BODY_ERRORS,
  Body,
  BodyError,
  BodySender,
  DEFAULT_CHANNEL_HIGH_WATER_MARK,
} from '@touche/body'
export type {
  BodyErrorCode,
  BodyErrorInfo,
  BodyErrorKind,
  BodyFromOptions,
  BodyInit,
  ReadableStreamLike,
  SizeHint,
  TrailersFn,
} from '@touche/body'

// @touche/server: listeners, connections, requests and responses.
export {
  ConnectionInfo,
  DEFAULT_BACKLOG,
  DEFAULT_BODY_HIGH_WATER_MARK,
  DEFAULT_BODY_MIN_RATE,
  DEFAULT_BODY_RATE_GRACE,
  DEFAULT_BODY_READ_TIMEOUT,
  DEFAULT_DIRECT_READS,
  DEFAULT_DRAIN_TIMEOUT,
  DEFAULT_HALF_CLOSE_TIMEOUT,
  DEFAULT_HEADER_READ_TIMEOUT,
  DEFAULT_INCOMING_CAPACITY,
  DEFAULT_KEEP_ALIVE_TIMEOUT,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_DRAIN_BYTES,
  DEFAULT_MAX_PIPELINED_REQUESTS,
  DEFAULT_MAX_REQUESTS_PER_CONNECTION,
  DEFAULT_REQUEST_TIMEOUT,
  DEFAULT_SHUTDOWN_GRACE,
  DEFAULT_SHUTDOWN_TIMEOUT,
  Informational,
  NodeRequest,
  PendingRequest,
  SERVER_ERRORS,
  Server,
  ServerBuilder,
  ServerError,
  ServerHandle,
  Upgrade,
  resolveOptions,
  serveConnection,
  supportsReusePort,
} from '@touche/server'
export type {
  BoundAddress,
  ContinueDecision,
  Handler,
  HandlerResult,
  ListenOptions,
  MakeService,
  ServeConnectionOptions,
  ServeOptions,
  ServerErrorCode,
  ServerErrorInfo,
  ServerErrorKind,
  ServerOptions,
  ServerOptionsInit,
  Service,
  ServiceObject,
  UpgradeHandler,
  UpgradeListener,
} from '@touche/server'

// @touche/fetch: fetch-style apps (Hono, any (Request) => Response) on the server.
export {
  FetchEnv,
  LightResponse,
  fetchService,
  fromWebResponse,
  getConnInfo,
  isLazyRequest,
  restoreGlobals,
  serve,
  toWebRequest,
  unwrapRequest,
  useLightGlobals,
} from '@touche/fetch'
export type { ConnInfo, FetchHandler, FetchServeOptions, ListeningInfo } from '@touche/fetch'

// @touche/client: connections and pools to other servers.
export {
  CLIENT_ERRORS,
  Client,
  ClientError,
  DEFAULT_BODY_TIMEOUT,
  DEFAULT_CONNECT_TIMEOUT,
  DEFAULT_EXPECT_CONTINUE_TIMEOUT,
  DEFAULT_HEADERS_TIMEOUT,
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_KEEP_ALIVE_MARGIN,
  DEFAULT_MAX_CONNECTIONS_PER_ORIGIN,
  DEFAULT_PIPELINING,
  SendRequest,
  Upgraded,
  handshake,
} from '@touche/client'
export type {
  ClientErrorCode,
  ClientErrorInfo,
  ClientErrorKind,
  ClientOptions,
  ConnectionOptions,
  SendOptions,
} from '@touche/client'
