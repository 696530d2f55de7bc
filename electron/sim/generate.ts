// Populates a simulated CPE from a BBF data model: which objects exist, how
// many instances each table has, and a value for every parameter.
//
// Two passes. plan() fixes the instance count of every implemented object
// (the same count under every parent instance), so that *NumberOfEntries
// parameters (TR-106 A.2.8 numEntriesParameter) and references to rows
// (pathRef, TR-106 A.2.3.4) can be answered arithmetically, before the row
// they describe is emitted. emit() then walks the tree depth-first, in model
// order, which is also the order GetParameterNames returns.
import type { ParameterType } from '../../shared/cwmp/types';
import {
  type DataModel, type ObjectDef, type ParamDef, genericPath, parentObjectPath, resolveRelativePath,
} from '../lib/datamodel/bbf-model';
import { checkValue } from '../../shared/model/value-check';
import { createPrng, type Prng } from './prng';
import { simProfile, type SimProfile } from './profiles';
import { DEFAULT_IDENTITY, type DeviceIdentity, type Preset, type PresetCtx, tr181Presets } from './presets';
import { tr098Presets } from './presets-tr098';
import { minimalValue, synthesize } from './values';

export interface GeneratedParam { path: string; type: ParameterType; writable: boolean; value: string }
/**
 * A concrete object path ending in '.'. For a table instance ('X.3.'),
 * writable = DeleteObject allowed; for a table itself ('X.'), writable =
 * AddObject allowed; single objects are not writable. This is the Writable
 * flag GetParameterNames reports for partial paths (TR-069 A.3.2.1).
 */
export interface GeneratedObject { path: string; writable: boolean }
export interface GeneratedDevice { parameters: GeneratedParam[]; objects: GeneratedObject[] }
export interface GenerateOptions {
  /** gateway (default): what a home gateway implements, typical counts; full: every object. */
  profile?: 'gateway' | 'full';
  /** Instances per table (nested tables multiply), instead of the typical counts. */
  scale?: number;
  seed?: number;
  /** Stop after this many parameters (the last tables are then incomplete). */
  limit?: number;
  identity?: Partial<DeviceIdentity>;
}

// --- model tree ------------------------------------------------------------------

interface Tree { children: Map<string, ObjectDef[]>; numEntries: Map<string, ObjectDef> }
const trees = new WeakMap<DataModel, Tree>();

function treeOf(model: DataModel): Tree {
  let t = trees.get(model);
  if (!t) {
    t = { children: new Map(), numEntries: new Map() };
    for (const o of model.objects.values()) {
      if (o.path !== model.root) {
        const p = parentObjectPath(o.path);
        const list = t.children.get(p);
        if (list) list.push(o); else t.children.set(p, [o]);
      }
      if (o.numEntriesParameter) t.numEntries.set(o.numEntriesParameter, o);
    }
    trees.set(model, t);
  }
  return t;
}

/** What an object adds below its parent: 'SSID.{i}.' or 'Stats.'. */
const segmentOf = (o: ObjectDef): string => o.path.slice(parentObjectPath(o.path).length);

// --- per-parameter plan ----------------------------------------------------------

interface Slot {
  def: ParamDef;
  numEntriesOf?: ObjectDef;
  preset?: Preset;
  refTables?: string[];     // generic table paths ('X.{i}.') a pathRef may point at
  ownMac: boolean;          // MACs of the device itself (OUI-based) vs. of LAN clients
}

interface ObjectPlan { slots: Slot[]; objName: string; tableName: string }

/** Tables describing other devices: their MAC addresses are locally administered ones, not the device's OUI. */
const FOREIGN = /\.(Hosts?|AssociatedDevice|Client|NeighboringWiFiDiagnostic|StaticAddress|DHCPStaticAddress|Discovery|ManageableDevice|PreSharedKey|ActivePort)\./;

class Builder {
  readonly counts = new Map<string, number>();   // implemented objects: instances per parent instance
  readonly out: GeneratedDevice = { parameters: [], objects: [] };
  private readonly plans = new Map<ObjectDef, ObjectPlan>();
  private readonly presets: Map<string, Preset>;
  private readonly tree: Tree;
  private macSeq = 0;
  private readonly ouiMac: string;
  private readonly ownMac = (): string => this.mac(true);
  private readonly foreignMac = (): string => this.mac(false);
  private readonly row = (p: string): string => (this.rowExists(p) ? p : '');

  constructor(
    private readonly model: DataModel,
    private readonly mode: 'populate' | 'defaults',
    private readonly rnd: Prng,
    private readonly id: DeviceIdentity,
    private readonly limit = Infinity,
  ) {
    this.tree = treeOf(model);
    this.presets = mode === 'populate' ? presetsFor(model.kind) : new Map();
    const oui = /^[0-9A-Fa-f]{6}$/.test(id.oui) ? id.oui.toUpperCase() : '02005E';
    this.ouiMac = oui.match(/../g)!.join(':');
  }

