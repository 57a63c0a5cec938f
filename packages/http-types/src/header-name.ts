import { isToken } from './chars.js'
import { InvalidHeaderName } from './errors.js'

/** Interned standard names, keyed by their lower-case text. */
const standardNames = new Map<string, HeaderName>()
/** Standard names as commonly sent (`content-type`, `Content-Type`) to their lower-case string. */
const canonicalLower = new Map<string, string>()

/**
 * A field name (RFC 9110 §5.1): a token, stored lower-case since names are case-insensitive.
 * Common names are constants, and {@link HeaderName.from} returns the constant for them.
 *
 * @example
 * ```ts
 * import { HeaderName } from '@touche/http-types'
 * HeaderName.from('Content-Type') === HeaderName.CONTENT_TYPE // true
 * HeaderName.from('X-Trace').toString() // 'x-trace'
 * ```
 */
export class HeaderName {
  static readonly ACCEPT: HeaderName = HeaderName.#standard('accept')
  static readonly ACCEPT_CHARSET: HeaderName = HeaderName.#standard('accept-charset')
  static readonly ACCEPT_ENCODING: HeaderName = HeaderName.#standard('accept-encoding')
  static readonly ACCEPT_LANGUAGE: HeaderName = HeaderName.#standard('accept-language')
  static readonly ACCEPT_RANGES: HeaderName = HeaderName.#standard('accept-ranges')
  static readonly ACCESS_CONTROL_ALLOW_CREDENTIALS: HeaderName = HeaderName.#standard(
    'access-control-allow-credentials'
  )
  static readonly ACCESS_CONTROL_ALLOW_HEADERS: HeaderName = HeaderName.#standard(
    'access-control-allow-headers'
  )
  static readonly ACCESS_CONTROL_ALLOW_METHODS: HeaderName = HeaderName.#standard(
    'access-control-allow-methods'
  )
  static readonly ACCESS_CONTROL_ALLOW_ORIGIN: HeaderName = HeaderName.#standard(
    'access-control-allow-origin'
  )
  static readonly ACCESS_CONTROL_EXPOSE_HEADERS: HeaderName = HeaderName.#standard(
    'access-control-expose-headers'
  )
  static readonly ACCESS_CONTROL_MAX_AGE: HeaderName =
    HeaderName.#standard('access-control-max-age')
  static readonly ACCESS_CONTROL_REQUEST_HEADERS: HeaderName = HeaderName.#standard(
    'access-control-request-headers'
  )
  static readonly ACCESS_CONTROL_REQUEST_METHOD: HeaderName = HeaderName.#standard(
    'access-control-request-method'
  )
  static readonly AGE: HeaderName = HeaderName.#standard('age')
  static readonly ALLOW: HeaderName = HeaderName.#standard('allow')
  static readonly ALT_SVC: HeaderName = HeaderName.#standard('alt-svc')
  static readonly AUTHORIZATION: HeaderName = HeaderName.#standard('authorization')
  static readonly CACHE_CONTROL: HeaderName = HeaderName.#standard('cache-control')
  static readonly CACHE_STATUS: HeaderName = HeaderName.#standard('cache-status')
  static readonly CDN_CACHE_CONTROL: HeaderName = HeaderName.#standard('cdn-cache-control')
  static readonly CONNECTION: HeaderName = HeaderName.#standard('connection')
  static readonly CONTENT_DISPOSITION: HeaderName = HeaderName.#standard('content-disposition')
  static readonly CONTENT_ENCODING: HeaderName = HeaderName.#standard('content-encoding')
  static readonly CONTENT_LANGUAGE: HeaderName = HeaderName.#standard('content-language')
  static readonly CONTENT_LENGTH: HeaderName = HeaderName.#standard('content-length')
  static readonly CONTENT_LOCATION: HeaderName = HeaderName.#standard('content-location')
  static readonly CONTENT_RANGE: HeaderName = HeaderName.#standard('content-range')
  static readonly CONTENT_SECURITY_POLICY: HeaderName =
    HeaderName.#standard('content-security-policy')
  static readonly CONTENT_SECURITY_POLICY_REPORT_ONLY: HeaderName = HeaderName.#standard(
    'content-security-policy-report-only'
  )
  static readonly CONTENT_TYPE: HeaderName = HeaderName.#standard('content-type')
  static readonly COOKIE: HeaderName = HeaderName.#standard('cookie')
  static readonly DATE: HeaderName = HeaderName.#standard('date')
  static readonly DNT: HeaderName = HeaderName.#standard('dnt')
  static readonly ETAG: HeaderName = HeaderName.#standard('etag')
  static readonly EXPECT: HeaderName = HeaderName.#standard('expect')
  static readonly EXPIRES: HeaderName = HeaderName.#standard('expires')
  static readonly FORWARDED: HeaderName = HeaderName.#standard('forwarded')
  static readonly FROM: HeaderName = HeaderName.#standard('from')
  static readonly HOST: HeaderName = HeaderName.#standard('host')
  static readonly IF_MATCH: HeaderName = HeaderName.#standard('if-match')
  static readonly IF_MODIFIED_SINCE: HeaderName = HeaderName.#standard('if-modified-since')
  static readonly IF_NONE_MATCH: HeaderName = HeaderName.#standard('if-none-match')
  static readonly IF_RANGE: HeaderName = HeaderName.#standard('if-range')
  static readonly IF_UNMODIFIED_SINCE: HeaderName = HeaderName.#standard('if-unmodified-since')
  static readonly KEEP_ALIVE: HeaderName = HeaderName.#standard('keep-alive')
  static readonly LAST_MODIFIED: HeaderName = HeaderName.#standard('last-modified')
  static readonly LINK: HeaderName = HeaderName.#standard('link')
  static readonly LOCATION: HeaderName = HeaderName.#standard('location')
  static readonly MAX_FORWARDS: HeaderName = HeaderName.#standard('max-forwards')
  static readonly ORIGIN: HeaderName = HeaderName.#standard('origin')
  static readonly PRAGMA: HeaderName = HeaderName.#standard('pragma')
  static readonly PROXY_AUTHENTICATE: HeaderName = HeaderName.#standard('proxy-authenticate')
  static readonly PROXY_AUTHORIZATION: HeaderName = HeaderName.#standard('proxy-authorization')
  static readonly PROXY_CONNECTION: HeaderName = HeaderName.#standard('proxy-connection')
  static readonly RANGE: HeaderName = HeaderName.#standard('range')
  static readonly REFERER: HeaderName = HeaderName.#standard('referer')
  static readonly REFERRER_POLICY: HeaderName = HeaderName.#standard('referrer-policy')
  static readonly REFRESH: HeaderName = HeaderName.#standard('refresh')
  static readonly RETRY_AFTER: HeaderName = HeaderName.#standard('retry-after')
  static readonly SEC_WEBSOCKET_ACCEPT: HeaderName = HeaderName.#standard('sec-websocket-accept')
  static readonly SEC_WEBSOCKET_EXTENSIONS: HeaderName = HeaderName.#standard(
    'sec-websocket-extensions'
  )
  static readonly SEC_WEBSOCKET_KEY: HeaderName = HeaderName.#standard('sec-websocket-key')
  static readonly SEC_WEBSOCKET_PROTOCOL: HeaderName =
    HeaderName.#standard('sec-websocket-protocol')
  static readonly SEC_WEBSOCKET_VERSION: HeaderName = HeaderName.#standard('sec-websocket-version')
  static readonly SERVER: HeaderName = HeaderName.#standard('server')
  static readonly SET_COOKIE: HeaderName = HeaderName.#standard('set-cookie')
  static readonly STRICT_TRANSPORT_SECURITY: HeaderName = HeaderName.#standard(
    'strict-transport-security'
  )
  static readonly TE: HeaderName = HeaderName.#standard('te')
  static readonly TRAILER: HeaderName = HeaderName.#standard('trailer')
  static readonly TRANSFER_ENCODING: HeaderName = HeaderName.#standard('transfer-encoding')
  static readonly UPGRADE: HeaderName = HeaderName.#standard('upgrade')
  static readonly UPGRADE_INSECURE_REQUESTS: HeaderName = HeaderName.#standard(
    'upgrade-insecure-requests'
  )
  static readonly USER_AGENT: HeaderName = HeaderName.#standard('user-agent')
  static readonly VARY: HeaderName = HeaderName.#standard('vary')
  static readonly VIA: HeaderName = HeaderName.#standard('via')
  static readonly WARNING: HeaderName = HeaderName.#standard('warning')
  static readonly WWW_AUTHENTICATE: HeaderName = HeaderName.#standard('www-authenticate')
  static readonly X_CONTENT_TYPE_OPTIONS: HeaderName =
    HeaderName.#standard('x-content-type-options')
  static readonly X_DNS_PREFETCH_CONTROL: HeaderName =
    HeaderName.#standard('x-dns-prefetch-control')
  static readonly X_FORWARDED_FOR: HeaderName = HeaderName.#standard('x-forwarded-for')
  static readonly X_FORWARDED_HOST: HeaderName = HeaderName.#standard('x-forwarded-host')
  static readonly X_FORWARDED_PROTO: HeaderName = HeaderName.#standard('x-forwarded-proto')
  static readonly X_FRAME_OPTIONS: HeaderName = HeaderName.#standard('x-frame-options')
  static readonly X_REQUEST_ID: HeaderName = HeaderName.#standard('x-request-id')
  static readonly X_XSS_PROTECTION: HeaderName = HeaderName.#standard('x-xss-protection')

  readonly #name: string

  private constructor(name: string) {
    this.#name = name
  }

  static #standard(name: string): HeaderName {
    const header = new HeaderName(name)
    standardNames.set(name, header)
    canonicalLower.set(name, name)
    canonicalLower.set(
      name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase()),
      name
    )
    return header
  }

  /**
   * The field name `name`, lower-cased. Throws {@link InvalidHeaderName} unless it is a token.
   *
   * @example
   * ```ts
   * HeaderName.from('ETag').toString() // 'etag'
   * ```
   */
  static from(name: string): HeaderName {
    if (!isToken(name)) throw new InvalidHeaderName(`invalid header name: ${JSON.stringify(name)}`)
    const lower = asciiLower(name)
    return standardNames.get(lower) ?? new HeaderName(lower)
  }

  /**
   * The lower-case name.
   *
   * @example
   * ```ts
   * HeaderName.HOST.toString() // 'host'
   * ```
   */
  toString(): string {
    return this.#name
  }

  /** Serialises as the lower-case name. */
  toJSON(): string {
    return this.#name
  }
}

