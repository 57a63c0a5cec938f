export { Body } from './body.js'
export { BodySender } from './body-sender.js'
export { DEFAULT_CHANNEL_HIGH_WATER_MARK } from './body-queue.js'
export type {
  BodyFromOptions,
  BodyInit,
  ReadableStreamLike,
  SizeHint,
  TrailersFn,
} from './body-source.js'
export { BODY_ERRORS, BodyError } from './errors.js'
export type { BodyErrorCode, BodyErrorInfo, BodyErrorKind } from './errors.js'
