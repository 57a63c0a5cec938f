let cached = ''
let timer: NodeJS.Timeout | null = null

function expire(): void {
  cached = ''
  timer = null
}

/**
 * The current time as an IMF-fixdate (RFC 9110 §5.6.7) for the `Date` header (hyper's
 * `common/date.rs`). The string is computed at most once per second: a timer set for the next
 * second boundary drops it, so a response costs no clock read at all. The timer is unref'd and
 * only armed while dates are being asked for.
 *
 * @example
 * ```ts
 * httpDate() // 'Sun, 06 Nov 1994 08:49:37 GMT'
 * httpDate(Date.UTC(1994, 10, 6, 8, 49, 37)) // that instant, uncached
 * ```
 */
export function httpDate(at?: number): string {
  if (at !== undefined) return new Date(at).toUTCString()
  if (cached !== '') return cached
  const now = Date.now()
  cached = new Date(now).toUTCString()
  timer = setTimeout(expire, 1000 - (now % 1000))
  timer.unref()
  return cached
}
