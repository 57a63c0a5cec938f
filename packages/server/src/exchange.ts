import { Method } from '@touche/http-types'
import type { Response } from '@touche/http-types'
import type { Body, BodyInit } from '@touche/body'
import type { IncomingBody } from './incoming-body.js'
import type { Request } from '@touche/http-types'
import { errorResponse, errorStatus } from './server-role.js'
import type { UpgradeListener } from './upgrade.js'

/**
 * Where an exchange is: waiting for its handler (`pending`), with a response to write
 * (`ready`), with its final head written (`head`), or finished (`done`).
 */
export type ExchangePhase = 'pending' | 'ready' | 'head' | 'done'

/** What an exchange knows of its request, fixed when the head is parsed. */
export interface ExchangeInit {
  /** Null for an automatic error response (a parse error or a header timeout). */
  readonly request: Request<Body> | null
  readonly method: Method
  readonly http10: boolean
  /** The reader's keep-alive decision (`keepsAlive` with the request's facts). */
  readonly keepAlive: boolean
  /** The request asked to switch protocols, or is CONNECT. */
  readonly upgradeRequested: boolean
  /** The request has `Expect: 100-continue` (HTTP/1.1). */
  readonly expectsContinue: boolean
  readonly incoming: IncomingBody | null
}

/**
 * One request and its response, from the parsed head to the last byte written (hyper's dispatch
 * unit). Its phase only moves forward, and its keep-alive decision can only be turned off. A
 * failure of the request itself (a body that breaks the grammar or stops arriving) replaces the
 * handler's response while the head is not written yet; the handler's later answer is dropped.
 *
 * @example
 * ```ts
 * const ex = new Exchange({ request, method, http10: false, keepAlive: true, ... })
 * ex.respond(response)
 * ex.markHeadWritten()
 * ```
 */
export class Exchange {
  readonly request: Request<Body> | null
  readonly method: Method
  readonly http10: boolean
  readonly upgradeRequested: boolean
  readonly incoming: IncomingBody | null
  #phase: ExchangePhase = 'pending'
  #response: Response<BodyInit> | null = null
  #keepAlive: boolean
  #expectsContinue: boolean
  #continueSent = false
  /** Informational heads waiting for this exchange's turn to write. */
  #interim = ''
  #abort: AbortController | null = null
  #takeover: UpgradeListener | null = null

  constructor(init: ExchangeInit) {
    this.request = init.request
    this.method = init.method
    this.http10 = init.http10
    this.upgradeRequested = init.upgradeRequested
    this.incoming = init.incoming
    this.#keepAlive = init.keepAlive
    this.#expectsContinue = init.expectsContinue
  }

  /**
   * An exchange with no request, answering `error` (a head that broke the grammar or did not
   * arrive in time) with its status, after which the connection closes.
   */
  static automatic(error: unknown): Exchange {
    const ex = new Exchange({
      request: null,
      method: Method.GET,
      http10: false,
      keepAlive: false,
      upgradeRequested: false,
      expectsContinue: false,
      incoming: null,
    })
    ex.respond(errorResponse(errorStatus(error)))
    return ex
  }

  get phase(): ExchangePhase {
    return this.#phase
  }

  /** Whether a response is known (the handler's, or an automatic one). */
  get isReady(): boolean {
    return this.#phase !== 'pending'
  }

  get headWritten(): boolean {
    return this.#phase === 'head' || this.#phase === 'done'
  }

  /** The response to write; set once the exchange is ready. */
  get response(): Response<BodyInit> {
    return this.#response!
  }

  /** Whether the connection may persist after this exchange. */
  get keepAlive(): boolean {
    return this.#keepAlive
  }

  /** Whether the client waits for `100 Continue` before it sends the body. */
  get expectsContinue(): boolean {
    return this.#expectsContinue
  }

  get continueSent(): boolean {
    return this.#continueSent
  }

  /** Whether the client sends (or may send) the body: it expects no 100, or got one. */
  get clientMaySend(): boolean {
    return !this.#expectsContinue || this.#continueSent
  }

  /**
   * The handler's response. False when the exchange already has one (an automatic error
   * replaced it): the caller then releases the response's body.
   */
  respond(response: Response<BodyInit>): boolean {
    if (this.#phase !== 'pending') return false
    this.#response = response
    this.#phase = 'ready'
    return true
  }

  /**
   * Answers with an automatic `response` instead of the handler's, when the head is not written
   * yet, and closes after it. Returns the handler's response it replaced, if any, to release.
   */
  fail(response: Response<BodyInit>): Response<BodyInit> | null {
    this.#keepAlive = false
    if (this.headWritten) return null
    const replaced = this.#response
    this.#response = response
    this.#phase = 'ready'
    return replaced
  }

  /** Replaces a response that could not be written at all (before any byte went out). */
  replace(response: Response<BodyInit>): void {
    if (!this.headWritten) this.#response = response
  }

  /**
   * Hands the connection to a node-style `'upgrade'` or `'connect'` listener in this exchange's
   * turn, instead of calling the service and writing a response.
   */
  takeOver(listener: UpgradeListener): void {
    this.#takeover = listener
    this.#keepAlive = false
    this.#phase = 'ready'
  }

  /** The listener this exchange hands the connection to, or null. */
  get takeover(): UpgradeListener | null {
    return this.#takeover
  }

  /** The connection closes once this exchange is done. */
  requireClose(): void {
    this.#keepAlive = false
  }

  markHeadWritten(): void {
    this.#phase = 'head'
  }

  markDone(): void {
    this.#phase = 'done'
  }

  markContinueSent(): void {
    this.#continueSent = true
  }

  /** Queues an informational head until it is this exchange's turn to write. */
  queueInterim(head: string): void {
    this.#interim += head
  }

  get hasInterim(): boolean {
    return this.#interim !== ''
  }

  /** The informational heads queued, now written by the caller. */
  takeInterim(): string {
    const heads = this.#interim
    this.#interim = ''
    return heads
  }

  /** Aborts when the connection goes before this exchange is done (made on first use). */
  get signal(): AbortSignal {
    return (this.#abort ??= new AbortController()).signal
  }

  /** The connection is gone or released, and this exchange will never be done. */
  abandon(reason: unknown): void {
    const ac = this.#abort
    if (ac !== null && !ac.signal.aborted) ac.abort(reason)
  }
}
