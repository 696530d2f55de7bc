// Builds the shared, immutable state templates from the data-model generator's
// output, once per (model, profile, scale, seed) in a process: a fleet of
// CPEs of one kind then shares a single copy (see param-store.ts).
import { findObjectDef, findParamDef, genericPath, loadDataModel, type DataModel } from '../lib/datamodel/bbf-model';
import { generateDevice, type GeneratedDevice, type GenerateOptions } from './generate';
import { makeTemplate, type ParamEntry, type StateTemplate } from './param-store';

export interface TemplateKey {
  model: 'tr181' | 'tr098';
  profile?: 'gateway' | 'full';
  scale?: number;
  seed?: number;
}

export interface ModelTemplate { model: DataModel; template: StateTemplate }

const cache = new Map<string, ModelTemplate>();

export function templateFor(key: TemplateKey): ModelTemplate {
  const id = `${key.model}/${key.profile ?? 'gateway'}/${key.scale ?? 'typical'}/${key.seed ?? 1}`;
  let hit = cache.get(id);
  if (!hit) {
    const model = loadDataModel(key.model);
    // No scale: the profile's typical instance counts.
    const opts: GenerateOptions = { profile: key.profile ?? 'gateway', scale: key.scale, seed: key.seed ?? 1 };
    hit = { model, template: buildTemplate(model, generateDevice(model, opts)) };
    cache.set(id, hit);
  }
  return hit;
}

const EMPTY: readonly string[] = Object.freeze([]);
/** Counters and clocks: TR-069 A.3.2.4 lets the CPE refuse active notification on them (9009). */
const VOLATILE = /(\.Stats\.|\.UpTime$|\.CurrentLocalTime$|\.ProcessStatus\.|\.MemoryStatus\.Free$|\.TemperatureStatus\.|\.AssociatedDevice\.|\.LastChange$|\.X_[^.]*Stats\.)/;
const SECRET = /(Password|Passphrase|PreSharedKey|WEPKey|SecretKey|KeyPassphrase|SharedSecret)$/;
/**
 * TR-069 Amd 6 §3.2.1 (and the models' "active notification MUST be enabled by
 * default" rows): the CPE reports changes of these without being asked.
 */
const DEFAULT_ACTIVE = /(\.ManagementServer\.ConnectionRequestURL|\.DeviceInfo\.SoftwareVersion|\.DeviceInfo\.ProvisioningCode)$/;

export function entryFor(model: DataModel, path: string, type: ParamEntry['type'], writable: boolean, value: string): ParamEntry {
  const def = findParamDef(model, path)?.param;
  return {
    type, writable, value,
    notification: DEFAULT_ACTIVE.test(path) ? 2 : 0,
    accessList: EMPTY,
    hidden: Boolean(def?.hidden) || SECRET.test(path),
    volatile: VOLATILE.test(path),
  };
}

/** Writable flag of a concrete object per the model: tables and their rows when creatable. */
export function objectWritable(model: DataModel, path: string): boolean {
  if (/\.\d+\.$/.test(path)) return Boolean(findObjectDef(model, path)?.creatable);
  return Boolean(model.objects.get(genericPath(path) + '{i}.')?.creatable);
}

/**
 * Every object the parameters and generated objects imply: ancestors, and the
 * (possibly empty) tables whose parent exists, since GetParameterNames must
 * list 'Device.NAT.PortMapping.' even with no rows (TR-069 A.3.2.2).
 */
export function completeObjects(model: DataModel, dev: GeneratedDevice, has: (p: string) => boolean = () => false): Map<string, boolean> {
  const out = new Map<string, boolean>();
  const add = (p: string, writable?: boolean) => {
    if (out.has(p)) return;
    out.set(p, writable ?? objectWritable(model, p));
  };
  const ancestors = (path: string, ownIsObject: boolean) => {
    const parts = path.split('.');
    const upto = ownIsObject ? parts.length - 1 : parts.length;
    for (let k = 1; k < upto; k++) {
      const a = parts.slice(0, k).join('.') + '.';
      if (!has(a)) add(a);
    }
  };
  for (const o of dev.objects) { add(o.path, o.writable); ancestors(o.path, true); }
  for (const p of dev.parameters) ancestors(p.path, false);
  // Empty tables: for each multi-instance object whose parent object exists.
  const byGeneric = new Map<string, string[]>();
  for (const p of out.keys()) {
    const g = genericPath(p);
    if (!byGeneric.has(g)) byGeneric.set(g, []);
    byGeneric.get(g)!.push(p);
  }
  for (const def of model.objects.values()) {
    if (!def.multi) continue;
    const table = def.path.slice(0, -'{i}.'.length);
    const cut = table.slice(0, -1).lastIndexOf('.');
    const parentGeneric = table.slice(0, cut + 1);
    const last = table.slice(cut + 1);
    for (const parent of byGeneric.get(parentGeneric) ?? []) {
      const t = parent + last;
      if (!has(t)) add(t, def.creatable);
    }
  }
  return out;
}

export function buildTemplate(model: DataModel, dev: GeneratedDevice): StateTemplate {
  const params = new Map<string, ParamEntry>();
  for (const p of dev.parameters) params.set(p.path, entryFor(model, p.path, p.type, p.writable, p.value));
  const objects = completeObjects(model, dev);
  objects.set(model.root, false);
  return makeTemplate(params, objects);
}
