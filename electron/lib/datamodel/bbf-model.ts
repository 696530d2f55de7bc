// The Broadband Forum data models (TR-181 Device:2, TR-098
// InternetGatewayDevice:1) as lookup tables: one ObjectDef per generic object
// path ("Device.WiFi.SSID.{i}."), each with its parameters and their syntax
// resolved down to a TR-106 base type and facets. Read from the project's own
// copy of the official "full" XML files (resources/bbf/), once per process.
import { readFileSync } from 'node:fs';
import type { ParameterType } from '../../../shared/cwmp/types';
import { bbfFile } from '../resources';
import { parseBbfXml, type RawDataType, type RawFacets, type RawObject, type RawParam } from './bbf-parse';
import { plainText } from './bbf-text';

export interface ParamRange { min?: number; max?: number; step?: number }

export interface ParamDef {
  name: string;              // relative name, e.g. 'SSID'
  /** TR-106 base type after resolving named dataTypes; 'string' for lists (a list is a string on the wire). */
  type: ParameterType;
  writable: boolean;         // access="readWrite"
  list?: boolean;            // comma-separated list value (TR-106 3.2.3)
  /** Base type of each list item (lists only). */
  itemType?: ParameterType;
  enumeration?: string[];    // for lists: allowed item values
  pattern?: string[];        // XML Schema regexes, any one must match the whole value (or item)
  min?: number; max?: number;          // first declared range
  ranges?: ParamRange[];               // all ranges: the value must fall in one of them
  /** Size of the value; for lists, of the whole comma-separated string (<list><size>). */
  maxLength?: number; minLength?: number;
  /** Lists only: size of each item (<string><size> inside a list syntax). */
  itemMaxLength?: number; itemMinLength?: number;
  minItems?: number; maxItems?: number;
  defaultValue?: string;     // object (else factory, else implementation) default; lists without [ ]
  hidden?: boolean;          // hidden="true" or secured="true": reads as ""
  command?: boolean;         // syntax command="true" (e.g. Reset): writing triggers an action
  status?: string;           // current/deprecated
  description?: string;      // first ~300 chars, plain text
  units?: string;
  /** Most specific named BBF dataType (e.g. 'MACAddress', 'IPv4Address'), not the _internal ones. */
  dataType?: string;
  /** pathRef facet: the value is a path name (or list of them), TR-106 A.2.3.4. */
  reference?: { targetParent?: string; refType?: string; targetType?: string };
  /** enumerationRef target (the allowed values are that parameter's current values). */
  enumerationRef?: string;
}

export interface ObjectDef {
  path: string;              // generic path, e.g. 'Device.WiFi.SSID.{i}.'
  multi: boolean;            // ends with '{i}.'
  creatable: boolean;        // access="readWrite" on a table (AddObject/DeleteObject allowed)
  minEntries: number; maxEntries: number | 'unbounded';
  numEntriesParameter?: string;  // full generic path of the *NumberOfEntries parameter
  params: ParamDef[];
  description?: string;
}

export interface DataModel {
  kind: 'tr181' | 'tr098';
  root: 'Device.' | 'InternetGatewayDevice.';
  spec: string;              // e.g. 'Device:2.19'
  objects: Map<string, ObjectDef>;   // key: generic path, in document order
}

const FILES = { tr181: 'tr-181-2-19-1-cwmp-full.xml', tr098: 'tr-098-1-8-0-full.xml' } as const;
const ROOTS = { tr181: 'Device.', tr098: 'InternetGatewayDevice.' } as const;
const cache = new Map<string, DataModel>();

/** Wall time of the last uncached load per kind (for diagnostics and the tests' report). */
export const loadTimings: Partial<Record<'tr181' | 'tr098', number>> = {};

export function loadDataModel(kind: 'tr181' | 'tr098'): DataModel {
  const hit = cache.get(kind);
  if (hit) return hit;
  const t0 = performance.now();
  const raw = parseBbfXml(readFileSync(bbfFile(FILES[kind]), 'utf8'));
  const model = buildModel(kind, raw.modelName, raw.dataTypes, raw.objects);
  loadTimings[kind] = performance.now() - t0;
  cache.set(kind, model);
  return model;
}

/** 'Device.WiFi.SSID.3.SSID' -> 'Device.WiFi.SSID.{i}.SSID'. Every all-digit segment is an instance number in both models. */
export function genericPath(concretePath: string): string {
  if (!/\.\d/.test(concretePath)) return concretePath;
  return concretePath.replace(/(^|\.)\d+(?=\.|$)/g, '$1{i}');
}

/** 'Device.A.{i}.B.' -> 'Device.A.{i}.'; 'Device.A.{i}.' -> 'Device.'; 'Device.' -> ''. */
export function parentObjectPath(path: string): string {
  const parts = path.slice(0, -1).split('.');
  if (parts[parts.length - 1] === '{i}') parts.pop();
  parts.pop();
  return parts.length ? parts.join('.') + '.' : '';
}

const paramIndex = new WeakMap<DataModel, Map<string, { object: ObjectDef; param: ParamDef }>>();

export function findParamDef(model: DataModel, concretePath: string): { object: ObjectDef; param: ParamDef } | undefined {
  let idx = paramIndex.get(model);
  if (!idx) {
    idx = new Map();
    for (const object of model.objects.values()) for (const param of object.params) idx.set(object.path + param.name, { object, param });
    paramIndex.set(model, idx);
  }
  return idx.get(genericPath(concretePath));
}

export function findObjectDef(model: DataModel, concreteObjectPath: string): ObjectDef | undefined {
  const p = concreteObjectPath.endsWith('.') ? concreteObjectPath : concreteObjectPath + '.';
  return model.objects.get(genericPath(p));
}

