// Entry points for `@touche/server` and `@touche/client` only, published as
// `@touche/body/internal`: how the side carrying a message reads a body's source and feeds an
// incoming one. Not part of the public API; they may change in any release.
export { discardBody, peekSource, useSource } from './body.js'
export { ChunkQueue } from './body-queue.js'
export type { QueueProducer } from './body-queue.js'
export { collect, readerOf, toBytes } from './body-source.js'
export type { BodyReader, BodySource } from './body-source.js'
export { errorMessage } from './errors.js'
