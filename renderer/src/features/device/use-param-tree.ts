// The tree's data: lazy, one level per `parameter.list depth 1` when an
// object opens, cached, and refreshed where something changed:
// - a finished task re-reads the objects it touched (SetParameterValues: the
//   parents of its parameters; AddObject: the table; DeleteObject: the table
//   the instance was in; a discovery: its subtree);
// - a new Inform or the end of a discovery re-reads what is loaded.
// A device with 100,000 parameters therefore costs only the levels opened,
// unless the user asks for everything ("Expand all").
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DeviceSummary, ParameterRecord } from '../../../../shared/model/records';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { affectedObjects } from './task-effects';
import { ParamTreeCache, objectAncestors, parentPath } from './tree-model';

/** Past this many loaded objects, one listing of the whole subtree beats one call per object. */
const BULK_THRESHOLD = 24;
/** While a discovery runs, what is loaded is re-read at most this often. */
const DISCOVERY_REFRESH_MS = 2500;

export interface ParamTree {
  cache: ParamTreeCache;
  /** react-arborist data (the root record; children come from cache.childrenOf). */
  data: ParameterRecord[];
  /** Everything is loaded (after expandAll). */
  full: boolean;
  /** Objects being loaded right now. */
  loading: ReadonlySet<string>;
  ensureLoaded(objectPath: string): Promise<void>;
  /** Loads every object above `path` so it can be shown. */
  loadAncestors(path: string): Promise<void>;
  reloadUnder(prefix: string): Promise<void>;
  expandAll(): Promise<number>;
}

