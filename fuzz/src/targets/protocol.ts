/**
 * The messages between the harness and a target server process over Node's IPC channel. The
 * harness asks; the target answers with the same `id`. Events carry no `id`.
 */

/** A question from the harness. */
export type TargetRequest =
  | { readonly id: number; readonly op: 'stats' }
  /** Graceful shutdown with this deadline (ms); answered once the server has closed. */
  | { readonly id: number; readonly op: 'close'; readonly timeout: number }

/** Connection and error counts of a target right now. */
export interface TargetStats {
  /** Connections the server is serving (touche's `handle.connections`). */
  readonly connections: number
  /** Errors touche reported to `onError`, by code (none for node:http). */
  readonly errors: Readonly<Record<string, number>>
  /** Values a soak service counts (handlers started, signals seen, ...). */
  readonly counters: Readonly<Record<string, number>>
}

/** An answer or event from a target. */
export type TargetMessage =
  | { readonly event: 'ready'; readonly port: number }
  | { readonly event: 'fatal'; readonly what: string; readonly stack: string }
  | { readonly id: number; readonly stats: TargetStats }
  | { readonly id: number; readonly closed: true; readonly ms: number }

/** Which server a target runs and which service it serves. */
export interface TargetSpec {
  readonly server: 'touche' | 'node'
  readonly service: 'echo' | 'soak'
  /** Server options as JSON (touche `ServerOptionsInit`; a few node:http fields). */
  readonly options?: Readonly<Record<string, unknown>>
}
