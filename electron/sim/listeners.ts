// A small typed listener list (the virtual CPE's events), so callers get
// `on(name, fn) → unsubscribe` and `waitFor` without Node's untyped EventEmitter.

export class Listeners<E extends object> {
  private readonly map = new Map<keyof E, Set<(e: never) => void>>();

  on<K extends keyof E>(name: K, fn: (e: E[K]) => void): () => void {
    let set = this.map.get(name);
    if (!set) this.map.set(name, (set = new Set()));
    set.add(fn as (e: never) => void);
    return () => { set.delete(fn as (e: never) => void); };
  }

  emit<K extends keyof E>(name: K, e: E[K]): void {
    for (const fn of this.map.get(name) ?? []) {
      try {
        (fn as (e: E[K]) => void)(e);
      } catch {
        // A listener's failure must not break the CPE's protocol handling.
      }
    }
  }

  /** Resolves with the next `name` event that satisfies `match`; rejects after `timeoutMs`. */
  waitFor<K extends keyof E>(name: K, match: (e: E[K]) => boolean = () => true, timeoutMs = 10_000): Promise<E[K]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { off(); reject(new Error(`timed out waiting for ${String(name)}`)); }, timeoutMs);
      const off = this.on(name, (e) => {
        if (!match(e)) return;
        clearTimeout(timer);
        off();
        resolve(e);
      });
    });
  }
}