/**
 * Resolves a TR-106 relative path (pathRef targetParent, enumerationRef
 * targetParam; cwmp-datamodel "Path name scope" rules) seen from generic object
 * `objectPath`: an absolute path is kept; a leading "." is relative to the root
 * object; each leading "#" climbs one object level ("#." is the parent of the
 * current object, a table's "{i}." level included); otherwise relative to the
 * current object.
 */
export function resolveRelativePath(root: string, objectPath: string, ref: string): string {
  if (ref.startsWith(root)) return ref;
  if (ref.startsWith('.')) return root + ref.slice(1);
  let base = objectPath;
  let rest = ref;
  while (rest.startsWith('#')) { base = parentObjectPath(base) || base; rest = rest.slice(1); }
  return base + rest.replace(/^\./, '');
}

// --- building ------------------------------------------------------------------

function buildModel(kind: 'tr181' | 'tr098', modelName: string, dataTypes: Map<string, RawDataType>, rawObjects: RawObject[]): DataModel {
  const root = ROOTS[kind];
  const objects = new Map<string, ObjectDef>();
  const rawByPath = new Map<string, RawObject>();
  for (const ro of rawObjects) {
    // An object whose parent was obsoleted/deleted is unreachable: drop it too.
    const parent = parentObjectPath(ro.name);
    if (ro.name !== root && !objects.has(parent)) continue;
    const multi = ro.name.endsWith('.{i}.');
    objects.set(ro.name, {
      path: ro.name,
      multi,
      creatable: multi && ro.access === 'readWrite',
      minEntries: ro.minEntries,
      maxEntries: ro.maxEntries,
      numEntriesParameter: ro.numEntriesParameter ? parent + ro.numEntriesParameter : undefined,
      params: ro.params.map((rp) => resolveParam(rp, dataTypes)),
      description: ro.description ? plainText(ro.description, { name: ro.name }) || undefined : undefined,
    });
    rawByPath.set(ro.name, ro);
  }
  // enumerationRef: copy the referenced parameter's static enumeration, a
  // superset of the values it can hold at run time (e.g. Radio
  // OperatingFrequencyBand -> SupportedFrequencyBands).
  for (const obj of objects.values()) {
    const raw = rawByPath.get(obj.path)!;
    raw.params.forEach((rp, i) => {
      const ref = rp.facets.enumRef;
      if (!ref) return;
      const def = obj.params[i];
      def.enumerationRef = ref.targetParam;
      if (def.enumeration) return;
      const target = resolveRelativePath(root, obj.path, ref.targetParam);
      const cut = target.lastIndexOf('.');
      const tp = objects.get(target.slice(0, cut + 1))?.params.find((p) => p.name === target.slice(cut + 1));
      if (tp?.enumeration) {
        def.enumeration = [...tp.enumeration];
        if (ref.nullValue !== undefined && !def.enumeration.includes(ref.nullValue)) def.enumeration.push(ref.nullValue);
      }
    });
  }
  return { kind, root, spec: modelName, objects };
}

/** Facets are taken from the most specific level that declares them: the
 * parameter's syntax, then its dataType, then that type's base chain. */
function resolveParam(rp: RawParam, dataTypes: Map<string, RawDataType>): ParamDef {
  const chain: RawFacets[] = [rp.facets];
  let dtName: string | undefined;
  let dtDescription: string | undefined;
  for (let n = rp.dataTypeRef, depth = 0; n && depth < 10; depth++) {
    const dt = dataTypes.get(n);
    if (!dt) break;
    if (!dtName && !n.startsWith('_')) dtName = n;
    dtDescription ??= dt.description;
    chain.push(dt.facets);
    n = dt.baseName;
  }
  const pick = <K extends keyof RawFacets>(k: K): RawFacets[K] => {
    for (const f of chain) if (f[k] !== undefined) return f[k];
    return undefined;
  };
  const base = pick('base') ?? 'string';
  const list = chain.some((f) => f.list);
  const ranges = pick('ranges');
  const def: ParamDef = { name: rp.name, type: list ? 'string' : base, writable: rp.writable };
  if (list) {
    def.list = true;
    def.itemType = base;
    set(def, 'minItems', pick('minItems'));
    set(def, 'maxItems', pick('maxItems'));
    set(def, 'minLength', pick('listMinLength'));
    set(def, 'maxLength', pick('listMaxLength'));
    set(def, 'itemMinLength', pick('minLength'));
    set(def, 'itemMaxLength', pick('maxLength'));
  } else {
    set(def, 'minLength', pick('minLength'));
    set(def, 'maxLength', pick('maxLength'));
  }
  set(def, 'enumeration', pick('enums'));
  set(def, 'pattern', pick('patterns'));
  if (ranges?.length) {
    def.ranges = ranges.map((r) => {
      const o: ParamRange = {};
      set(o, 'min', r.min); set(o, 'max', r.max); set(o, 'step', r.step);
      return o;
    });
    set(def, 'min', ranges[0].min);
    set(def, 'max', ranges[0].max);
  }
  set(def, 'units', pick('units'));
  set(def, 'dataType', dtName);
  set(def, 'reference', pick('pathRef'));
  const dflt = ['object', 'factory', 'implementation'].map((t) => rp.defaults.find((d) => d.type === t)).find(Boolean);
  if (dflt) def.defaultValue = list ? dflt.value.replace(/^\[(.*)\]$/s, '$1') : dflt.value;
  if (rp.hidden) def.hidden = true;
  if (rp.command) def.command = true;
  def.status = rp.status ?? 'current';
  const text = plainText(rp.description || '{{datatype|expand}}',
    { name: rp.name, units: def.units, dataTypeDescription: dtDescription });
  if (text) def.description = text;
  return def;
}

function set<T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined): void {
  if (v !== undefined) o[k] = v;
}
