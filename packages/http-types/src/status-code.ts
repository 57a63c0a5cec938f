import { InvalidStatusCode } from './errors.js'
import { REASON_PHRASES } from './reasons.js'

/** One instance per code 100..999, created on first use, so status codes compare with `===`. */
const interned: (StatusCode | undefined)[] = []

/**
 * An HTTP status code (RFC 9110 §15): an integer from 100 to 999. Every IANA-registered code has
 * a constant and a canonical reason phrase; {@link StatusCode.from} returns the same instance for
 * the same number.
 *
 * @example
 * ```ts
 * import { StatusCode } from '@touche/http-types'
 * StatusCode.from(404) === StatusCode.NOT_FOUND // true
 * StatusCode.NOT_FOUND.canonicalReason() // 'Not Found'
 * StatusCode.NOT_FOUND.isClientError() // true
 * ```
 */
export class StatusCode {
  /** 100 (RFC 9110 §15.2.1). */
  static readonly CONTINUE: StatusCode = StatusCode.from(100)
  /** 101 (RFC 9110 §15.2.2). */
  static readonly SWITCHING_PROTOCOLS: StatusCode = StatusCode.from(101)
  /** 102 (RFC 2518). */
  static readonly PROCESSING: StatusCode = StatusCode.from(102)
  /** 103 (RFC 8297). */
  static readonly EARLY_HINTS: StatusCode = StatusCode.from(103)
  /** 200 (RFC 9110 §15.3.1). */
  static readonly OK: StatusCode = StatusCode.from(200)
  /** 201 (RFC 9110 §15.3.2). */
  static readonly CREATED: StatusCode = StatusCode.from(201)
  /** 202 (RFC 9110 §15.3.3). */
  static readonly ACCEPTED: StatusCode = StatusCode.from(202)
  /** 203 (RFC 9110 §15.3.4). */
  static readonly NON_AUTHORITATIVE_INFORMATION: StatusCode = StatusCode.from(203)
  /** 204 (RFC 9110 §15.3.5). */
  static readonly NO_CONTENT: StatusCode = StatusCode.from(204)
  /** 205 (RFC 9110 §15.3.6). */
  static readonly RESET_CONTENT: StatusCode = StatusCode.from(205)
  /** 206 (RFC 9110 §15.3.7). */
  static readonly PARTIAL_CONTENT: StatusCode = StatusCode.from(206)
  /** 207 (RFC 4918). */
  static readonly MULTI_STATUS: StatusCode = StatusCode.from(207)
  /** 208 (RFC 5842). */
  static readonly ALREADY_REPORTED: StatusCode = StatusCode.from(208)
  /** 226 (RFC 3229). */
  static readonly IM_USED: StatusCode = StatusCode.from(226)
  /** 300 (RFC 9110 §15.4.1). */
  static readonly MULTIPLE_CHOICES: StatusCode = StatusCode.from(300)
  /** 301 (RFC 9110 §15.4.2). */
  static readonly MOVED_PERMANENTLY: StatusCode = StatusCode.from(301)
  /** 302 (RFC 9110 §15.4.3). */
  static readonly FOUND: StatusCode = StatusCode.from(302)
  /** 303 (RFC 9110 §15.4.4). */
  static readonly SEE_OTHER: StatusCode = StatusCode.from(303)
  /** 304 (RFC 9110 §15.4.5). */
  static readonly NOT_MODIFIED: StatusCode = StatusCode.from(304)
  /** 305 (RFC 9110 §15.4.6, deprecated). */
  static readonly USE_PROXY: StatusCode = StatusCode.from(305)
  /** 306 (RFC 9110 §15.4.7, unused). */
  static readonly SWITCH_PROXY: StatusCode = StatusCode.from(306)
  /** 307 (RFC 9110 §15.4.8). */
  static readonly TEMPORARY_REDIRECT: StatusCode = StatusCode.from(307)
  /** 308 (RFC 9110 §15.4.9). */
  static readonly PERMANENT_REDIRECT: StatusCode = StatusCode.from(308)
  /** 400 (RFC 9110 §15.5.1). */
  static readonly BAD_REQUEST: StatusCode = StatusCode.from(400)
  /** 401 (RFC 9110 §15.5.2). */
  static readonly UNAUTHORIZED: StatusCode = StatusCode.from(401)
  /** 402 (RFC 9110 §15.5.3). */
  static readonly PAYMENT_REQUIRED: StatusCode = StatusCode.from(402)
  /** 403 (RFC 9110 §15.5.4). */
  static readonly FORBIDDEN: StatusCode = StatusCode.from(403)
  /** 404 (RFC 9110 §15.5.5). */
  static readonly NOT_FOUND: StatusCode = StatusCode.from(404)
  /** 405 (RFC 9110 §15.5.6). */
  static readonly METHOD_NOT_ALLOWED: StatusCode = StatusCode.from(405)
  /** 406 (RFC 9110 §15.5.7). */
  static readonly NOT_ACCEPTABLE: StatusCode = StatusCode.from(406)
  /** 407 (RFC 9110 §15.5.8). */
  static readonly PROXY_AUTHENTICATION_REQUIRED: StatusCode = StatusCode.from(407)
  /** 408 (RFC 9110 §15.5.9). */
  static readonly REQUEST_TIMEOUT: StatusCode = StatusCode.from(408)
  /** 409 (RFC 9110 §15.5.10). */
  static readonly CONFLICT: StatusCode = StatusCode.from(409)
  /** 410 (RFC 9110 §15.5.11). */
  static readonly GONE: StatusCode = StatusCode.from(410)
  /** 411 (RFC 9110 §15.5.12). */
  static readonly LENGTH_REQUIRED: StatusCode = StatusCode.from(411)
  /** 412 (RFC 9110 §15.5.13). */
  static readonly PRECONDITION_FAILED: StatusCode = StatusCode.from(412)
  /** 413 (RFC 9110 §15.5.14). */
  static readonly CONTENT_TOO_LARGE: StatusCode = StatusCode.from(413)
  /** 414 (RFC 9110 §15.5.15). */
  static readonly URI_TOO_LONG: StatusCode = StatusCode.from(414)
  /** 415 (RFC 9110 §15.5.16). */
  static readonly UNSUPPORTED_MEDIA_TYPE: StatusCode = StatusCode.from(415)
  /** 416 (RFC 9110 §15.5.17). */
  static readonly RANGE_NOT_SATISFIABLE: StatusCode = StatusCode.from(416)
  /** 417 (RFC 9110 §15.5.18). */
  static readonly EXPECTATION_FAILED: StatusCode = StatusCode.from(417)
  /** 418 (RFC 9110 §15.5.19, unused). */
  static readonly IM_A_TEAPOT: StatusCode = StatusCode.from(418)
  /** 421 (RFC 9110 §15.5.20). */
  static readonly MISDIRECTED_REQUEST: StatusCode = StatusCode.from(421)
  /** 422 (RFC 9110 §15.5.21). */
  static readonly UNPROCESSABLE_CONTENT: StatusCode = StatusCode.from(422)
  /** 423 (RFC 4918). */
  static readonly LOCKED: StatusCode = StatusCode.from(423)
  /** 424 (RFC 4918). */
  static readonly FAILED_DEPENDENCY: StatusCode = StatusCode.from(424)
  /** 425 (RFC 8470). */
  static readonly TOO_EARLY: StatusCode = StatusCode.from(425)
  /** 426 (RFC 9110 §15.5.22). */
  static readonly UPGRADE_REQUIRED: StatusCode = StatusCode.from(426)
  /** 428 (RFC 6585). */
  static readonly PRECONDITION_REQUIRED: StatusCode = StatusCode.from(428)
  /** 429 (RFC 6585). */
  static readonly TOO_MANY_REQUESTS: StatusCode = StatusCode.from(429)
  /** 431 (RFC 6585). */
  static readonly REQUEST_HEADER_FIELDS_TOO_LARGE: StatusCode = StatusCode.from(431)
  /** 451 (RFC 7725). */
  static readonly UNAVAILABLE_FOR_LEGAL_REASONS: StatusCode = StatusCode.from(451)
  /** 500 (RFC 9110 §15.6.1). */
  static readonly INTERNAL_SERVER_ERROR: StatusCode = StatusCode.from(500)
  /** 501 (RFC 9110 §15.6.2). */
  static readonly NOT_IMPLEMENTED: StatusCode = StatusCode.from(501)
  /** 502 (RFC 9110 §15.6.3). */
  static readonly BAD_GATEWAY: StatusCode = StatusCode.from(502)
  /** 503 (RFC 9110 §15.6.4). */
  static readonly SERVICE_UNAVAILABLE: StatusCode = StatusCode.from(503)
  /** 504 (RFC 9110 §15.6.5). */
  static readonly GATEWAY_TIMEOUT: StatusCode = StatusCode.from(504)
  /** 505 (RFC 9110 §15.6.6). */
  static readonly HTTP_VERSION_NOT_SUPPORTED: StatusCode = StatusCode.from(505)
  /** 506 (RFC 2295). */
  static readonly VARIANT_ALSO_NEGOTIATES: StatusCode = StatusCode.from(506)
  /** 507 (RFC 4918). */
  static readonly INSUFFICIENT_STORAGE: StatusCode = StatusCode.from(507)
  /** 508 (RFC 5842). */
  static readonly LOOP_DETECTED: StatusCode = StatusCode.from(508)
  /** 510 (RFC 2774, obsoleted). */
  static readonly NOT_EXTENDED: StatusCode = StatusCode.from(510)
  /** 511 (RFC 6585). */
  static readonly NETWORK_AUTHENTICATION_REQUIRED: StatusCode = StatusCode.from(511)
  /** 413 under its RFC 7231 name; the same instance as {@link StatusCode.CONTENT_TOO_LARGE}. */
  static readonly PAYLOAD_TOO_LARGE: StatusCode = StatusCode.from(413)
  /** 422 under its RFC 4918 name; the same instance as {@link StatusCode.UNPROCESSABLE_CONTENT}. */
  static readonly UNPROCESSABLE_ENTITY: StatusCode = StatusCode.from(422)

