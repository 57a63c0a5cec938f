import { writeResponseHead } from '@touche/h1'
import { HeaderMap, Response, StatusCode, Version } from '@touche/http-types'
import type { Request } from '@touche/http-types'
import type { Body } from './body.js'
import type { BodyInit } from './body-source.js'
import { discardBody } from './body.js'
import type { BodyReader } from './body-source.js'
import { ServerError } from './errors.js'
import type { Exchange, InterimSink } from './exchange.js'
import { errorResponse, writeResponse } from './response-writer.js'
import type { WriteOutcome, WriterContext } from './response-writer.js'
import { errorStatus } from './server-role.js'
import type { ContinueDecision, ServiceObject } from './service.js'
import type { UpgradeHandler } from './upgrade.js'

/** What the dispatcher reports to its connection. */
export interface DispatcherHost extends WriterContext {
  /** An exchange's response is fully written. */
  onExchangeDone(ex: Exchange): void
  /** A 101 or CONNECT 2xx head is queued; the connection is to be handed over. */
  onUpgrade(ex: Exchange, handler: UpgradeHandler | null): void
  /** A response failed after its head was written: the connection must be torn down. */
  onWriteFailed(ex: Exchange, error: ServerError): void
  report(error: ServerError): void
}

const CONTINUE_HEAD = 'HTTP/1.1 100 Continue\r\n\r\n'
const NO_HEADERS = new HeaderMap()

/**
 * The only caller of the service (hyper's `Dispatcher`, undici's pipelining queue): exchanges
 * are queued in request order, their handlers are called as they are parsed, and responses are
 * written strictly in order. A synchronous handler is called and answered without a promise;
 * every response that is ready in the same turn goes out in the same write.
 *
 * @example
 * ```ts
 * const dispatcher = new Dispatcher(host, toServiceObject(handler))
 * dispatcher.push(exchange)
 * ```
 */
export class Dispatcher implements InterimSink {
  readonly #host: DispatcherHost
  readonly #service: ServiceObject
  readonly #queue: Exchange[] = []
  #busy = false
  #closed = false
  #pumping: BodyReader | null = null

  constructor(host: DispatcherHost, service: ServiceObject) {
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

  /** The most recently queued exchange. */
  get last(): Exchange | undefined {
    return this.#queue[this.#queue.length - 1]
  }

  /** Queues an exchange and calls its handler (or writes its ready error response in turn). */
  push(ex: Exchange): void {
    if (this.#closed) return
    this.#queue.push(ex)
    if (ex.isReady) {
      if (this.#queue[0] === ex) this.#drive()
      return
    }
    const req = ex.request!
    if (this.#service.shouldContinue !== undefined && ex.incoming?.expectsContinue === true) {
      this.#askContinue(ex, req)
    } else {
      this.#invoke(ex, req)
    }
  }

  sendInterim(ex: Exchange, status: StatusCode, headers: HeaderMap | undefined): void {
    if (this.#closed || ex.headWritten) return
    const head =
      status.code === 100
        ? CONTINUE_HEAD
        : writeResponseHead({
            status,
            version: Version.HTTP_11,
            headers: headers ?? NO_HEADERS,
            titleCase: this.#host.options.titleCaseHeaders,
          })
    if (this.#queue[0] === ex && !this.#busy) this.#host.transport.writeLatin1(head)
    else ex.interim += head
  }

  /** Stops for good: handlers still running are ignored, unwritten bodies released. */
  close(reason: ServerError): void {
    if (this.#closed) return
    this.#closed = true
    this.#pumping?.cancel(reason)
    this.#pumping = null
    for (const ex of this.#queue.splice(0)) {
      ex.abandon(reason)
      if (ex.incoming !== null && !ex.incoming.isDone) ex.incoming.fail(reason)
      if (ex.response !== null && !ex.headWritten) discardBody(ex.response.body)
    }
  }

  #askContinue(ex: Exchange, req: Request<Body>): void {
    let decision: ContinueDecision | PromiseLike<ContinueDecision>
    try {
      decision = this.#service.shouldContinue!(req)
    } catch (error) {
      this.#failed(ex, error)
      return
    }
    if (isThenable(decision)) {
      decision.then(
        (d) => this.#decided(ex, req, d),
        (error: unknown) => this.#failed(ex, error)
      )
    } else {
      this.#decided(ex, req, decision)
    }
  }

  #decided(ex: Exchange, req: Request<Body>, d: ContinueDecision): void {
    if (d === true || d === 100 || d === StatusCode.CONTINUE) {
      this.#invoke(ex, req)
      return
    }
    if (d instanceof Response) {
      this.#resolved(ex, d)
      return
    }
    const status =
      d === false ? StatusCode.EXPECTATION_FAILED : typeof d === 'number' ? StatusCode.from(d) : d
    this.#resolved(ex, errorResponse(status))
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
    if (this.#closed) {
      if (res instanceof Response) discardBody((res as Response<BodyInit>).body)
      return
    }
    if (!(res instanceof Response)) {
      this.#failed(ex, new TypeError('the handler must return a Response'))
      return
    }
    ex.response = res as Response<BodyInit>
    ex.isReady = true
    if (this.#queue[0] === ex) this.#drive()
  }

  #failed(ex: Exchange, error: unknown): void {
    this.#host.report(new ServerError('ERR_SERVER_USER', { cause: error }))
    if (this.#closed) return
    ex.response = errorResponse(errorStatus(error))
    ex.isReady = true
    if (this.#queue[0] === ex) this.#drive()
  }

  #drive(): void {
    const q = this.#queue
    while (!this.#busy && !this.#closed && q.length > 0) {
      const ex = q[0]!
      if (ex.interim !== '') {
        this.#host.transport.writeLatin1(ex.interim)
        ex.interim = ''
      }
      if (!ex.isReady) return
      let outcome: WriteOutcome
      try {
        outcome = writeResponse(this.#host, ex)
      } catch (error) {
        const err =
          error instanceof ServerError
            ? error
            : new ServerError('ERR_SERVER_USER', { cause: error })
        this.#host.report(err)
        if (ex.headWritten) {
          this.#host.onWriteFailed(ex, err)
          return
        }
        ex.response = errorResponse(StatusCode.INTERNAL_SERVER_ERROR)
        continue
      }
      switch (outcome.kind) {
        case 'done':
          q.shift()
          this.#host.onExchangeDone(ex)
          break
        case 'streaming':
          this.#busy = true
          this.#pumping = outcome.reader
          outcome.pumped.then(
            (failure) => this.#pumped(ex, failure),
            (error: unknown) =>
              this.#pumped(ex, new ServerError('ERR_SERVER_BODY_WRITE', { cause: error }))
          )
          return
        case 'upgrade':
          this.#busy = true
          q.shift()
          this.#host.onUpgrade(ex, outcome.handler)
          return
      }
    }
  }

  #pumped(ex: Exchange, failure: ServerError | null): void {
    this.#busy = false
    this.#pumping = null
    if (this.#closed) return
    if (failure !== null) {
      this.#host.onWriteFailed(ex, failure)
      return
    }
    this.#queue.shift()
    this.#host.onExchangeDone(ex)
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
