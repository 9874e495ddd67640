/**
 * A Map that forgets its oldest entries past a size limit. The proxy remembers finished
 * transactions for late ACKs, CANCELs and 2xx retransmissions this way: no timers to clean up,
 * and memory stays bounded however long a soak test runs.
 */
export class BoundedMap<K, V> {
  readonly #map = new Map<K, V>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    while (this.#map.size > this.#limit) {
      const oldest = this.#map.keys().next();
      if (oldest.done === true) break;
      this.#map.delete(oldest.value);
    }
  }

  /** Forgets every entry for which `drop` says so. */
  deleteWhere(drop: (value: V, key: K) => boolean): void {
    for (const [key, value] of [...this.#map]) if (drop(value, key)) this.#map.delete(key);
  }

  values(): IterableIterator<V> {
    return this.#map.values();
  }

  get size(): number {
    return this.#map.size;
  }
}