  plan(obj: ObjectDef, count: (o: ObjectDef) => number | undefined): void {
    const n = count(obj);
    if (n === undefined) return;   // not implemented: neither it nor anything below exists
    this.counts.set(obj.path, n);
    for (const c of this.tree.children.get(obj.path) ?? []) this.plan(c, count);
  }

  get full(): boolean { return this.out.parameters.length >= this.limit; }

  emit(obj: ObjectDef, path: string, inst: number[]): void {
    if (this.full) return;
    this.out.objects.push({ path, writable: obj.multi && obj.creatable });
    const plan = this.planOf(obj);
    const idx = inst.length ? inst[inst.length - 1] : 1;
    const params = this.out.parameters;
    for (const s of plan.slots) {
      if (params.length >= this.limit) return;
      const p = path + s.def.name;
      params.push({ path: p, type: s.def.type, writable: s.def.writable, value: this.value(s, plan, obj, p, inst, idx) });
    }
    for (const c of this.tree.children.get(obj.path) ?? []) {
      const n = this.counts.get(c.path);
      if (n === undefined || this.full) continue;
      const seg = segmentOf(c);
      if (!c.multi) { this.emit(c, path + seg, inst); continue; }
      const base = path + seg.slice(0, -'{i}.'.length);
      this.out.objects.push({ path: base, writable: c.creatable });
      for (let k = 1; k <= n; k++) this.emit(c, `${base}${k}.`, [...inst, k]);
    }
  }

  private planOf(obj: ObjectDef): ObjectPlan {
    let plan = this.plans.get(obj);
    if (plan) return plan;
    const segs = obj.path.split('.');
    const objName = segs[segs.length - (obj.multi ? 3 : 2)];
    const ti = obj.path.lastIndexOf('.{i}.');
    const tableName = ti < 0 ? objName : obj.path.slice(obj.path.lastIndexOf('.', ti - 1) + 1, ti);
    const ownMac = !FOREIGN.test(obj.path);
    const slots = obj.params.map((def): Slot => {
      const key = obj.path + def.name;
      const slot: Slot = { def, numEntriesOf: this.tree.numEntries.get(key), preset: this.presets.get(key), ownMac };
      const tp = def.reference?.targetParent;
      if (tp) {
        slot.refTables = tp.split(/\s+/).filter(Boolean).map((cand) => {
          const g = resolveRelativePath(this.model.root, obj.path, cand);
          return g.endsWith('{i}.') ? g : `${g}{i}.`;
        }).filter((g) => this.model.objects.has(g));
      }
      return slot;
    });
    plan = { slots, objName, tableName };
    this.plans.set(obj, plan);
    return plan;
  }

  private value(s: Slot, plan: ObjectPlan, obj: ObjectDef, path: string, inst: number[], idx: number): string {
    const d = s.def;
    if (d.hidden) return '';   // hidden/secured: a read returns "" (TR-106 A.2.7)
    if (s.numEntriesOf) return String(this.counts.get(s.numEntriesOf.path) ?? 0);
    // A CPE-assigned Alias starts with "cpe-" (TR-069 Appendix II, TR-181 Alias data type).
    const alias = d.name === 'Alias' && obj.multi ? `cpe-${plan.tableName.toLowerCase()}-${idx}`.slice(0, d.maxLength ?? 64) : undefined;
    if (this.mode === 'defaults') return alias ?? minimalValue(d);
    if (s.preset) {
      const ctx: PresetCtx = {
        idx, inst, id: this.id, spec: this.model.spec, rnd: this.rnd, row: this.row, mac: s.ownMac ? this.ownMac : this.foreignMac,
      };
      const v = s.preset(ctx);
      if (v !== undefined && checkValue(d, v) === null) return v;
    }
    if (alias !== undefined) return alias;
    if (d.reference) {
      const v = s.refTables ? this.refValue(s.refTables, obj, inst, idx) : '';
      if (checkValue(d, v) === null) return v;
    }
    return synthesize({
      def: d, path, idx, objName: plan.objName, rnd: this.rnd, nextMac: s.ownMac ? this.ownMac : this.foreignMac,
    });
  }

