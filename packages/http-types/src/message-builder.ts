import { Extensions } from './extensions.js'
import type { ExtensionKeyLike } from './extensions.js'
import type { HeaderMapInit, HeaderNameLike, HeaderValueLike } from './header-fields.js'
import { HeaderMap } from './header-map.js'
import { Version } from './version.js'

/**
 * The parts every message builder produces, whatever the message: handed to the request or
 * response constructor by its builder's `.body()`.
 *
 * @example
 * ```ts
 * const head: BuiltHead = { version: Version.HTTP_11, headers: new HeaderMap(), extensions: null }
 * ```
 */
export interface BuiltHead {
  readonly version: Version
  readonly headers: HeaderMap
  /** Null when no extension was set: the message then creates its map on first use. */
  readonly extensions: Extensions | null
}

/**
 * What request and response builders share: version, headers, extensions, and the deferred
 * error. Like the http crate's builders, a failing step does not throw: the FIRST error is kept,
 * later steps are skipped, and `.body()` throws it.
 *
 * @example
 * ```ts
 * import { Response } from '@touche/http-types'
 * const b = Response.builder().header('bad name', 'x').status(42) // nothing thrown yet
 * b.body('') // throws InvalidHeaderName: the first error wins
 * ```
 */
export abstract class MessageBuilder {
  #version: Version = Version.HTTP_11
  #headers: HeaderMap | null = null
  #extensions: Extensions | null = null
  /** Set once `.body()` handed the maps to a message; the next change copies them first. */
  #shared = false
  #error: unknown = null
  #failed = false

  /**
   * Sets the HTTP version (default HTTP/1.1).
   *
   * @example
   * ```ts
   * Response.builder().version(Version.HTTP_10)
   * ```
   */
  version(version: Version): this {
    this.#version = version
    return this
  }

  /**
   * Appends one header field line (names and values are validated; the first failure is kept).
   *
   * @example
   * ```ts
   * Response.builder().header('set-cookie', 'a=1').header('set-cookie', 'b=2')
   * ```
   */
  header(name: HeaderNameLike, value: HeaderValueLike): this {
    // The step of `attempt`, written out: no closure for the most common builder call.
    if (this.#failed) return this
    try {
      this.#ownHeaders().append(name, value)
    } catch (error) {
      this.fail(error)
    }
    return this
  }

  /**
   * Appends every field of `init` (a `HeaderMap`, `Headers`, pairs or a record).
   *
   * @example
   * ```ts
   * Request.builder().headers({ accept: 'text/html', 'user-agent': 'touche' })
   * ```
   */
  headers(init: HeaderMapInit): this {
    return this.attempt(() => this.#ownHeaders().extend(init))
  }

  /**
   * Stores `value` under `key` in the message's {@link Extensions}.
   *
   * @example
   * ```ts
   * Request.builder().extension(Extensions.key<number>('attempt'), 1)
   * ```
   */
  extension<T>(key: ExtensionKeyLike<T>, value: T): this {
    return this.attempt(() => this.#ownExtensions().insert(key, value))
  }

  /** Runs `step` unless a step already failed; keeps the first error a step throws. */
  protected attempt(step: () => void): this {
    if (this.#failed) return this
    try {
      step()
    } catch (error) {
      this.fail(error)
    }
    return this
  }

  /** Whether a step already failed (later steps are skipped). */
  protected get failed(): boolean {
    return this.#failed
  }

  /** Records `error` unless an earlier step already failed. */
  protected fail(error: unknown): void {
    if (this.#failed) return
    this.#failed = true
    this.#error = error
  }

  /** The shared parts for a new message; throws the first recorded error instead. */
  protected head(): BuiltHead {
    if (this.#failed) throw this.#error
    this.#unshare()
    this.#shared = true
    return {
      version: this.#version,
      headers: (this.#headers ??= new HeaderMap()),
      extensions: this.#extensions,
    }
  }

  #ownHeaders(): HeaderMap {
    this.#unshare()
    return (this.#headers ??= new HeaderMap())
  }

  #ownExtensions(): Extensions {
    this.#unshare()
    return (this.#extensions ??= new Extensions())
  }

  /** Copies the maps a built message already owns, so reusing the builder cannot change it. */
  #unshare(): void {
    if (!this.#shared) return
    this.#shared = false
    this.#headers = this.#headers?.clone() ?? null
    this.#extensions = this.#extensions?.clone() ?? null
  }
}
