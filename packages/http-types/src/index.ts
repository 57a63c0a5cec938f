export { isFieldValueByte, isToken, isTokenByte } from './chars.js'
export {
  HTTP_ERRORS,
  HttpError,
  InvalidHeaderName,
  InvalidHeaderValue,
  InvalidMethod,
  InvalidStatusCode,
  InvalidUri,
  InvalidVersion,
  MaxSizeReached,
  ToStrError,
} from './errors.js'
export type { HttpErrorInfo, HttpErrorKind } from './errors.js'
export { Extensions } from './extensions.js'
export type { ExtensionClass, ExtensionKey, ExtensionKeyLike } from './extensions.js'
export { HeaderEntry } from './header-entry.js'
export { HeaderMap } from './header-map.js'
export type { HeaderMapInit, HeaderNameLike, HeaderValueLike } from './header-fields.js'
export { HeaderName, asciiLower } from './header-name.js'
export { HeaderValue, isFieldValue } from './header-value.js'
export { MessageBuilder } from './message-builder.js'
export type { BuiltHead } from './message-builder.js'
export { Method } from './method.js'
export { REASON_PHRASES } from './reasons.js'
export type { ReasonPhrases } from './reasons.js'
export { Request, RequestBuilder } from './request.js'
export type { RequestParts } from './request.js'
export { Response, ResponseBuilder } from './response.js'
export type { ResponseParts } from './response.js'
export { StatusCode } from './status-code.js'
export { Uri } from './uri.js'
export type { UriForm } from './uri.js'
export { Version } from './version.js'
