// A virtual CPE's data model in memory (TR-181 Device:2 or TR-098
// InternetGatewayDevice:1) and the parameter RPCs of TR-069 Amd 6 A.3.2 on
// top of it, with the faults a spec-following CPE returns. Storage is the
// copy-on-write overlay of param-store.ts.
import { cwmpFault, formatDateTime, typeError } from '../../shared/cwmp';
import type {
  CwmpFault, ParameterAttributeStruct, ParameterInfoStruct, ParameterType, ParameterValueStruct,
  SetParameterAttributesStruct, SetParameterValuesFaultStruct,
} from '../../shared/cwmp/types';
import { findObjectDef, findParamDef, genericPath, type DataModel } from '../lib/datamodel/bbf-model';
import { checkValue } from '../../shared/model/value-check';
import { instantiateObject } from './generate';
import { ParamStore, type ParamEntry } from './param-store';
import type { Quirks } from './quirks';
import { completeObjects, entryFor, type ModelTemplate } from './templates';

/** A CWMP fault raised by an RPC; virtual-cpe turns it into a SOAP Fault. */
export class CpeFault extends Error {
  constructor(readonly code: number, message?: string, readonly spv?: SetParameterValuesFaultStruct[]) {
    super(message ?? cwmpFault(code).detail.FaultString);
  }

  toFault(): CwmpFault {
    return cwmpFault(this.code, this.message, this.spv);
  }
}

export type ChangeSource = 'acs' | 'local';

const COUNTER = /\.Stats\.(Bytes|Packets)(Sent|Received)$/;

const HIDDEN_VALUE: Partial<Record<ParamEntry['type'], string>> = {
  boolean: 'false', unsignedInt: '0', int: '0', unsignedLong: '0', long: '0', decimal: '0', dateTime: '0001-01-01T00:00:00Z',
};
const RANGE_MAX: Partial<Record<ParameterType, bigint>> = { unsignedInt: 4294967296n, unsignedLong: 18446744073709551616n };

export class CpeState {
  readonly model: DataModel;
  readonly root: string;
  private readonly store: ParamStore;
  private readonly nextInstance = new Map<string, number>();
  /** Parameters changed other than by the ACS while notification was on (TR-069 A.3.2.4). */
  private readonly changed = new Set<string>();
  private readonly listeners = new Set<(paths: string[], source: ChangeSource) => void>();
  /** Reboot time (ms since epoch): UpTime and the counters derive from it. */
  bootTime = Date.now();

  constructor(mt: ModelTemplate, private readonly quirks: Quirks = {}) {
    this.model = mt.model;
    this.root = mt.model.root;
    this.store = new ParamStore(mt.template);
  }

  get kind(): 'tr181' | 'tr098' { return this.model.kind; }
  get parameterCount(): number { return this.store.subtree('').filter((p) => !p.endsWith('.')).length; }
  get overlaySize(): number { return this.store.overlaySize; }

