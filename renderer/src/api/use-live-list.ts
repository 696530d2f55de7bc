// Live lists: a snapshot from a `*.list` channel kept current by pushed
// events, never polled. Every list screen needs the same four things, and each
// is easy to get subtly wrong by hand:
// - subscribe *before* asking, so a change made between the snapshot and the
//   subscription is not lost;
// - a change pushed before the snapshot answered is newer than the snapshot:
//   it wins, and an item removed meanwhile stays removed;
// - an answer that arrives after the arguments changed (another device) or the
//   component went away is dropped, and the previous arguments' items are not
//   shown for the new ones, not even for one render;
// - items merged by key, so a re-sent record replaces its older self.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ArgsOf, EventChannel, EventMap, InvokeChannel, ResultOf, WorkbenchApi } from '../../../shared/api/contract';
import { errorText } from './hooks';
import { getApi } from './window-api';

/**
 * Subscribes (`subscribe` returns its unsubscribe functions), then asks `channel`.
 * The answer or error is delivered only while the returned dispose has not been
 * called: a late answer for arguments no longer shown is dropped.
 */
export function subscribeThenAsk<C extends InvokeChannel>(
  channel: C,
  args: ArgsOf<C>,
  subscribe: (api: WorkbenchApi) => Array<() => void>,
  onAnswer: (result: ResultOf<C>) => void,
  onError: (err: unknown) => void,
): () => void {
  const api = getApi();
  const offs = subscribe(api);
  let live = true;
  api.invoke(channel, args).then(
    (r) => { if (live) onAnswer(r); },
    (err: unknown) => { if (live) onError(err); },
  );
  return () => {
    live = false;
    for (const off of offs) off();
  };
}

/** Invoke channels that answer with an array. */
export type ListChannel = { [C in InvokeChannel]: ResultOf<C> extends readonly unknown[] ? C : never }[InvokeChannel];
export type ItemOf<C extends ListChannel> = ResultOf<C> extends readonly (infer T)[] ? T : never;

/** What an event handler may do to the list. */
export interface ListEdit<T> {
  /** Adds or replaces the item with this key; `merge` combines it with the one held, when there is one. */
  upsert(item: T, merge?: (held: T, pushed: T) => T): void;
  remove(key: string): void;
  /** Changes an item already held (nothing when it is not); return `held` itself to change nothing. */
  patch(key: string, fn: (held: T) => T): void;
  /** For events that carry the whole list: replaces everything, and a snapshot still on its way is dropped as older. */
  replace(items: readonly T[]): void;
}

export type LiveEvents<T> = { [E in EventChannel]?: (payload: EventMap[E], edit: ListEdit<T>) => void };

export interface LiveListOptions<C extends ListChannel> {
  list: C;
  /** Compared by value: a new object with the same content each render does not ask again. */
  args: ArgsOf<C>;
  key(item: ItemOf<C>): string;
  /** The pushed events and what each does to the list. */
  on: LiveEvents<ItemOf<C>>;
  /** Only items that pass are kept (pushes carry every device's records; the list asked for one). */
  filter?(item: ItemOf<C>): boolean;
  /** Order of `items`; without it, the order the snapshot (then the pushes) gave. */
  order?(a: ItemOf<C>, b: ItemOf<C>): number;
  onError(msg: string): void;
}

export interface LiveList<T> {
  items: T[];
  /** The snapshot answered (or an event replaced the whole list). */
  loaded: boolean;
  /** The snapshot failed (the error went to onError); pushed items are still shown. */
  failed: boolean;
  /** Edits the list from outside an event, e.g. after a remove the core does not push. */
  edit: ListEdit<T>;
}

interface Held<T> { gen: number; key: string; items: Map<string, T>; loaded: boolean; failed: boolean }

const NONE: never[] = [];

