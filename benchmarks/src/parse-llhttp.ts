import { createRequire } from 'node:module'
/** What one parse produced, identical in shape for both parsers. */
export interface ParsedInfo {
  method: string
  url: string
  /** Field names as received and values, flat: [name, value, ...]. */
  headers: string[]
  /** Total body bytes and the last chunk (kept so the work cannot be skipped). */
  bodyBytes: number
  lastChunk: Uint8Array | null
}

/** One llhttp parser of Node's binding (untyped internals): callbacks sit at numeric keys. */
export interface HTTPParserInstance {
  initialize(type: number, resource: object): void
  execute(data: Uint8Array): number | Error
  [callback: number]: unknown
}

/** Node's binding of llhttp, as `_http_common` exposes it. */
export interface HTTPParserClass {
  new (): HTTPParserInstance
  readonly REQUEST: number
  readonly kOnHeaders: number
  readonly kOnHeadersComplete: number
  readonly kOnBody: number
  readonly kOnMessageComplete: number
}

interface HttpCommon {
  readonly HTTPParser: HTTPParserClass
  readonly methods: readonly string[]
}

/**
 * llhttp as Node's HTTP server has it, and Node's method names by llhttp's method number. Also
 * the reference of h1's differential tests, which run under Jest's CommonJS transform, where
 * `import.meta` does not exist: a built-in module resolves the same from any base path, so the
 * working directory serves as one (and this works on every Node 20, unlike `getBuiltinModule`).
 *
 * @example
 * ```ts
 * const parser = new HTTPParser()
 * parser.initialize(HTTPParser.REQUEST, {})
 * ```
 */
export const { HTTPParser, methods } = loadHttpCommon()

/**
 * `_http_common` is deprecated in the documentation only (DEP0199, no runtime warning); it loads
 * on Node 20, 22, 24 and 26, which the test suite checks. Node's public API has no other way to
 * reach its llhttp; should a Node drop the module, this says so instead of failing obscurely.
 */
function loadHttpCommon(): HttpCommon {
  let common: HttpCommon
  try {
    common = createRequire(`${process.cwd()}/`)('_http_common') as HttpCommon
  } catch (cause) {
    throw new Error(`Node ${process.versions.node} no longer has _http_common (DEP0199)`, { cause })
  }
  if (typeof common.HTTPParser !== 'function') {
    throw new Error(`Node ${process.versions.node}'s _http_common has no HTTPParser (DEP0199)`)
  }
  return common
}

const NO_HEADERS: string[] = []

/**
 * llhttp through Node's own binding, set up as Node's HTTP server uses it: one parser per
 * connection, callbacks filling the same information the touche side returns.
 *
 * @example
 * ```ts
 * const llhttp = new LlhttpRequestParser()
 * const info = llhttp.parse(bytes)
 * ```
 */
export class LlhttpRequestParser {
  readonly #parser = new HTTPParser()
  readonly #info: ParsedInfo = { method: '', url: '', headers: [], bodyBytes: 0, lastChunk: null }
  #complete = false

  constructor() {
    const parser = this.#parser
    const info = this.#info
    parser.initialize(HTTPParser.REQUEST, {})
    parser[HTTPParser.kOnHeaders] = (headers: string[], url: string): void => {
      // Only called when a head spans several execute() calls or has more than 32 fields.
      info.headers = info.headers === NO_HEADERS ? [...headers] : [...info.headers, ...headers]
      info.url += url
    }
    parser[HTTPParser.kOnHeadersComplete] = (
      _major: number,
      _minor: number,
      headers: string[] | undefined,
      method: number,
      url: string | undefined
    ): void => {
      info.method = methods[method] ?? ''
      if (headers !== undefined) info.headers = headers
      if (url !== undefined) info.url = url
    }
    parser[HTTPParser.kOnBody] = (chunk: Uint8Array): void => {
      info.bodyBytes += chunk.length
      info.lastChunk = chunk
    }
    parser[HTTPParser.kOnMessageComplete] = (): void => {
      this.#complete = true
    }
  }

  /** Parses one whole message; throws if llhttp rejects it or it is incomplete. */
  parse(message: Uint8Array): ParsedInfo {
    const info = this.#info
    info.headers = NO_HEADERS
    info.url = ''
    info.bodyBytes = 0
    info.lastChunk = null
    this.#complete = false
    const result = this.#parser.execute(message)
    if (result instanceof Error) throw result
    if (!this.#complete) throw new Error('llhttp: incomplete message')
    return info
  }
}
