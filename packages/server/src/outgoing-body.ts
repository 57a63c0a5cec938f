import type { Encoder } from '@touche/h1'
import type { HeaderMap } from '@touche/http-types'
import { ServerError } from './errors.js'
import type { BodyReader } from '@touche/body/internal'
import type { Transport } from './transport.js'

/** Queued body bytes past which they are sent at once rather than at the end of the turn. */
const SEND_NOW_BYTES = 64 * 1024

/**
 * Pumps a streamed response body through the h1 `Encoder` (hyper's `Dispatcher::poll_write`):
 * each chunk is framed and written, and when the socket's buffer is over its mark the pump waits
 * for `drain`, so a slow client never makes the server hold the whole body. Trailers are written
 * after the last chunk when the body is chunked.
 *
 * The returned promise never rejects: it resolves with null when the body was written to its
 * end, or with the error that stopped it (the caller then tears the connection down, so the
 * client sees a truncated message rather than a fake end).
 *
 * @example
 * ```ts
 * const failure = await pumpBody(transport, reader, Encoder.chunked())
 * if (failure) transport.destroy()
 * ```
 */
export async function pumpBody(
  transport: Transport,
  reader: BodyReader,
  encoder: Encoder
): Promise<ServerError | null> {
  try {
    let queued = 0
    for (;;) {
      // What is ready now is queued in this turn and leaves in one write with the head (the
      // turn's flush); waiting for more lets that flush happen first.
      let chunk = reader.readNow()
      if (chunk === undefined) {
        queued = 0
        chunk = await reader.read()
      }
      if (!transport.isWritable) {
        reader.cancel(undefined)
        return new ServerError('ERR_SERVER_CANCELED')
      }
      if (chunk === null) break
      if (chunk.length === 0) continue
      const pieces = encoder.encode(chunk)
      for (let i = 0; i < pieces.length; i++) transport.writeBytes(pieces[i]!)
      queued += chunk.length
      if (queued < SEND_NOW_BYTES && !transport.needsDrain) continue
      queued = 0
      transport.flush()
      if (transport.needsDrain) {
        await transport.drained()
        if (!transport.isWritable) {
          reader.cancel(undefined)
          return new ServerError('ERR_SERVER_CANCELED')
        }
      }
    }
    let trailers: HeaderMap | null = null
    if (encoder.isChunked) trailers = await reader.trailers()
    const end = encoder.end(trailers)
    if (end !== null) transport.writeBytes(end)
    return null
  } catch (error) {
    // What the body gave before it failed still goes out, ahead of the teardown.
    transport.flush()
    reader.cancel(error)
    if (error instanceof ServerError && error.isCanceled()) return error
    return new ServerError('ERR_SERVER_BODY_WRITE', { cause: error })
  }
}