  /**
   * The numeric code, e.g. `404`.
   *
   * @example
   * ```ts
   * StatusCode.OK.code // 200
   * ```
   */
  readonly code: number

  private constructor(code: number) {
    this.code = code
    // Interned and shared by every module: nothing may change what `StatusCode.OK.code` is.
    Object.freeze(this)
  }

  /**
   * The status code `code`. Throws {@link InvalidStatusCode} unless it is an integer in 100..999.
   *
   * @example
   * ```ts
   * StatusCode.from(299).isSuccess() // true (unregistered codes are allowed)
   * ```
   */
  static from(code: number): StatusCode {
    const known = interned[code]
    if (known !== undefined) return known
    if (!Number.isInteger(code) || code < 100 || code > 999) {
      throw new InvalidStatusCode(`invalid status code: ${String(code)}`)
    }
    const status = new StatusCode(code)
    interned[code] = status
    return status
  }

  /**
   * The reason phrase registered for this code, or `undefined` for an unregistered code.
   *
   * @example
   * ```ts
   * StatusCode.IM_USED.canonicalReason() // 'IM Used'
   * StatusCode.from(599).canonicalReason() // undefined
   * ```
   */
  canonicalReason(): string | undefined {
    return REASON_PHRASES.get(this.code)
  }

  /**
   * Whether the code is 1xx (RFC 9110 §15.2).
   *
   * @example
   * ```ts
   * StatusCode.CONTINUE.isInformational() // true
   * ```
   */
  isInformational(): boolean {
    return this.code < 200
  }

