// The last word before the ACS emits a request: whatever built it (the UI,
// the API, a bulk action, a profile, a diagnostic), a value that is not valid
// for its xsd type, or that the device's data model rules out, is refused
// with a sentence naming the parameter, the value, the type and the reason,
// and nothing is queued or sent. Used by TaskQueue.enqueue and, as the last
// guard, by SessionEngine.prepare right before a message goes out.
//
// What is checked:
//   SetParameterValues  each Value against its xsi:type (the explicit Type,
//                       else the type the device reported, else the model's;
//                       TR-069 A.3.2.1, TR-106 §3.2), the device's and the
//                       model's writability, and the model's facets (range,
//                       enumeration, pattern, length; TR-106 Annex A.2.3)
//   SetParameterAttributes  Notification and AccessList (cwmp-1-x.xsd enumerations)
//   Download, Upload, ScheduleDownload  FileType against the namespace's own
//                       patterns (cwmp-1-0/1-1 enumerate the types, 1-2 has patterns)
//   ScheduleDownload    TimeWindowList: one or two windows, WindowMode (A.4.1.8)
//   ChangeDUState       the operations' fields (A.4.1.10, cwmp-1-2.xsd OpStructs)
// A parameter the model does not know (a vendor extension X_..., TR-106 §3.3)
// is only type-checked: real CPEs accept what their own vendor model says.
import { PARAMETER_TYPES, parseBoolean } from '../../../shared/cwmp/data-types';
import { OPERATION_FIELDS } from '../../../shared/cwmp/rpc-schema';
import type { AcsRequestName, CwmpVersion, ParameterType } from '../../../shared/cwmp/types';
import { findParamDef, loadDataModel, type DataModel, type ParamDef } from '../../lib/datamodel/bbf-model';
import { checkType, checkValue } from '../../../shared/model/value-check';
import type { DeviceStore } from '../store/device-store';

/** What the ACS knows of one parameter from the device's own answers (GetParameterNames/Values). */
export interface StoredParam { type?: ParameterType; writable?: boolean }

export interface DeviceView {
  /** The device's data-model root: 'Device.' (TR-181) or 'InternetGatewayDevice.' (TR-098); '' when unknown. */
  root: string;
  /** The CWMP namespace the device speaks, when known. */
  version?: CwmpVersion;
  parameter(name: string): Promise<StoredParam | undefined> | StoredParam | undefined;
}

/** The device as the store knows it; a session passes the root and namespace it is speaking. */
export function storedDevice(store: DeviceStore, deviceId: string, session?: { root: string; version: CwmpVersion }): DeviceView {
  const summary = store.get(deviceId);
  const ns = /cwmp-(1-[0-4])$/.exec(summary?.cwmpVersion ?? '')?.[1] as CwmpVersion | undefined;
  return {
    root: session?.root ?? summary?.root ?? '',
    version: session?.version ?? ns,
    parameter: (name) => store.getParameter(deviceId, name),
  };
}

type Args = Record<string, unknown>;

const XSD_NAMES = PARAMETER_TYPES.map((t) => (t === 'base64' ? 'xsd:base64Binary' : `xsd:${t}`)).join(', ');

/**
 * The TR-106 type named by a Type given with a value: 'boolean', 'xsd:boolean'
 * or 'xs:boolean'; base64 also as (xsd:)base64Binary. undefined for anything
 * else: the serializer writes `xsd:<type>`, so a prefixed or unknown name
 * would become an xsi:type no schema defines.
 */
export function parameterTypeOf(name: string): ParameterType | undefined {
  const m = /^(?:xsd?:)?([A-Za-z0-9]+)$/.exec(name.trim());
  if (!m) return undefined;
  const local = m[1] === 'base64Binary' ? 'base64' : m[1];
  return (PARAMETER_TYPES as readonly string[]).includes(local) ? (local as ParameterType) : undefined;
}

