import { writeResponseHead } from '@touche/h1'
import { HeaderMap, Response, StatusCode, Version } from '@touche/http-types'
import type { Request } from '@touche/http-types'
import type { Body, BodyInit } from '@touche/body'
import { discardBody } from '@touche/body/internal'
import type { BodyReader } from '@touche/body/internal'
import { ServerError } from './errors.js'
import type { Exchange } from './exchange.js'
import type { InterimSink } from './incoming-request.js'
import { writeResponse } from './response-writer.js'
import type { WriteOutcome, WriterContext } from './response-writer.js'
import { errorResponse, errorStatus } from './server-role.js'
import type { ServiceObject } from './service.js'
import { CONTINUE_HEAD, askContinue, tookBody, wantsContinue } from './expect-continue.js'
import type { UpgradeHandler, UpgradeListener } from './upgrade.js'

/** What the dispatcher reports to its connection. */
export interface DispatchHost extends WriterContext {
  /** An exchange's response is fully written. */
  onResponseWritten(ex: Exchange): void
  /** A response failed after its head was written: the connection must be torn down. */
  onResponseFailed(ex: Exchange, error: ServerError): void
  /**
   * The connection is to be handed over: to `handler` once the 101 (or CONNECT 2xx) head just
   * queued is flushed, or to a node-style `takeover` listener with nothing written.
   */
  onUpgrade(ex: Exchange, handler: UpgradeHandler | null, takeover: UpgradeListener | null): void
  report(error: ServerError): void
}

const NO_HEADERS = new HeaderMap()

/**
 * The only caller of the service (hyper's `Dispatcher`, undici's pipelining queue), and the one
 * place that orders writes: exchanges are queued in request order, their handlers are called as
 * they are parsed, and responses and informational heads are written strictly in order. A
 * synchronous handler is called and answered without a promise; every response that is ready in
 * the same turn goes out in the same write.
 *
 * It writes `100 Continue` in turn as `expect-continue.ts` decides.
 *
 * @example
 * ```ts
 * const dispatcher = new Dispatcher(host, toServiceObject(handler))
 * dispatcher.push(exchange)
 * ```
 */
export class Dispatcher implements InterimSink {
  readonly #host: DispatchHost
  readonly #service: ServiceObject
  readonly #queue: Exchange[] = []
  #writing = false
  #held = false
  #closed = false
  #pumping: BodyReader | null = null

  constructor(host: DispatchHost, service: ServiceObject) {
    this.#host = host
    this.#service = service
  }

  /** Exchanges queued (handled or not) and not fully written. */
  get size(): number {
    return this.#queue.length
  }

  get isIdle(): boolean {
    return this.#queue.length === 0
  }

  /** A response body is being streamed. */
  get isWriting(): boolean {
    return this.#writing
  }

  /** The most recently queued exchange. */
  get last(): Exchange | undefined {
    return this.#queue[this.#queue.length - 1]
  }

  /**
   * Holds writes while the connection reads a batch of input, so that everything already
   * received is parsed first: a request whose body turns out malformed in the same read gets its
   * 400 rather than the response its handler made before the bad bytes were seen.
   */
  hold(): void {
    this.#held = true
  }

  /** Ends `hold` and writes what is ready. */
  release(): void {
    this.#held = false
    const first = this.#queue[0]
    if (first !== undefined && (first.isReady || first.hasInterim)) this.#drive()
  }