  /**
   * Whether the code is 2xx (RFC 9110 §15.3).
   *
   * @example
   * ```ts
   * StatusCode.NO_CONTENT.isSuccess() // true
   * ```
   */
  isSuccess(): boolean {
    return this.code >= 200 && this.code < 300
  }

  /**
   * Whether the code is 3xx (RFC 9110 §15.4).
   *
   * @example
   * ```ts
   * StatusCode.FOUND.isRedirection() // true
   * ```
   */
  isRedirection(): boolean {
    return this.code >= 300 && this.code < 400
  }

  /**
   * Whether the code is 4xx (RFC 9110 §15.5).
   *
   * @example
   * ```ts
   * StatusCode.BAD_REQUEST.isClientError() // true
   * ```
   */
  isClientError(): boolean {
    return this.code >= 400 && this.code < 500
  }

  /**
   * Whether the code is 5xx (RFC 9110 §15.6).
   *
   * @example
   * ```ts
   * StatusCode.BAD_GATEWAY.isServerError() // true
   * ```
   */
  isServerError(): boolean {
    return this.code >= 500 && this.code < 600
  }

  /**
   * The three digits, e.g. `'404'`.
   *
   * @example
   * ```ts
   * `${StatusCode.OK}` // '200'
   * ```
   */
  toString(): string {
    return String(this.code)
  }

  /** Serialises as the number. */
  toJSON(): number {
    return this.code
  }
}
