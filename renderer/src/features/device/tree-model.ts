// The data-model tree as the page knows it: the objects whose children have
// been loaded (lazily, one level per `parameter.list depth 1`), and the
// records seen so far. Pure and DOM-free, so it is unit-tested directly.
//
// Paths follow TR-106 §3.6: objects end with '.', instance numbers are
// all-digit segments ('Device.WiFi.SSID.2.'), a table is the object above its
// instances ('Device.WiFi.SSID.').
import type { ParameterRecord } from '../../../../shared/model/records';

export type NodeKind = 'parameter' | 'object' | 'table' | 'instance';

/** What the details pane and tests see of one node (the tree itself is given the records). */
export interface TreeNode {
  id: string;
  name: string;
  rec: ParameterRecord;
  kind: NodeKind;
  /** Objects: number of loaded children (undefined until loaded). */
  count?: number;
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

/**
 * The loaded part of a device's tree. react-arborist is handed the records
 * themselves (childrenAccessor = childrenOf): no wrapper object per node, so
 * "Expand all" on 100,000 parameters allocates only what the tree library
 * needs. Records are replaced, never mutated, so a changed one is a new object.
 */
export class ParamTreeCache {
  readonly root: string;
  readonly #records = new Map<string, ParameterRecord>();
  /** Loaded object path -> its child records in natural order. */
  readonly #children = new Map<string, ParameterRecord[]>();
  /** Loaded objects whose children are all instances (TR-106 multi-instance tables). */
  readonly #tables = new Set<string>();

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

  /** react-arborist's childrenAccessor: null for a parameter (a leaf), [] for an object not loaded yet. */
  childrenOf = (rec: ParameterRecord): readonly ParameterRecord[] | null =>
    rec.object ? this.#children.get(rec.path) ?? NOT_LOADED : null;

  kindOf(rec: ParameterRecord): NodeKind {
    if (!rec.object) return 'parameter';
    if (isInstancePath(rec.path)) return 'instance';
    const kids = this.#children.get(rec.path);
    // An empty (or unread) table is known by the CPE's writable flag: AddObject allowed (TR-069 A.3.2.1).
    if (kids && kids.length > 0 ? this.#tables.has(rec.path) : rec.writable === true) return 'table';
    return 'object';
  }

  /** Replaces the children of one object; records of children that vanished (and their subtrees) are dropped. */
  setChildren(objectPath: string, records: readonly ParameterRecord[]): void {
    const before = this.#children.get(objectPath);
    const kids = [...records];
    let allInstances = kids.length > 0;
    for (const r of kids) {
      this.#records.set(r.path, r);
      if (allInstances && !isInstancePath(r.path)) allInstances = false;
    }
    if (before?.length) {
      // Only a re-read can lose children; a first read (60,000 of them on "Expand all") skips the set.
      const now = new Set(kids.map((r) => r.path));
      for (const r of before) if (!now.has(r.path)) this.removeSubtree(r.path);
    }
    this.#children.set(objectPath, kids);
    if (allInstances) this.#tables.add(objectPath); else this.#tables.delete(objectPath);
    // The parent's list holds the record object: keep it the current one.
    const parent = parentPath(objectPath);
    const siblings = parent ? this.#children.get(parent) : undefined;
    const own = this.#records.get(objectPath);
    if (siblings && own) {
      const i = siblings.findIndex((r) => r.path === objectPath);
      if (i >= 0 && siblings[i] !== own) siblings[i] = own;
    }
  }

  /** Forgets `path` and, for an object, everything loaded below it. */
  removeSubtree(path: string): void {
    this.#records.delete(path);
    if (!isObjectPath(path)) return;
    const kids = this.#children.get(path);
    this.#children.delete(path);
    this.#tables.delete(path);
    for (const k of kids ?? []) this.removeSubtree(k.path);
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
    // Parents before children, so each object's record is in place when its own children are set.
    for (const t of targets) this.setChildren(t, groups.get(t) ?? []);
  }

  /** react-arborist data: the root record (a new array each time, so the tree sees the change). */
  build(): ParameterRecord[] {
    return [this.#records.get(this.root)!];
  }

  /** One node as the details pane shows it; undefined when not loaded. */
  peek(path: string): TreeNode | undefined {
    const rec = this.#records.get(path);
    if (!rec) return undefined;
    return { id: path, name: nodeName(path), rec, kind: this.kindOf(rec), count: this.#children.get(path)?.length };
  }
}

const NOT_LOADED: readonly ParameterRecord[] = Object.freeze([]);
