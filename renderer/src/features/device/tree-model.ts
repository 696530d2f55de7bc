// The data-model tree as the page knows it: the objects whose children have
// been loaded (lazily, one level per `parameter.list depth 1`), and the
// records seen so far. Pure and DOM-free, so it is unit-tested directly.
//
// Paths follow TR-106 §3.6: objects end with '.', instance numbers are
// all-digit segments ('Device.WiFi.SSID.2.'), a table is the object above its
// instances ('Device.WiFi.SSID.').
import type { ParameterRecord } from '../../../../shared/model/records';

/** One react-arborist node. `children` null = leaf; [] = object not loaded yet (or empty). */
export interface TreeNode {
  id: string;
  name: string;
  rec: ParameterRecord;
  kind: 'parameter' | 'object' | 'table' | 'instance';
  /** Objects: number of loaded children (undefined until loaded). */
  count?: number;
  children: TreeNode[] | null;
}

export const isObjectPath = (p: string): boolean => p.endsWith('.');

/** 'Device.WiFi.SSID.1.SSID' -> 'Device.WiFi.SSID.1.'; 'Device.WiFi.' -> 'Device.'; 'Device.' -> ''. */
export function parentPath(p: string): string {
  const end = isObjectPath(p) ? p.length - 1 : p.length;
  const dot = p.lastIndexOf('.', end - 1);
  return dot < 0 ? '' : p.slice(0, dot + 1);
}

/** Last segment: 'SSID', '2', 'WiFi'. */
export function nodeName(p: string): string {
  const end = isObjectPath(p) ? p.length - 1 : p.length;
  return p.slice(p.lastIndexOf('.', end - 1) + 1, end);
}

/** An instance of a multi-instance table: an object whose last segment is a number. */
export const isInstancePath = (p: string): boolean => isObjectPath(p) && /^\d+$/.test(nodeName(p));

/** The object paths from the root down to (not including) `p`'s own object level. */
export function objectAncestors(p: string): string[] {
  const out: string[] = [];
  for (let q = parentPath(p); q !== ''; q = parentPath(q)) out.push(q);
  return out.reverse();
}

/** Instance numbers to `{i}` (TR-106 generic path), the key the model is described by. */
export function genericPathOf(p: string): string {
  return p.replace(/(^|\.)\d+(?=\.|$)/g, '$1{i}');
}

/** Records grouped under their parent object, order kept. */
export function groupByParent(records: readonly ParameterRecord[]): Map<string, ParameterRecord[]> {
  const out = new Map<string, ParameterRecord[]>();
  for (const r of records) {
    const parent = parentPath(r.path);
    const list = out.get(parent);
    if (list) list.push(r); else out.set(parent, [r]);
  }
  return out;
}

export class TreeCache {
  readonly root: string;
  readonly #records = new Map<string, ParameterRecord>();
  /** Loaded object path -> child paths in natural order. */
  readonly #children = new Map<string, string[]>();

  constructor(root: string) {
    this.root = root;
    this.#records.set(root, { path: root, object: true });
  }

  isLoaded(objectPath: string): boolean {
    return this.#children.has(objectPath);
  }

  loadedPaths(): string[] {
    return [...this.#children.keys()];
  }

  get(path: string): ParameterRecord | undefined {
    return this.#records.get(path);
  }

  childCount(objectPath: string): number | undefined {
    return this.#children.get(objectPath)?.length;
  }

  /** Replaces the children of one object; records of children that vanished (and their subtrees) are dropped. */
  setChildren(objectPath: string, records: readonly ParameterRecord[]): void {
    const before = this.#children.get(objectPath);
    const now = new Set<string>();
    for (const r of records) {
      now.add(r.path);
      this.#records.set(r.path, r);
    }
    if (before) for (const p of before) if (!now.has(p)) this.removeSubtree(p);
    this.#children.set(objectPath, records.map((r) => r.path));
  }

  /** A record learnt on its own (a search hit): updates a known entry, never adds structure. */
  updateRecord(rec: ParameterRecord): void {
    if (this.#records.has(rec.path)) this.#records.set(rec.path, rec);
  }

  /** Forgets `path` and, for an object, everything loaded below it. */
  removeSubtree(path: string): void {
    this.#records.delete(path);
    if (!isObjectPath(path)) return;
    const kids = this.#children.get(path);
    this.#children.delete(path);
    for (const k of kids ?? []) this.removeSubtree(k);
  }

  /**
   * Applies a listing of a whole subtree (parameter.list without depth):
   * `under` itself and the objects that were loaded below it get their
   * children again; objects not loaded stay lazy unless `loadAll`.
   */
  applySubtree(under: string, records: readonly ParameterRecord[], loadAll = false): void {
    const groups = groupByParent(records);
    const targets = loadAll
      ? [under, ...records.filter((r) => r.object).map((r) => r.path)]
      : this.loadedPaths().filter((p) => p.startsWith(under));
    if (!targets.includes(under)) targets.push(under);
    for (const t of targets) this.setChildren(t, groups.get(t) ?? []);
  }

  /** react-arborist data: the root object with every loaded level below it. */
  build(): TreeNode[] {
    return [this.#node(this.root)];
  }

  /** One node without building its subtree (for the details pane); undefined when not loaded. */
  peek(path: string): TreeNode | undefined {
    return this.#records.has(path) ? this.#node(path, false) : undefined;
  }

  #node(path: string, deep = true): TreeNode {
    const rec = this.#records.get(path) ?? { path, object: isObjectPath(path) };
    const name = nodeName(path);
    if (!rec.object) return { id: path, name, rec, kind: 'parameter', children: null };
    const kids = this.#children.get(path);
    const children = kids && deep ? kids.map((k) => this.#node(k)) : [];
    let kind: TreeNode['kind'] = 'object';
    if (isInstancePath(path)) kind = 'instance';
    else if (kids && kids.length > 0 ? kids.every(isInstancePath) : rec.writable === true) kind = 'table';
    return { id: path, name, rec, kind, count: kids?.length, children };
  }
}
