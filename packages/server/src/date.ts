let cached = ''
let expires = 0

/**
 * The current time as an IMF-fixdate (RFC 9110 §5.6.7) for the `Date` header, computed at most
 * once per second (hyper's `common/date.rs`).
 *
 * @example
 * ```ts
 * httpDate() // 'Sun, 06 Nov 1994 08:49:37 GMT'
 * ```
 */
export function httpDate(now: number = Date.now()): string {
  if (now >= expires || now < expires - 1000) {
    cached = new Date(now).toUTCString()
    expires = now - (now % 1000) + 1000
  }
  return cached
}
