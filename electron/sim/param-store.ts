// The storage under a virtual CPE's data model: one immutable template per
// (model, profile, scale, seed), shared by every CPE built from it, and a small
// copy-on-write overlay per CPE (its identity, what the ACS set, the objects it
// added or deleted). A fleet of 1,000 CPEs thus holds one copy of the ~5,000
// parameters plus a few dozen entries each.
import type { ParameterType } from '../../shared/cwmp/types';
import { lowerBound, subtreeRange, comparePaths } from '../../shared/model/natural-order';

export interface ParamEntry {
  type: ParameterType;
  writable: boolean;
  value: string;
  /** 0 off, 1 passive, 2 active (TR-069 A.3.2.4). */
  notification: number;
  accessList: readonly string[];
  /** hidden/secured (TR-106 A.2.7): reads as "" (passwords, keys). */
  hidden: boolean;
  /** Changes constantly (counters, uptime): active notification is refused with 9009. */
  volatile: boolean;
}

export interface StateTemplate {
  /** Parameters (path → entry); entries are frozen, overlays copy them before writing. */
  readonly params: ReadonlyMap<string, Readonly<ParamEntry>>;
  /** Concrete object paths (ending in '.') → writable (AddObject on a table, DeleteObject on an instance). */
  readonly objects: ReadonlyMap<string, boolean>;
  /** Every object and parameter path, in natural order (subtrees contiguous). */
  readonly order: readonly string[];
}

export function makeTemplate(params: Map<string, ParamEntry>, objects: Map<string, boolean>): StateTemplate {
  for (const e of params.values()) Object.freeze(e);
  const order = [...objects.keys(), ...params.keys()].sort(comparePaths);
  return { params, objects, order };
}

export class ParamStore {
  /** Overridden template entries and added parameters. */
  private local = new Map<string, ParamEntry>();
  private localObjects = new Map<string, boolean>();
  /** Paths added by AddObject (not in the template), sorted. */
  private added: string[] = [];
  /** Template subtrees removed by DeleteObject (instance paths ending in '.'). */
  private deleted: string[] = [];

  constructor(readonly template: StateTemplate) {}

  /** Back to the template (factory reset). */
  reset(): void {
    this.local.clear();
    this.localObjects.clear();
    this.added = [];
    this.deleted = [];
  }

  private gone(path: string): boolean {
    for (const d of this.deleted) if (path.startsWith(d)) return true;
    return false;
  }

  param(path: string): Readonly<ParamEntry> | undefined {
    const l = this.local.get(path);
    if (l) return l;
    const t = this.template.params.get(path);
    return t && !(this.deleted.length && this.gone(path)) ? t : undefined;
  }

  /** The entry, copied into the overlay first so that it may be written. */
  mutable(path: string): ParamEntry | undefined {
    const l = this.local.get(path);
    if (l) return l;
    const t = this.param(path);
    if (!t) return undefined;
    const copy = { ...t };
    this.local.set(path, copy);
    return copy;
  }

  /** Writable flag of an existing object, undefined when there is no such object. */
  object(path: string): boolean | undefined {
    const l = this.localObjects.get(path);
    if (l !== undefined) return l;
    const t = this.template.objects.get(path);
    return t !== undefined && !(this.deleted.length && this.gone(path)) ? t : undefined;
  }

  isObject(path: string): boolean {
    return this.object(path) !== undefined;
  }

  addParam(path: string, entry: ParamEntry): void {
    const isNew = !this.template.params.has(path) && !this.local.has(path);
    this.local.set(path, entry);
    if (isNew) this.insertAdded(path);
  }

  addObject(path: string, writable: boolean): void {
    const isNew = !this.template.objects.has(path) && !this.localObjects.has(path);
    this.localObjects.set(path, writable);
    if (isNew) this.insertAdded(path);
  }

  private insertAdded(path: string): void {
    const at = lowerBound(this.added, path);
    if (this.added[at] !== path) this.added.splice(at, 0, path);
  }

  /** Removes an object instance and everything below it. */
  deleteSubtree(prefix: string): void {
    const [a, b] = subtreeRange(this.added, prefix);
    for (const p of this.added.slice(a, b)) {
      this.local.delete(p);
      this.localObjects.delete(p);
    }
    this.added.splice(a, b - a);
    for (const p of [...this.local.keys()]) if (p.startsWith(prefix)) this.local.delete(p);
    for (const p of [...this.localObjects.keys()]) if (p.startsWith(prefix)) this.localObjects.delete(p);
    const [ta, tb] = subtreeRange(this.template.order, prefix);
    if (tb > ta) this.deleted.push(prefix);
  }

  /** `prefix` (an object path, or '' for all) and every path below it, in natural order. */
  subtree(prefix: string): string[] {
    const t = this.template.order;
    const [ta, tb] = prefix ? subtreeRange(t, prefix) : [0, t.length];
    const [aa, ab] = prefix ? subtreeRange(this.added, prefix) : [0, this.added.length];
    const out: string[] = [];
    let i = ta;
    let j = aa;
    const check = this.deleted.length > 0;
    while (i < tb || j < ab) {
      if (j >= ab || (i < tb && comparePaths(t[i]!, this.added[j]!) < 0)) {
        const p = t[i++]!;
        if (!check || !this.gone(p)) out.push(p);
      } else {
        out.push(this.added[j++]!);
      }
    }
    return out;
  }

  /** Direct children of object `prefix` (parameters and objects). */
  children(prefix: string): string[] {
    return this.subtree(prefix).filter((p) => {
      if (p === prefix) return false;
      const rest = p.slice(prefix.length);
      const dot = rest.indexOf('.');
      return dot < 0 || dot === rest.length - 1;
    });
  }

  /** Instance numbers present in table `tablePath` ('X.Y.'). */
  instances(tablePath: string): number[] {
    const out: number[] = [];
    for (const p of this.children(tablePath)) {
      const m = /^(\d+)\.$/.exec(p.slice(tablePath.length));
      if (m) out.push(Number(m[1]));
    }
    return out;
  }

  /** Number of entries in the overlay (for memory diagnostics). */
  get overlaySize(): number {
    return this.local.size + this.localObjects.size;
  }
}