export function useParamTree(deviceId: string, device: DeviceSummary | null | undefined, onError: (msg: string) => void): ParamTree | undefined {
  const root = device?.root;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new device gets a new cache even with the same root
  const cache = useMemo(() => (root ? new ParamTreeCache(root) : undefined), [deviceId, root]);
  const [version, setVersion] = useState(0);
  const [full, setFull] = useState(false);
  const [loading, setLoading] = useState<ReadonlySet<string>>(new Set());
  const seq = useRef(new Map<string, number>());
  const counter = useRef(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);

  const markLoading = useCallback((path: string, on: boolean) => {
    setLoading((prev) => {
      const next = new Set(prev);
      if (on) next.add(path); else next.delete(path);
      return next;
    });
  }, []);

  /** Reads the children of one object; a later read of the same object wins over an earlier one. */
  const load = useCallback(async (path: string): Promise<void> => {
    if (!cache) return;
    const mine = ++counter.current;
    seq.current.set(path, mine);
    const first = !cache.isLoaded(path);
    if (first) markLoading(path, true);
    try {
      const recs = await getApi().invoke('parameter.list', { deviceId, path, depth: 1 });
      if (seq.current.get(path) !== mine) return;
      cache.setChildren(path, recs);
      bump();
    } catch (err) {
      onError(`Could not read ${path}: ${errorText(err)}`);
    } finally {
      if (first) markLoading(path, false);
    }
  }, [cache, deviceId, bump, markLoading, onError]);

  /** One listing of a subtree, applied to every loaded object below it. */
  const loadBulk = useCallback(async (under: string, all: boolean): Promise<number> => {
    if (!cache) return 0;
    const mine = ++counter.current;
    const targets = cache.loadedPaths().filter((p) => p.startsWith(under));
    for (const p of targets) seq.current.set(p, mine);
    const recs = await getApi().invoke('parameter.list', under === cache.root ? { deviceId } : { deviceId, path: under });
    // For benchmarks: "data arrived" (see ParamTree for "painted").
    if (all) performance.mark('param-tree:data', { detail: { rows: recs.length } });
    // A newer single-object read that started meanwhile is at least as fresh: skip, unless everything was asked for.
    if (!all && targets.some((p) => seq.current.get(p) !== mine)) return recs.length;
    cache.applySubtree(under, recs, all);
    bump();
    return recs.length;
  }, [cache, deviceId, bump]);

  const ensureLoaded = useCallback(async (path: string) => {
    if (cache && !cache.isLoaded(path)) await load(path);
  }, [cache, load]);

  const loadAncestors = useCallback(async (path: string) => {
    for (const a of objectAncestors(path)) await ensureLoaded(a);
  }, [ensureLoaded]);

  const reloadUnder = useCallback(async (prefix: string) => {
    if (!cache) return;
    const targets = cache.loadedPaths().filter((p) => p.startsWith(prefix));
    const parent = parentPath(prefix);
    if (parent && cache.isLoaded(parent)) await load(parent);
    if (targets.length > BULK_THRESHOLD || full) {
      await loadBulk(prefix, false).catch((err: unknown) => onError(`Could not read ${prefix}: ${errorText(err)}`));
    } else {
      await Promise.all(targets.map((p) => load(p)));
    }
  }, [cache, full, load, loadBulk, onError]);

  const reloadPaths = useCallback(async (paths: string[]) => {
    if (!cache) return;
    await Promise.all(paths.filter((p) => cache.isLoaded(p)).map((p) => load(p)));
  }, [cache, load]);

  const expandAll = useCallback(async () => {
    if (!cache) return 0;
    markLoading(cache.root, true);
    try {
      const n = await loadBulk(cache.root, true);
      setFull(true);
      return n;
    } catch (err) {
      onError(`Could not read the tree: ${errorText(err)}`);
      return 0;
    } finally {
      markLoading(cache.root, false);
    }
  }, [cache, loadBulk, markLoading, onError]);

  // First level on open.
  useEffect(() => {
    setFull(false);
    if (cache) void load(cache.root);
  }, [cache, load]);

  // Tasks that changed the tree.
  const latest = useRef({ reloadPaths, reloadUnder, cache });
  latest.current = { reloadPaths, reloadUnder, cache };
  useEffect(() => {
    return getApi().on('task.updated', (t) => {
      const { cache: c } = latest.current;
      if (t.deviceId !== deviceId || t.status !== 'done' || !c) return;
      const hit = affectedObjects(t, c.root);
      for (const r of hit.removed) c.removeSubtree(r);
      if (hit.removed.length) bump();
      void latest.current.reloadPaths(hit.reload);
      for (const u of hit.under) void latest.current.reloadUnder(u);
    });
  }, [deviceId, bump]);

  // New Informs that say values changed (TR-069 §3.7.1.5: 4 VALUE CHANGE, 1 BOOT, 0 BOOTSTRAP), and
  // discovery. A periodic Inform changes nothing worth re-reading a large tree for; tasks run in its
  // session refresh what they touched themselves.
  const changedEvents = device?.lastEvents.some((e) => /^(4 VALUE CHANGE|1 BOOT|0 BOOTSTRAP)$/.test(e.EventCode)) ?? false;
  const lastInform = device?.lastInform;
  const discovery = device?.discovery.status;
  const seen = useRef<{ inform?: string; discovery?: string; at: number }>({ at: 0 });
  useEffect(() => {
    const s = seen.current;
    const c = latest.current.cache;
    if (!c) return;
    const newInform = s.inform !== undefined && lastInform !== s.inform && changedEvents;
    const discoveryEnded = s.discovery === 'running' && discovery !== 'running';
    const discoveryTick = discovery === 'running' && Date.now() - s.at > DISCOVERY_REFRESH_MS;
    s.inform = lastInform;
    s.discovery = discovery;
    if (newInform || discoveryEnded || discoveryTick) {
      s.at = Date.now();
      void latest.current.reloadUnder(c.root);
    }
  }, [lastInform, changedEvents, discovery, device?.discovery.values, device?.discovery.names]);

  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` counts changes made inside the cache
  const data = useMemo(() => (cache ? cache.build() : []), [cache, version]);
  // One object per change, so the tree's props (and its rows) only update when the tree did.
  return useMemo(
    () => (cache ? { cache, data, full, loading, ensureLoaded, loadAncestors, reloadUnder, expandAll } : undefined),
    [cache, data, full, loading, ensureLoaded, loadAncestors, reloadUnder, expandAll],
  );
}