  /**
   * A generated row of one of `tables`, seen from a row of `obj`: instance
   * numbers the two paths share (same table, e.g. '#.Port.' inside the same
   * Bridge) are kept; the others are picked by the referencing instance
   * number, so AccessPoint.k points at SSID.k.
   */
  private refValue(tables: string[], obj: ObjectDef, inst: number[], idx: number): string {
    const oSegs = obj.path.split('.');
    for (const table of tables) {
      if (!this.counts.get(table)) continue;
      const tSegs = table.slice(0, -1).split('.');
      const out: string[] = [];
      const free: { at: number; n: number }[] = [];
      let shared = true;
      let used = 0;
      let ok = true;
      for (let j = 0; j < tSegs.length; j++) {
        const seg = tSegs[j];
        if (shared && oSegs[j] !== seg) shared = false;
        if (seg !== '{i}') { out.push(seg); continue; }
        if (shared) { out.push(String(inst[used++])); continue; }
        const n = this.counts.get(tSegs.slice(0, j + 1).join('.') + '.') ?? 0;
        if (n === 0) { ok = false; break; }
        free.push({ at: out.length, n });
        out.push('');
      }
      if (!ok) continue;
      let r = idx - 1;
      const total = free.reduce((a, f) => a * f.n, 1);
      r %= total;
      for (let f = free.length - 1; f >= 0; f--) {
        out[free[f].at] = String((r % free[f].n) + 1);
        r = Math.floor(r / free[f].n);
      }
      return out.join('.');
    }
    return '';
  }

  /** Was row/object `p` ('Device.WiFi.SSID.2') generated? */
  rowExists(p: string): boolean {
    let g = '';
    for (const seg of p.replace(/\.$/, '').split('.')) {
      if (/^\d+$/.test(seg)) {
        g += '{i}.';
        const n = this.counts.get(g);
        if (!n || Number(seg) > n) return false;
      } else g += `${seg}.`;
    }
    return this.counts.has(g);
  }

  private mac(own: boolean): string {
    const m = ++this.macSeq;
    const h = (x: number): string => (x & 255).toString(16).padStart(2, '0').toUpperCase();
    return own ? `${this.ouiMac}:${h(m >> 16)}:${h(m >> 8)}:${h(m)}` : `02:00:${h(m >> 24)}:${h(m >> 16)}:${h(m >> 8)}:${h(m)}`;
  }
}

const presetCache = new Map<string, Map<string, Preset>>();

/** Presets of a root, keyed by generic parameter path. */
function presetsFor(kind: 'tr181' | 'tr098'): Map<string, Preset> {
  let m = presetCache.get(kind);
  if (!m) {
    m = new Map(Object.entries(kind === 'tr181' ? tr181Presets() : tr098Presets()));
    presetCache.set(kind, m);
  }
  return m;
}

function clampCount(o: ObjectDef, n: number): number {
  const max = o.maxEntries === 'unbounded' ? Infinity : o.maxEntries;
  return Math.min(Math.max(n, o.minEntries), max);
}

function includedBy(profile: SimProfile, root: string): (path: string) => boolean {
  return (path) => {
    if (path === root || !profile.subtrees) return true;
    const top = path.slice(root.length, path.indexOf('.', root.length));
    return profile.subtrees.has(top) && !profile.exclude.some((e) => path.startsWith(e));
  };
}

export function generateDevice(model: DataModel, opts: GenerateOptions = {}): GeneratedDevice {
  const profile = simProfile(model.kind, opts.profile ?? 'gateway');
  const included = includedBy(profile, model.root);
  const identity: DeviceIdentity = { ...DEFAULT_IDENTITY, ...stripUndefined(opts.identity ?? {}) };
  if (!opts.identity?.modelName && opts.identity?.productClass) identity.modelName = opts.identity.productClass;
  const b = new Builder(model, 'populate', createPrng(opts.seed ?? 1), identity, opts.limit ?? Infinity);
  const root = model.objects.get(model.root);
  if (!root) throw new Error(`data model ${model.spec} has no ${model.root} object`);
  b.plan(root, (o) => {
    if (!included(o.path)) return undefined;
    if (!o.multi) return 1;
    return clampCount(o, opts.scale ?? profile.typical[o.path] ?? 1);
  });
  b.emit(root, root.path, []);
  return b.out;
}

/**
 * Parameters and sub-objects of a new instance `instance` of table
 * `tablePath` ('Device.NAT.PortMapping.'), with default values, for AddObject
 * (TR-069 A.3.2.6): the model's object default where it fits, else the
 * minimal valid value; Alias gets a "cpe-" name. Nested tables get 0
 * instances (their minEntries, which is 0 except for fixed-size tables).
 */
export function instantiateObject(model: DataModel, tablePath: string, instance: number): GeneratedDevice {
  const table = tablePath.endsWith('.') ? tablePath : `${tablePath}.`;
  const def = model.objects.get(`${genericPath(table)}{i}.`);
  if (!def) throw new Error(`${table} is not a multi-instance object of ${model.spec}`);
  const b = new Builder(model, 'defaults', createPrng(instance), DEFAULT_IDENTITY);
  // Nested tables start empty, except fixed-size ones (minEntries > 0, e.g.
  // TR-098 WLANConfiguration.{i}.WEPKey.{i}. with exactly 4 entries).
  b.plan(def, (o) => (o === def ? 1 : o.multi ? o.minEntries : 1));
  const inst = [...table.matchAll(/\.(\d+)(?=\.)/g)].map((m) => Number(m[1]));
  b.emit(def, `${table}${instance}.`, [...inst, instance]);
  return b.out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