  onChange(fn: (paths: string[], source: ChangeSource) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(paths: string[], source: ChangeSource): void {
    if (paths.length) for (const fn of this.listeners) fn(paths, source);
  }

  // --- plain access (for the CPE itself) ------------------------------------------

  has(path: string): boolean { return this.store.param(path) !== undefined; }
  isObject(path: string): boolean { return this.store.isObject(path); }
  entry(path: string): Readonly<ParamEntry> | undefined { return this.store.param(path); }

  /** The real value (hidden ones included), with the clocks and counters live. */
  get(path: string): string | undefined {
    const e = this.store.param(path);
    return e ? this.live(path, e) : undefined;
  }

  private live(path: string, e: Readonly<ParamEntry>): string {
    if (!e.volatile) return e.value;
    const up = Math.max(0, Math.floor((Date.now() - this.bootTime) / 1000));
    if (path.endsWith('.UpTime')) return String(up);
    if (path.endsWith('.CurrentLocalTime')) return formatDateTime(new Date());
    const m = COUNTER.exec(path);
    if (m && /^\d+$/.test(e.value) && RANGE_MAX[e.type]) {
      const rate = m[1] === 'Bytes' ? (m[2] === 'Received' ? 12_000n : 3_000n) : (m[2] === 'Received' ? 10n : 4n);
      return String((BigInt(e.value) + BigInt(up) * rate) % RANGE_MAX[e.type]!);
    }
    return e.value;
  }

  /** The value as the CPE sends it: hidden ones empty (or their type's null value), booleans in the CPE's style. */
  private wire(path: string, e: Readonly<ParamEntry>): string {
    // TR-106 A.2.7: a hidden/secured value reads as "" — for strings. A typed
    // Value must still be valid for its xsi:type (cwmp-1-N.xsd), so other types
    // read as their null value (e.g. WPS.DevicePassword, unsignedInt, reads 0).
    if (e.hidden) return HIDDEN_VALUE[e.type] ?? '';
    const v = this.live(path, e);
    if (e.type === 'boolean' && this.quirks.booleansAsNumbers) return v === 'true' || v === '1' ? '1' : '0';
    return v;
  }

  valueStruct(path: string): ParameterValueStruct | undefined {
    const e = this.store.param(path);
    return e ? { Name: path, Value: this.wire(path, e), Type: e.type } : undefined;
  }

  /** Sets a value as the device itself does (no validation, no notification), creating the parameter if needed. */
  setInternal(path: string, value: string, type: ParameterType = 'string', writable = false): void {
    const e = this.store.mutable(path);
    if (e) e.value = value;
    else this.store.addParam(path, entryFor(this.model, path, type, writable, value));
  }

  /**
   * A change made on the device (its web UI, a DHCP lease...): validated like
   * an SPV, but it raises the parameter's notification. Returns that level.
   */
  setLocal(path: string, value: string): number {
    const e = this.store.param(path);
    if (!e) throw new CpeFault(9005, `${path} does not exist`);
    const why = this.invalid(path, e, value);
    if (why) throw new CpeFault(9007, why);
    if (this.normalize(e, value) === e.value) return 0;
    this.store.mutable(path)!.value = this.normalize(e, value);
    if (e.notification > 0) this.changed.add(path);
    this.emit([path], 'local');
    return e.notification;
  }

  /** Changed parameters with notification on, as the Inform's ParameterList wants them (A.3.3.1). */
  pendingChanges(): ParameterValueStruct[] {
    return [...this.changed].map((p) => this.valueStruct(p)).filter((v): v is ParameterValueStruct => !!v);
  }

  /** After the InformResponse: these were delivered. */
  clearChanges(paths: readonly string[]): void {
    for (const p of paths) this.changed.delete(p);
  }

  // --- GetParameterNames (A.3.2.2) --------------------------------------------------

  getParameterNames(path: string, nextLevel: boolean): ParameterInfoStruct[] {
    if (this.quirks.rejectRootGpn && (path === '' || path === this.root)) {
      throw new CpeFault(this.quirks.rejectRootGpn === 9002 ? 9002 : 9005, 'GetParameterNames on the root is not supported');
    }
    let names: string[];
    if (path === '') {
      names = nextLevel ? [this.root] : this.store.subtree('');
    } else if (path.endsWith('.')) {
      if (!this.store.isObject(path)) throw new CpeFault(9005, `${path} does not exist`);
      names = nextLevel ? this.store.children(path) : this.store.subtree(path);
    } else {
      if (!this.store.param(path)) throw new CpeFault(9005, `${path} does not exist`);
      // A.3.2.2: NextLevel true only makes sense for a partial path.
      if (nextLevel) throw new CpeFault(9003, 'NextLevel must be false when ParameterPath is a parameter');
      names = [path];
    }
    if (this.quirks.omitParentObjects) names = names.filter((n) => !n.endsWith('.'));
    return names.map((n) => ({
      Name: n,
      Writable: n.endsWith('.') ? Boolean(this.store.object(n)) : Boolean(this.store.param(n)?.writable),
    }));
  }

  /** Parameters named, or below the partial paths named ('' = everything); 9005 when any is unknown. */
  private expand(names: readonly string[]): string[] {
    const out: string[] = [];
    for (const n of names) {
      if (n === '' || n.endsWith('.')) {
        if (n !== '' && !this.store.isObject(n)) throw new CpeFault(9005, `${n} does not exist`);
        for (const p of this.store.subtree(n)) if (!p.endsWith('.')) out.push(p);
      } else {
        if (!this.store.param(n)) throw new CpeFault(9005, `${n} does not exist`);
        out.push(n);
      }
    }
    return out;
  }

  // --- GetParameterValues / SetParameterValues (A.3.2.1–2) -------------------------

  getParameterValues(names: readonly string[]): ParameterValueStruct[] {
    if (this.quirks.partialPathAsObject && names.some((n) => n.endsWith('.') && n !== '')) {
      // Seen on a real stack: the partial path comes back as the object itself, empty, with no parameters below it.
      return names.flatMap((n) => (n.endsWith('.') ? [{ Name: n, Value: '', Type: 'string' as const }] : this.expand([n]).map((p) => this.valueStruct(p)!)));
    }
    return this.expand(names).map((p) => this.valueStruct(p)!);
  }

  private invalid(path: string, e: Readonly<ParamEntry>, value: string): string | null {
    if (e.type === 'boolean' && this.quirks.booleansAsNumbers && value !== '0' && value !== '1') {
      return `${JSON.stringify(value)}: this device takes booleans as 0 or 1`;
    }
    const def = findParamDef(this.model, path)?.param;
    return def ? checkValue(def, value) : typeError(e.type, value);
  }

  private normalize(e: Readonly<ParamEntry>, value: string): string {
    if (e.type !== 'boolean') return value;
    return value === '1' || value.toLowerCase() === 'true' ? 'true' : 'false';
  }

  /**
   * Atomic: every value is checked before any is applied (A.3.2.1).
   * `refuse` adds the device's own 9007 rules (e.g. diagnostics.ts).
   */
  setParameterValues(list: readonly ParameterValueStruct[], parameterKey: string, refuse?: (name: string, value: string) => string | null): number {
    const faults: SetParameterValuesFaultStruct[] = [];
    const seen = new Set<string>();
    for (const pv of list) {
      if (seen.has(pv.Name)) throw new CpeFault(9003, `${pv.Name} appears more than once`);
      seen.add(pv.Name);
      const e = pv.Name.endsWith('.') ? undefined : this.store.param(pv.Name);
      const fault = (code: number, why: string) => faults.push({ ParameterName: pv.Name, FaultCode: code, FaultString: why });
      if (!e) fault(9005, 'no such parameter');
      else if (!e.writable) fault(9008, 'the parameter is read-only');
      else if (pv.Type && pv.Type !== e.type) fault(9006, `the parameter is ${e.type}, not ${pv.Type}`);
      else {
        const why = this.invalid(pv.Name, e, pv.Value) ?? refuse?.(pv.Name, pv.Value);
        if (why) fault(9007, why);
      }
    }
    if (faults.length) throw new CpeFault(9003, 'Invalid arguments', faults);
    for (const pv of list) this.store.mutable(pv.Name)!.value = this.normalize(this.store.param(pv.Name)!, pv.Value);
    this.setParameterKey(parameterKey);
    this.emit(list.map((pv) => pv.Name), 'acs');
    return 0;
  }

  private setParameterKey(key: string): void {
    this.setInternal(`${this.root}ManagementServer.ParameterKey`, key);
  }

  // --- attributes (A.3.2.3–4) -------------------------------------------------------

  getParameterAttributes(names: readonly string[]): ParameterAttributeStruct[] {
    return this.expand(names).map((p) => {
      const e = this.store.param(p)!;
      return { Name: p, Notification: e.notification, AccessList: [...e.accessList] };
    });
  }

  setParameterAttributes(list: readonly SetParameterAttributesStruct[]): void {
    const plan: { paths: string[]; s: SetParameterAttributesStruct }[] = [];
    for (const s of list) {
      let paths = this.expand([s.Name]);
      if (s.NotificationChange) {
        if (!Number.isInteger(s.Notification) || s.Notification < 0 || s.Notification > 2) {
          throw new CpeFault(9003, `Notification ${s.Notification} is not 0, 1 or 2`);
        }
        if (s.Notification === 2) {
          const partial = s.Name === '' || s.Name.endsWith('.');
          const refused = paths.filter((p) => this.store.param(p)!.volatile);
          // Named explicitly: refuse; within a partial path: leave those out.
          if (!partial && refused.length) throw new CpeFault(9009, `${s.Name} changes constantly: active notification refused`);
          if (refused.length) paths = paths.filter((p) => !this.store.param(p)!.volatile);
        }
      }
      if (s.AccessListChange && s.AccessList.some((a) => a !== 'Subscriber')) {
        throw new CpeFault(9003, 'AccessList may only contain "Subscriber"');
      }
      plan.push({ paths, s });
    }
    for (const { paths, s } of plan) {
      for (const p of paths) {
        const e = this.store.mutable(p)!;
        if (s.NotificationChange) e.notification = s.Notification;
        if (s.AccessListChange) e.accessList = [...s.AccessList];
      }
    }
  }

  // --- AddObject / DeleteObject (A.3.2.6–7) ---------------------------------------

  addObject(objectName: string, parameterKey: string): { InstanceNumber: number; Status: number } {
    const def = objectName.endsWith('.') ? this.model.objects.get(`${genericPath(objectName)}{i}.`) : undefined;
    if (!def || !this.store.isObject(objectName)) throw new CpeFault(9005, `${objectName} is not a table on this device`);
    if (!def.creatable) throw new CpeFault(9005, `${objectName} does not allow AddObject`);
    const existing = this.store.instances(objectName);
    if (typeof def.maxEntries === 'number' && existing.length >= def.maxEntries) {
      throw new CpeFault(9004, `${objectName} is full (${def.maxEntries} entries)`);
    }
    const n = this.addInstance(objectName, existing);
    this.setParameterKey(parameterKey);
    return { InstanceNumber: n, Status: 0 };
  }

  /** Adds a row (also used by the CPE itself, e.g. for deployment units). */
  addInstance(table: string, existing = this.store.instances(table)): number {
    // Instance numbers only grow and are never reused (TR-069 A.3.2.6).
    const n = Math.max(this.nextInstance.get(table) ?? 1, ...existing.map((i) => i + 1));
    this.nextInstance.set(table, n + 1);
    const dev = instantiateObject(this.model, table, n);
    for (const p of dev.parameters) this.store.addParam(p.path, entryFor(this.model, p.path, p.type, p.writable, p.value));
    for (const [o, w] of completeObjects(this.model, dev, (p) => this.store.isObject(p))) this.store.addObject(o, w);
    const row = `${table}${n}.`;
    if (!this.store.isObject(row)) this.store.addObject(row, Boolean(findObjectDef(this.model, row)?.creatable));
    const alias = this.store.mutable(`${row}Alias`);
    if (alias && !alias.value) alias.value = `cpe-${n}`;
    this.updateCount(table);
    return n;
  }

  deleteObject(objectName: string, parameterKey: string): number {
    const m = /^(.+\.)\d+\.$/.exec(objectName);
    if (!m || !this.store.isObject(objectName)) throw new CpeFault(9005, `${objectName} is not an existing object instance`);
    const def = findObjectDef(this.model, objectName);
    if (!def?.creatable) throw new CpeFault(9001, `${m[1]} does not allow DeleteObject`);
    this.store.deleteSubtree(objectName);
    this.updateCount(m[1]!);
    this.setParameterKey(parameterKey);
    return 0;
  }

  /** Removes a row the CPE itself manages (no creatable check, no ParameterKey). */
  removeInstance(row: string): void {
    const m = /^(.+\.)\d+\.$/.exec(row);
    if (!m || !this.store.isObject(row)) return;
    this.store.deleteSubtree(row);
    this.updateCount(m[1]!);
  }

  /**
   * Empties a read-only table the CPE fills itself with a test's results
   * (e.g. TR-181 TraceRoute.RouteHops.{i}., "the array of hop results") and
   * restarts its numbering, so the next run's rows are 1, 2... again: there,
   * instance k is the k-th entry of the array, not an ACS-created object.
   */
  clearInstances(table: string): void {
    for (const i of this.store.instances(table)) this.store.deleteSubtree(`${table}${i}.`);
    this.nextInstance.delete(table);
    this.updateCount(table);
  }

  /** Keeps <Table>NumberOfEntries in step (TR-106 A.2.8 numEntriesParameter). */
  private updateCount(table: string): void {
    const def = this.model.objects.get(`${genericPath(table)}{i}.`);
    const cut = table.slice(0, -1).lastIndexOf('.');
    const parent = table.slice(0, cut + 1);
    const name = def?.numEntriesParameter
      ? def.numEntriesParameter.slice(def.numEntriesParameter.lastIndexOf('.') + 1)
      : `${table.slice(cut + 1, -1)}NumberOfEntries`;
    const e = this.store.mutable(parent + name);
    if (e) e.value = String(this.store.instances(table).length);
  }

  // --- whole-device operations ------------------------------------------------------

  /** Back to the generated defaults (FactoryReset, A.4.1.4); the caller re-applies identity. */
  factoryReset(): void {
    this.store.reset();
    this.nextInstance.clear();
    this.changed.clear();
  }

  /** Writable, non-secret parameters (the vendor configuration file of an Upload). */
  writableParameters(): ParameterValueStruct[] {
    const out: ParameterValueStruct[] = [];
    for (const p of this.store.subtree('')) {
      const e = p.endsWith('.') ? undefined : this.store.param(p);
      if (e?.writable && !e.hidden) out.push({ Name: p, Value: e.value, Type: e.type });
    }
    return out;
  }

  /** Applies a configuration file's values, skipping what does not fit. Returns how many were applied. */
  applyConfig(list: readonly ParameterValueStruct[]): number {
    const ok: string[] = [];
    for (const pv of list) {
      const e = this.store.param(pv.Name);
      if (!e?.writable || this.invalid(pv.Name, e, pv.Value)) continue;
      this.store.mutable(pv.Name)!.value = this.normalize(e, pv.Value);
      ok.push(pv.Name);
    }
    this.emit(ok, 'acs');
    return ok.length;
  }
}