export function useLiveList<C extends ListChannel>(opts: LiveListOptions<C>): LiveList<ItemOf<C>> {
  type T = ItemOf<C>;
  const argsKey = `${opts.list} ${JSON.stringify(opts.args)}`;
  // Handlers are usually inline closures: read the latest, re-subscribe only when the arguments change.
  const latest = useRef(opts);
  latest.current = opts;
  const gens = useRef(0);
  const [held, setHeld] = useState<Held<T>>({ gen: 0, key: '', items: new Map(), loaded: false, failed: false });
  const editRef = useRef<ListEdit<T>>({ upsert() {}, remove() {}, patch() {}, replace() {} });
  // One object for the component's life, applying to whichever generation is current.
  const edit = useMemo<ListEdit<T>>(() => ({
    upsert: (item, merge) => editRef.current.upsert(item, merge),
    remove: (k) => editRef.current.remove(k),
    patch: (k, fn) => editRef.current.patch(k, fn),
    replace: (items) => editRef.current.replace(items),
  }), []);

  useEffect(() => {
    const gen = ++gens.current;
    const { list, args } = latest.current;
    const keyOf = (item: T) => latest.current.key(item);
    const keep = (item: T) => latest.current.filter?.(item) ?? true;
    // Only this generation's state counts; anything older (other arguments) starts over.
    const change = (fn: (h: Held<T>) => Partial<Held<T>> | undefined) => setHeld((prev) => {
      const base: Held<T> = prev.gen === gen ? prev : { gen, key: argsKey, items: new Map(), loaded: false, failed: false };
      const delta = fn(base);
      // Nothing changed: keep the very same state, so React skips the render.
      return delta ? { ...base, ...delta } : prev;
    });
    let answered = false;
    let replaced = false;
    const removedEarly = new Set<string>();

    const ops: ListEdit<T> = {
      upsert(item, merge) {
        const k = keyOf(item);
        if (!keep(item)) return ops.remove(k);
        removedEarly.delete(k);
        change((h) => {
          const old = h.items.get(k);
          return { items: new Map(h.items).set(k, old !== undefined && merge ? merge(old, item) : item) };
        });
      },
      remove(k) {
        if (!answered) removedEarly.add(k);
        change((h) => {
          if (!h.items.has(k)) return undefined;
          const items = new Map(h.items);
          items.delete(k);
          return { items };
        });
      },
      patch(k, fn) {
        change((h) => {
          const old = h.items.get(k);
          if (old === undefined) return undefined;
          const next = fn(old);
          return next === old ? undefined : { items: new Map(h.items).set(k, next) };
        });
      },
      replace(items) {
        if (!answered) replaced = true;
        removedEarly.clear();
        change(() => ({ items: new Map(items.filter(keep).map((i) => [keyOf(i), i] as const)), loaded: true }));
      },
    };
    editRef.current = ops;

    return subscribeThenAsk(
      list, args,
      (api) => (Object.keys(latest.current.on) as EventChannel[]).map((event) =>
        api.on(event, (payload) => (latest.current.on[event] as ((p: unknown, e: ListEdit<T>) => void) | undefined)?.(payload, ops))),
      (result) => {
        answered = true;
        // Read now: the updater runs at the next render, and later pushes change these.
        const gone = [...removedEarly];
        const stale = replaced;
        change((h) => {
          if (stale) return { loaded: true };
          const items = new Map<string, T>();
          for (const item of result as unknown as readonly T[]) if (keep(item)) items.set(keyOf(item), item);
          for (const [k, item] of h.items) items.set(k, item); // pushed meanwhile: newer
          for (const k of gone) items.delete(k);
          return { items, loaded: true };
        });
      },
      (err) => {
        answered = true;
        latest.current.onError(`${list}: ${errorText(err)}`);
        change(() => ({ failed: true }));
      },
    );
    // argsKey stands for list + args (by value); handlers are read through `latest`.
  }, [argsKey]);

  const current = held.key === argsKey;
  const items = useMemo(() => {
    if (!current) return NONE;
    const all = [...held.items.values()];
    const order = latest.current.order;
    return order ? all.sort(order) : all;
  }, [held, current]);
  return { items, loaded: current && held.loaded, failed: current && held.failed, edit };
}