  /** Queues an exchange and calls its handler (or writes its automatic response in turn). */
  push(ex: Exchange): void {
    if (this.#closed) return
    this.#queue.push(ex)
    if (ex.isReady) {
      if (this.#queue[0] === ex) this.#drive()
      return
    }
    const req = ex.request!
    if (this.#service.shouldContinue !== undefined && ex.expectsContinue) {
      askContinue(
        this.#service,
        req,
        (outcome) =>
          outcome.kind === 'invoke' ? this.#invoke(ex, req) : this.#resolved(ex, outcome.response),
        (error) => this.#failed(ex, error)
      )
    } else {
      this.#invoke(ex, req)
    }
  }

  /**
   * The request itself failed (its body broke the grammar, stopped arriving, or was cut short):
   * the automatic response replaces the handler's if the head is not written yet, and the
   * connection closes after it.
   */
  failRequest(ex: Exchange, error: ServerError): void {
    const replaced = ex.fail(errorResponse(errorStatus(error)))
    if (replaced !== null) discardBody(replaced.body)
    if (!this.#closed && this.#queue[0] === ex) this.#drive()
  }

  /** Sends `100 Continue` in turn if the exchange's client waits for it (`expect-continue.ts`). */
  continueIfAsked(ex: Exchange): void {
    if (!wantsContinue(ex)) return
    ex.markContinueSent()
    this.#interim(ex, CONTINUE_HEAD)
  }

  sendInterim(ex: Exchange, status: StatusCode, headers: HeaderMap | undefined): void {
    if (this.#closed || ex.headWritten || ex.http10) return
    const head = writeResponseHead({
      status,
      version: Version.HTTP_11,
      headers: headers ?? NO_HEADERS,
      titleCase: this.#host.options.titleCaseHeaders,
    })
    this.#interim(ex, head)
  }

  /**
   * Stops for good: handlers still running are ignored, their exchanges abandoned with the error
   * `reason` makes. It is called only when there is something to abandon: an Error captures a
   * stack, which would cost every connection that simply ends.
   */
  close(reason: () => ServerError): void {
    if (this.#closed) return
    this.#closed = true
    if (this.#pumping === null && this.#queue.length === 0) return
    const error = reason()
    this.#pumping?.cancel(error)
    this.#pumping = null
    for (const ex of this.#queue.splice(0)) {
      ex.abandon(error)
      if (ex.incoming !== null && !ex.incoming.isDone) ex.incoming.fail(error)
      if (ex.isReady && !ex.headWritten) discardBody(ex.response.body)
    }
  }

  #interim(ex: Exchange, head: string): void {
    if (this.#closed) return
    if (this.#queue[0] === ex && !this.#writing && !this.#held) {
      this.#host.transport.writeLatin1(head)
    } else ex.queueInterim(head)
  }

  #invoke(ex: Exchange, req: Request<Body>): void {
    let result: Response<BodyInit> | PromiseLike<Response<BodyInit>>
    try {
      result = this.#service.call(req)
    } catch (error) {
      this.#failed(ex, error)
      return
    }
    if (isThenable(result)) {
      try {
        result.then(
          (r) => this.#resolved(ex, r),
          (error: unknown) => this.#failed(ex, error)
        )
      } catch (error) {
        this.#failed(ex, error)
      }
    } else {
      this.#resolved(ex, result)
    }
  }

  #resolved(ex: Exchange, res: unknown): void {
    if (!(res instanceof Response)) {
      this.#failed(ex, new TypeError('the handler must return a Response'))
      return
    }
    const response = res as Response<BodyInit>
    if (this.#closed || !ex.respond(response)) {
      discardBody(response.body)
      return
    }
    if (this.#queue[0] === ex) this.#drive()
  }

  #failed(ex: Exchange, error: unknown): void {
    this.#host.report(new ServerError('ERR_SERVER_USER', { cause: error }))
    if (this.#closed) return
    if (ex.respond(errorResponse(errorStatus(error))) && this.#queue[0] === ex) this.#drive()
  }

  #drive(): void {
    const q = this.#queue
    const host = this.#host
    while (!this.#writing && !this.#held && !this.#closed && q.length > 0) {
      const ex = q[0]!
      const interim = ex.takeInterim()
      if (interim !== '') host.transport.writeLatin1(interim)
      if (!ex.isReady) return
      const takeover = ex.takeover
      if (takeover !== null) {
        this.#writing = true
        q.shift()
        host.onUpgrade(ex, null, takeover)
        return
      }
      if (tookBody(ex)) this.continueIfAsked(ex)
      let outcome: WriteOutcome
      // Writing starts a streamed body's pump, which reads what is ready at once; a read that
      // ends a request body lets the reader go on, which drives this again: it must wait.
      this.#writing = true
      try {
        outcome = writeResponse(host, ex)
      } catch (error) {
        this.#writing = false
        const err =
          error instanceof ServerError
            ? error
            : new ServerError('ERR_SERVER_USER', { cause: error })
        host.report(err)
        if (ex.headWritten) {
          host.onResponseFailed(ex, err)
          return
        }
        ex.replace(errorResponse(StatusCode.INTERNAL_SERVER_ERROR))
        continue
      }
      switch (outcome.kind) {
        case 'done':
          this.#writing = false
          q.shift()
          ex.markDone()
          host.onResponseWritten(ex)
          break
        case 'streaming':
          this.#pumping = outcome.reader
          outcome.pumped.then(
            (failure) => this.#pumped(ex, failure),
            (error: unknown) =>
              this.#pumped(ex, new ServerError('ERR_SERVER_BODY_WRITE', { cause: error }))
          )
          return
        case 'upgrade':
          q.shift()
          host.onUpgrade(ex, outcome.handler, outcome.takeover)
          return
      }
    }
  }

  #pumped(ex: Exchange, failure: ServerError | null): void {
    this.#writing = false
    this.#pumping = null
    if (this.#closed) return
    if (failure !== null) {
      this.#host.onResponseFailed(ex, failure)
      return
    }
    this.#queue.shift()
    ex.markDone()
    this.#host.onResponseWritten(ex)
    this.#drive()
  }
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PromiseLike<T>).then === 'function'
  )
}