/** The xsi:type a SetParameterValues value goes out with: explicit, else the device's, else the model's, else string. */
export async function valueType(device: DeviceView, name: string, explicit: unknown): Promise<ParameterType> {
  const given = typeof explicit === 'string' ? parameterTypeOf(explicit) : undefined;
  return given ?? (await device.parameter(name))?.type ?? modelParam(device, name)?.def.type ?? 'string';
}

/** The same arguments with every SetParameterValues Type in its canonical form ('xsd:boolean' → 'boolean'). */
export function withCanonicalTypes<T>(rpc: AcsRequestName, args: T): T {
  if (rpc !== 'SetParameterValues') return args;
  const a = args as unknown as { ParameterList: { Type?: unknown }[] };
  const ParameterList = a.ParameterList.map((p) => {
    const t = typeof p.Type === 'string' ? parameterTypeOf(p.Type) : undefined;
    return t ? { ...p, Type: t } : p;
  });
  return { ...a, ParameterList } as unknown as T;
}

/**
 * Why the ACS must not send this request, or null. Tolerant of any shape:
 * what is not well-formed is left to normalizeRpcArgs (shared/cwmp/rpc-args.ts).
 */
export async function checkRequest(device: DeviceView, rpc: AcsRequestName, args: unknown): Promise<string | null> {
  if (!args || typeof args !== 'object') return null;
  const a = args as Args;
  switch (rpc) {
    case 'SetParameterValues': {
      for (const p of list(a.ParameterList)) {
        const why = await valueProblem(device, p);
        if (why) return why;
      }
      return null;
    }
    case 'SetParameterAttributes':
      return attributesProblem(device.version, list(a.ParameterList));
    case 'Download': case 'Upload': case 'ScheduleDownload': {
      const why = fileTypeProblem(rpc, device.version, a.FileType);
      if (why || rpc !== 'ScheduleDownload') return why;
      return timeWindowProblem(a.TimeWindowList);
    }
    case 'ChangeDUState':
      return operationsProblem(a.Operations);
    default:
      return null;
  }
}

function list(v: unknown): Args[] {
  return Array.isArray(v) ? v.filter((x): x is Args => !!x && typeof x === 'object') : [];
}

// --- SetParameterValues -----------------------------------------------------------

async function valueProblem(device: DeviceView, p: Args): Promise<string | null> {
  const name = p.Name;
  const value = p.Value;
  if (typeof name !== 'string' || typeof value !== 'string') return null;
  let explicit: ParameterType | undefined;
  if (p.Type !== undefined) {
    if (typeof p.Type !== 'string') return `${name}: Type must be an xsd type name such as "xsd:boolean"`;
    explicit = parameterTypeOf(p.Type);
    if (!explicit) return `${name}: ${p.Type} is not an xsd type the CWMP schema allows (${XSD_NAMES})`;
  }
  const stored = await device.parameter(name);
  if (explicit && stored?.type && explicit !== stored.type) {
    // A.3.2.1: the CPE answers a value of another type with fault 9006.
    return `${name}: sent as ${xsd(explicit)}, but the device reported it as ${xsd(stored.type)} (TR-069 A.3.2.1; leave Type out to use the device's)`;
  }
  const hit = modelParam(device, name);
  const type = explicit ?? stored?.type ?? hit?.def.type ?? 'string';
  const bad = xsdProblem(type, value);
  if (bad) return `${name}: ${bad}`;
  if (stored?.writable === false) return `${name}: not writable (the device reported it read-only)`;
  if (!hit) return null;
  if (stored?.writable === undefined && !hit.def.writable) return `${name}: not writable (the ${hit.label} defines it read-only)`;
  // The model's facets are the rules of the model's type: a device that
  // reports another type for the parameter is only held to the xsd check.
  if (type !== hit.def.type) return null;
  const wire = type === 'boolean' ? String(parseBoolean(value)) : type === 'string' ? value : value.trim();
  const why = checkValue(hit.def, wire);
  if (!why) return null;
  const named = wire !== '' && why.includes(wire.slice(0, 20));
  return `${name}: ${named ? why : `${quote(value)}: ${why}`}, which the ${hit.label} does not allow`;
}

function xsd(t: ParameterType): string {
  return t === 'base64' ? 'xsd:base64Binary' : `xsd:${t}`;
}

