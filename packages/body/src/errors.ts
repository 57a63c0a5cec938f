/**
 * What went wrong with a body, one stable kind per area.
 *
 * @example
 * ```ts
 * if (err.kind === 'canceled') return
 * ```
 */
export type BodyErrorKind = 'canceled'

/**
 * One catalogue entry: the kind a code belongs to and what it means.
 *
 * @example
 * ```ts
 * const info: BodyErrorInfo = BODY_ERRORS.ERR_BODY_CANCELED
 * ```
 */
export interface BodyErrorInfo {
  readonly kind: BodyErrorKind
  readonly description: string
}

/**
 * The catalogue of body error codes. The README lists every entry, and a test keeps the two in
 * sync.
 *
 * @example
 * ```ts
 * import { BODY_ERRORS } from '@touche/body'
 * BODY_ERRORS.ERR_BODY_CANCELED.kind // 'canceled'
 * ```
 */
export const BODY_ERRORS = Object.freeze({
  ERR_BODY_CANCELED: entry(
    'canceled',
    'The body was abandoned: its reader canceled it, or the connection carrying it closed.'
  ),
} as const satisfies Record<string, BodyErrorInfo>)

/**
 * A stable body error code, `ERR_BODY_*`.
 *
 * @example
 * ```ts
 * const code: BodyErrorCode = 'ERR_BODY_CANCELED'
 * ```
 */
export type BodyErrorCode = keyof typeof BODY_ERRORS

/**
 * The error of `@touche/body`: a stable `kind` and `code`, and the `cause` that says why (for a
 * body the server or the client was carrying, that side's own error). **The message text is not
 * stable; match on `code` or `kind`.**
 *
 * @example
 * ```ts
 * import { Body, BodyError } from '@touche/body'
 * const [sender] = Body.channel()
 * sender.send('x').catch((err: unknown) => {
 *   if (err instanceof BodyError && err.isCanceled()) return // the reader is gone
 *   throw err
 * })
 * ```
 */
export class BodyError extends Error {
  override readonly name = 'BodyError'
  /** The area of the failure. */
  readonly kind: BodyErrorKind
  /** Stable machine-readable code, `ERR_BODY_*`. */
  readonly code: BodyErrorCode

  constructor(code: BodyErrorCode, options?: { cause?: unknown; message?: string }) {
    const info: BodyErrorInfo = BODY_ERRORS[code]
    super(options?.message ?? errorMessage(info.description, options?.cause), {
      cause: options?.cause,
    })
    this.code = code
    this.kind = info.kind
  }

  /** The body was canceled, or the connection closed under it. */
  isCanceled(): boolean {
    return this.kind === 'canceled'
  }
}

function entry(kind: BodyErrorKind, description: string): BodyErrorInfo {
  return Object.freeze({ kind, description })
}

/**
 * An error's message: its code's description, then what its cause says, so that a log of the
 * message alone tells why (`The socket failed: read ECONNRESET`), as hyper's errors display
 * their source. For `@touche/server` and `@touche/client` too (through `@touche/body/internal`).
 *
 * @example
 * ```ts
 * errorMessage('The socket failed.', new Error('read ECONNRESET')) // 'The socket failed: read ECONNRESET'
 * ```
 */
export function errorMessage(description: string, cause: unknown): string {
  let detail: unknown
  try {
    detail = cause instanceof Error ? cause.message : cause
  } catch {
    // A thrown value whose `message` getter throws (or a revoked proxy): the description alone.
    return description
  }
  if (typeof detail !== 'string' || detail === '') return description
  return `${description.endsWith('.') ? description.slice(0, -1) : description}: ${detail}`
}
