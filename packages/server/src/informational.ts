import { StatusCode } from '@touche/http-types'
import type { HeaderMap } from '@touche/http-types'

/** Writes an informational head for one request, in its turn. */
type InterimWriter = (status: StatusCode, headers: HeaderMap | undefined) => void

/**
 * Sends 1xx informational responses (103 Early Hints, 102 Processing) before the final response;
 * found in every request's extensions under the `Informational` key. Written in order: after the
 * responses of earlier pipelined requests, before this request's own. Ignored for HTTP/1.0
 * clients (RFC 9110 §15.2: they do not understand 1xx) and once the final head is written.
 *
 * @example
 * ```ts
 * import { Informational, StatusCode, HeaderMap } from '@touche/server'
 * const hints = new HeaderMap()
 * hints.append('link', '</style.css>; rel=preload; as=style')
 * req.extensions.get(Informational)?.send(StatusCode.EARLY_HINTS, hints)
 * ```
 */
export class Informational {
  readonly #write: InterimWriter

  /** @internal Made by the server for each request. */
  constructor(write: InterimWriter) {
    this.#write = write
  }

  /**
   * Queues an informational response.
   *
   * @throws RangeError for a status outside 102..199 (100 is automatic, 101 is an upgrade).
   */
  send(status: StatusCode | number, headers?: HeaderMap): void {
    const s = typeof status === 'number' ? StatusCode.from(status) : status
    if (s.code < 102 || s.code > 199) {
      throw new RangeError(`informational status must be 102..199, got ${String(s.code)}`)
    }
    this.#write(s, headers)
  }
}