const LIMITS: Record<string, [bigint, bigint]> = {
  unsignedInt: [0n, 4294967295n], int: [-2147483648n, 2147483647n],
  unsignedLong: [0n, 18446744073709551615n], long: [-9223372036854775808n, 9223372036854775807n],
};
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * Why `value` is not in the lexical space of the xsd type, or null. All types
 * but string collapse whitespace (XML Schema Part 2 §4.3.6), so surrounding
 * spaces are allowed; booleans in any case are fine: prepare() writes them
 * as the device does (true/false or 1/0) before sending.
 */
export function xsdProblem(type: ParameterType, value: string): string | null {
  const v = value.trim();
  const q = quote(value);
  switch (type) {
    case 'string': {
      const c = NOT_XML_CHAR.exec(value);
      return c ? `${q} contains U+${c[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, a character XML 1.0 cannot carry` : null;
    }
    case 'boolean':
      return parseBoolean(v) === undefined ? `${q} is not a boolean (true, false, 1 or 0)` : null;
    case 'unsignedInt': case 'int': case 'unsignedLong': case 'long': {
      const [lo, hi] = LIMITS[type]!;
      if (!/^[+-]?\d+$/.test(v)) return `${q} is not ${article(type)} ${type} (a whole number ${lo}..${hi})`;
      const n = BigInt(v);
      return n < lo || n > hi ? `${v} is outside the ${type} range ${lo}..${hi}` : null;
    }
    case 'decimal':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v) ? null : `${q} is not a decimal (a number such as 12.5)`;
    case 'dateTime':
      return checkType('dateTime', v) || !validDay(v) ? `${q} is not a dateTime (such as 2026-01-31T12:00:00Z)` : null;
    case 'hexBinary':
      return checkType('hexBinary', v) ? `${q} is not hexBinary (pairs of hex digits)` : null;
    case 'base64':
      return checkType('base64', value) || !base64Padding(value)
        ? `${q} is not base64 (A-Z, a-z, 0-9, + and / in groups of four, = padding)` : null;
  }
}

function article(w: string): string {
  return /^[aeiou]/.test(w) ? 'an' : 'a';
}

/** xs:dateTime's day must exist in its month (29 February only in leap years). */
function validDay(v: string): boolean {
  const m = /^-?(\d{4,})-(\d\d)-(\d\d)/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
}

/** xs:base64Binary: the last character before padding carries no stray bits (Part 2 §3.2.16, B16 and B04). */
function base64Padding(value: string): boolean {
  const s = value.replace(/\s+/g, '');
  if (s.endsWith('==')) return /[AQgw]$/.test(s.slice(0, -2));
  if (s.endsWith('=')) return /[AEIMQUYcgkosw048]$/.test(s.slice(0, -1));
  return true;
}

function quote(v: string): string {
  return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
}

/** The model's definition of a concrete parameter under the device's root (as model.describe finds it). */
function modelParam(device: DeviceView, name: string): { def: ParamDef; label: string } | undefined {
  const kind = device.root === 'Device.' ? 'tr181' : device.root === 'InternetGatewayDevice.' ? 'tr098' : undefined;
  if (!kind || !name.startsWith(device.root)) return undefined;
  const model: DataModel = loadDataModel(kind);
  const hit = findParamDef(model, name);
  return hit ? { def: hit.param, label: `${kind === 'tr181' ? 'TR-181' : 'TR-098'} model (${model.spec})` } : undefined;
}

// --- the other RPCs -------------------------------------------------------------

/** cwmp-1-0/1-1 enumerate Notification 0..2; cwmp-1-2 (CWMP 1.2-1.4) 0..6. AccessList holds only "Subscriber". */
function attributesProblem(version: CwmpVersion | undefined, entries: Args[]): string | null {
  const max = version === '1-0' || version === '1-1' ? 2 : 6;
  for (const p of entries) {
    const n = Number(p.Notification ?? 0);
    if (!Number.isInteger(n) || n < 0 || n > max) {
      return `${String(p.Name)}: Notification ${String(p.Notification)} is not one of 0..${max} (cwmp-${version ?? '1-2'} schema, TR-069 A.3.2.4)`;
    }
    for (const who of Array.isArray(p.AccessList) ? p.AccessList : []) {
      if (who !== 'Subscriber') return `${String(p.Name)}: AccessList entry ${JSON.stringify(who)} is not allowed (the schema allows only "Subscriber")`;
    }
  }
  return null;
}

