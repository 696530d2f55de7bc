// Serializes asynchronous jobs per key: jobs with the same key run one after
// the other, in the order they were queued; jobs with different keys run in
// parallel. The store keys by device, so two writes of one device's files
// never interleave while sessions of different devices write at once.

export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const prev = this.#tails.get(key) ?? Promise.resolve();
    // A failed job must not block the ones queued behind it: chain on settle.
    const result = prev.then(job, job);
    const tail = result.then(noop, noop);
    this.#tails.set(key, tail);
    // Forget idle keys so the map does not grow with every device ever seen.
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Resolves when every job queued so far (for `key`, or for all keys) has settled. */
  async idle(key?: string): Promise<void> {
    if (key !== undefined) {
      await this.#tails.get(key);
      return;
    }
    while (this.#tails.size > 0) await Promise.all(this.#tails.values());
  }
}

function noop(): void {}
