import { Encoder, writeResponseHead } from '@touche/h1'
import type { Response } from '@touche/http-types'
import { HeaderName, Method, Version } from '@touche/http-types'
import { Body } from '@touche/body'
import type { BodyInit } from '@touche/body'
import { discardBody, peekSource, readerOf, useSource } from '@touche/body/internal'
import type { BodyReader, BodySource } from '@touche/body/internal'
import { httpDate } from './date.js'
import { ServerError } from './errors.js'
import type { Exchange } from './exchange.js'
import type { ServerOptions } from './options.js'
import { pumpBody } from './outgoing-body.js'
import {
  canDrain,
  canHaveFraming,
  declaredLength,
  keepsAlive,
  responseFraming,
} from './server-role.js'
import type { Transport } from './transport.js'
import { Upgrade } from './upgrade.js'
import type { UpgradeHandler, UpgradeListener } from './upgrade.js'

/** What writing a response led to. */
export type WriteOutcome =
  | { readonly kind: 'done' }
  | {
      readonly kind: 'streaming'
      readonly pumped: Promise<ServerError | null>
      readonly reader: BodyReader
    }
  | {
      readonly kind: 'upgrade'
      readonly handler: UpgradeHandler | null
      readonly takeover: UpgradeListener | null
    }

const DONE: WriteOutcome = { kind: 'done' }

/** What the writer needs from its connection. */
export interface WriterContext {
  readonly transport: Transport
  readonly options: ServerOptions
}

/**
 * Writes one response: decides framing and keep-alive (via `server-role.ts`), serialises the
 * head with the cached Date (and `Keep-Alive: timeout=N` when the connection persists, so
 * clients retire idle connections before the server closes them), and writes a fixed body in the
 * same write as the head; a streamed body is handed to `pumpBody`. A 101 (or 2xx to CONNECT) is
 * written without a body and handed back for the upgrade.
 *
 * @throws ServerError `user` when the response cannot be written as given (before any byte is
 *   queued, so the caller can still answer 500).
 */
export function writeResponse(ctx: WriterContext, ex: Exchange): WriteOutcome {
  const res = ex.response
  const status = res.status
  const code = status.code
  const headers = res.headers
  const method = ex.method
  const tunnel = method === Method.CONNECT && code >= 200 && code < 300
  if (code === 101 || tunnel) return writeUpgrade(ctx, ex, res)
  // Only a request that asked to upgrade can be taken over; reading extensions costs otherwise.
  if (ex.upgradeRequested) {
    const takeover = res.extensions.get(Upgrade)?.takeover
    if (takeover != null) return takeOver(ex, takeover)
  }
  if (code < 200) throw userError('a final response cannot have a 1xx status')
  // A refused CONNECT may be followed by tunnel bytes the client sent optimistically.
  if (method === Method.CONNECT) ex.requireClose()

  let fixed: string | Uint8Array | null = null
  let src: BodySource | null = null
  let length: number | undefined
  // Whether the length comes from the handler's body or headers, not from a body left out.
  let lengthGiven = true
  const init = res.body
  if (init === null || init === undefined) {
    fixed = ''
    length = 0
    lengthGiven = false
  } else if (typeof init === 'string') {
    fixed = init
    length = Buffer.byteLength(init)
  } else if (init instanceof Uint8Array) {
    fixed = init
    length = init.length
  } else {
    const body = init instanceof Body ? init : Body.from(init)
    const peek = peekSource(body)
    if (peek.kind === 'string' || peek.kind === 'bytes' || peek.kind === 'empty') {
      useSource(body)
      fixed = peek.kind === 'empty' ? '' : peek.data
      length = body.length
      lengthGiven = peek.kind !== 'empty'
    } else {
      src = useSource(body)
      length = src.length >= 0 ? src.length : declaredLength(headers)
    }
  }

  let reader: BodyReader | null = null
  if (src !== null) {
    try {
      reader = readerOf(src)
    } catch (error) {
      throw userError('the response body cannot be read', error)
    }
  }

  const framing = responseFraming(method, code, ex.http10, length, headers.has(HeaderName.TRAILER))
  const options = ctx.options
  const keepAlive = keepsAlive(ex.keepAlive, true, framing, headers, bodyReusable(ex, options))
  if (!keepAlive) ex.requireClose()
  // Framing fields the handler set would contradict the framing chosen (RFC 9112 §6.1, §6.3).
  const framable = framing !== 'none' || canHaveFraming(method, code)
  let contentLength: number | undefined
  if (framing === 'length') contentLength = length
  else if (framing === 'none' && framable && lengthGiven) {
    // A HEAD response announces the length a GET would have, unless the handler said it; a
    // response with no body given has no length to announce (RFC 9110 §9.3.2).
    if (!(method === Method.HEAD && headers.has(HeaderName.CONTENT_LENGTH))) contentLength = length
  }
  let head: string
  try {
    head = writeResponseHead({
      status,
      version: Version.HTTP_11,
      headers,
      contentLength,
      chunked: framing === 'chunked',
      omitFraming: framing === 'close' || !framable,
      date: httpDate(),
      connection: keepAlive ? (ex.http10 ? 'keep-alive' : null) : 'close',
      keepAliveTimeout: keepAlive ? keepAliveSeconds(options.keepAliveTimeout) : undefined,
      titleCase: options.titleCaseHeaders,
    })
  } catch (error) {
    reader?.cancel(error)
    throw userError('the response head cannot be written', error)
  }
  ex.markHeadWritten()
  const t = ctx.transport

  if (framing === 'none') {
    t.writeLatin1(head)
    reader?.cancel(undefined)
    return DONE
  }
  if (fixed !== null && framing === 'length') {
    if (typeof fixed === 'string') {
      if (fixed.length === length) t.writeLatin1(head + fixed)
      else {
        t.writeLatin1(head)
        t.writeBytes(Buffer.from(fixed, 'utf8'))
      }
    } else {
      t.writeLatin1(head)
      t.writeBytes(fixed)
    }
    return DONE
  }
  reader ??= readerOf({ kind: 'bytes', data: toBytes(fixed), length: -1 })
  const encoder =
    framing === 'length'
      ? Encoder.length(length!)
      : framing === 'chunked'
        ? Encoder.chunked()
        : Encoder.closeDelimited()
  t.writeLatin1(head)
  return { kind: 'streaming', pumped: pumpBody(t, reader, encoder), reader }
}