// FileType (A.3.2.8, A.4.1.5): cwmp-1-0 and 1-1 list the types; cwmp-1-2 has patterns.
const OLD_FILE_TYPES: Record<string, string[]> = {
  Download: ['1 Firmware Upgrade Image', '2 Web Content', '3 Vendor Configuration File'],
  Upload: ['1 Vendor Configuration File', '2 Vendor Log File'],
};
const FILE_TYPE_PATTERNS = [/^[1-9]\d*( \S+)+$/, /^X [0-9A-F]{6} .+$/, /^X \S+ .+$/];

function fileTypeProblem(rpc: 'Download' | 'Upload' | 'ScheduleDownload', version: CwmpVersion | undefined, fileType: unknown): string | null {
  if (typeof fileType !== 'string') return null;
  if (fileType.length > 64) return `FileType is ${fileType.length} characters; the schema allows 64`;
  if (version === '1-0' || version === '1-1') {
    const known = OLD_FILE_TYPES[rpc === 'Upload' ? 'Upload' : 'Download']!;
    if (known.includes(fileType) || /^X [0-9A-F]{6} /.test(fileType)) return null;
    return `FileType "${fileType}" does not exist in cwmp-${version}, which this device speaks (${known.join(', ')} or "X <OUI> <vendor type>")`;
  }
  return FILE_TYPE_PATTERNS.some((re) => re.test(fileType))
    ? null : `FileType "${fileType}" is not like "1 Firmware Upgrade Image" (a number, then words each after one space)`;
}

function timeWindowProblem(windows: unknown): string | null {
  const w = list(windows);
  if (w.length < 1 || w.length > 2) return `TimeWindowList holds ${w.length} time windows; ScheduleDownload takes one or two (TR-069 A.4.1.8)`;
  for (const [i, t] of w.entries()) {
    const mode = String(t.WindowMode ?? '');
    if (mode.length > 64 || !FILE_TYPE_PATTERNS.some((re) => re.test(mode))) {
      return `TimeWindowList[${i}].WindowMode "${mode}" is not a window mode (e.g. "1 At Any Time", "2 Immediately", "3 When Idle", "4 Confirmation Needed")`;
    }
  }
  return null;
}

const UUID_RE = /^[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
const OP_MAX: Record<string, number> = { URL: 1024, Username: 256, Password: 256, ExecutionEnvRef: 256, Version: 32 };

function operationsProblem(ops: unknown): string | null {
  const all = list(ops);
  if (all.length === 0) return 'Operations is empty (ChangeDUState needs at least one, TR-069 A.4.1.10)';
  for (const [i, op] of all.entries()) {
    const fields = OPERATION_FIELDS[op.Op as keyof typeof OPERATION_FIELDS] ?? [];
    for (const k of fields) {
      const v = op[k];
      if (v === undefined) continue;
      if (typeof v !== 'string') return `Operations[${i}].${k} must be a string`;
      if (OP_MAX[k] !== undefined && v.length > OP_MAX[k]!) return `Operations[${i}].${k} is ${v.length} characters; the schema allows ${OP_MAX[k]}`;
    }
    if (op.Op === 'Install' && !op.URL) return `Operations[${i}]: Install needs a URL`;
    const uuid = typeof op.UUID === 'string' ? op.UUID : '';
    if (op.Op === 'Uninstall' && !uuid) return `Operations[${i}]: Uninstall needs the UUID of the deployment unit`;
    if (uuid && !UUID_RE.test(uuid)) return `Operations[${i}].UUID "${uuid}" is not a UUID (8-4-4-4-12 hex digits)`;
  }
  return null;
}
