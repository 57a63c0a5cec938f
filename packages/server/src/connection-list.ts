/**
 * @internal One entry of a `ConnectionList`; `delete` takes it back. A removed entry has a null
 * `value` and holds nothing.
 */
export interface ListEntry<T extends object> {
  value: T | null
  prev: ListEntry<T> | null
  next: ListEntry<T> | null
}

/**
 * @internal The connections a listener serves: a doubly linked list whose removed entries let go
 * of their value and their neighbours at once, for a listener that adds and removes thousands of
 * connections a second.
 *
 * Not a `Set`, for the garbage collector's sake: a long-lived `Set`'s tables live in V8's old
 * generation, and the tables it has outgrown still point at the connections they held. Such
 * pointers are roots for a young-generation collection until the next full one, so closed
 * connections, with everything they held, were copied and promoted instead of freed (measured in
 * benchmarks/README.md, "Where the time goes").
 *
 * @example
 * ```ts
 * const list = new ConnectionList<Connection>()
 * const entry = list.add(conn)
 * list.delete(entry)
 * ```
 */
export class ConnectionList<T extends object> {
  #first: ListEntry<T> | null = null
  #last: ListEntry<T> | null = null
  #size = 0

  /** How many values the list holds. */
  get size(): number {
    return this.#size
  }

  /** Appends `value`; the entry returned removes it. */
  add(value: T): ListEntry<T> {
    const entry: ListEntry<T> = { value, prev: this.#last, next: null }
    if (this.#last === null) this.#first = entry
    else this.#last.next = entry
    this.#last = entry
    this.#size++
    return entry
  }

  /**
   * Removes an entry this list returned (once; a second call does nothing) and clears its links.
   */
  delete(entry: ListEntry<T>): void {
    if (entry.value === null) return
    const { prev, next } = entry
    if (prev === null) this.#first = next
    else prev.next = next
    if (next === null) this.#last = prev
    else next.prev = prev
    entry.value = entry.prev = entry.next = null
    this.#size--
  }

  /**
   * The values in the order they were added, as a new array: a snapshot, which still holds the
   * values removed while it is walked.
   */
  toArray(): T[] {
    const values: T[] = []
    for (let e = this.#first; e !== null; e = e.next) values.push(e.value!)
    return values
  }
}