/** Whether the request body lets the connection be reused after this response. */
function bodyReusable(ex: Exchange, options: ServerOptions): boolean {
  const body = ex.incoming
  if (body === null) return true
  return canDrain(
    {
      isDone: body.isDone,
      clientMaySend: ex.clientMaySend,
      remaining: body.remaining,
      isUsed: ex.request !== null && ex.request.body.bodyUsed,
    },
    options.maxDrainBytes
  )
}

/** The idle timeout in whole seconds, as `Keep-Alive: timeout=N` says it; none when disabled. */
function keepAliveSeconds(ms: number): number | undefined {
  return ms > 0 && ms !== Infinity ? Math.floor(ms / 1000) : undefined
}

/** `Upgrade.takeover`: nothing is written, the listener answers. */
function takeOver(ex: Exchange, takeover: UpgradeListener): WriteOutcome {
  discardBody(ex.response.body)
  ex.markHeadWritten()
  ex.requireClose()
  return { kind: 'upgrade', handler: null, takeover }
}

function writeUpgrade(ctx: WriterContext, ex: Exchange, res: Response<BodyInit>): WriteOutcome {
  if (!ex.upgradeRequested) throw userError('101 answers a request that did not ask to upgrade')
  const upgrade = res.extensions.get(Upgrade)
  if (upgrade?.takeover != null) return takeOver(ex, upgrade.takeover)
  if (res.status.code === 101 && upgrade === undefined) {
    throw userError('a 101 response needs an Upgrade extension')
  }
  let head: string
  try {
    head = writeResponseHead({
      status: res.status,
      version: Version.HTTP_11,
      headers: res.headers,
      omitFraming: true,
      date: httpDate(),
      titleCase: ctx.options.titleCaseHeaders,
    })
  } catch (error) {
    throw userError('the response head cannot be written', error)
  }
  ex.markHeadWritten()
  ex.requireClose()
  ctx.transport.writeLatin1(head)
  return { kind: 'upgrade', handler: upgrade?.handler ?? null, takeover: null }
}

function toBytes(fixed: string | Uint8Array | null): Uint8Array {
  if (fixed === null) return new Uint8Array(0)
  return typeof fixed === 'string' ? Buffer.from(fixed, 'utf8') : fixed
}

function userError(message: string, cause?: unknown): ServerError {
  return new ServerError('ERR_SERVER_USER', { message, cause })
}