/**
 * Standard names whose usual spelling is not Title-Case (browsers and `ws` send
 * `Sec-WebSocket-Key`), so that they too map to the shared lower-case string.
 */
for (const sent of [
  'DNT',
  'ETag',
  'Sec-WebSocket-Accept',
  'Sec-WebSocket-Extensions',
  'Sec-WebSocket-Key',
  'Sec-WebSocket-Protocol',
  'Sec-WebSocket-Version',
  'TE',
  'WWW-Authenticate',
  'X-DNS-Prefetch-Control',
  'X-Request-ID',
  'X-XSS-Protection',
]) {
  canonicalLower.set(sent, standardNames.get(sent.toLowerCase())!.toString())
}

/**
 * `s` with ASCII letters lower-cased and nothing else changed. Unlike `toLowerCase()`, it never
 * maps a non-ASCII character onto an ASCII one (U+212A KELVIN SIGN lower-cases to `k`).
 *
 * @example
 * ```ts
 * import { asciiLower } from '@touche/http-types'
 * asciiLower('Content-Type') // 'content-type'
 * ```
 */
export function asciiLower(s: string): string {
  let upper = false
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 0x7f) return foldAscii(s)
    if (c >= 0x41 && c <= 0x5a) upper = true
  }
  return upper ? s.toLowerCase() : s
}

function foldAscii(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 0x20) : s[i]!
  }
  return out
}

/**
 * The lower-case form of `raw`, a name already validated as a token. A standard name sent in
 * lower or Title-Case maps to one shared string, so reading a parsed head allocates nothing for
 * the common names.
 */
export function lowerToken(raw: string): string {
  return canonicalLower.get(raw) ?? raw.toLowerCase()
}
