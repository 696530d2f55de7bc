// Checking and completing the arguments of an ACS request before it is
// queued: every field the schema requires is present with the right JS type
// (missing scalars take their neutral value), and the lengths the schema caps
// are checked, so what we emit later is valid (TR-069 Annex A types).
import { typeError } from './data-types';
import { RPC_FIELDS, type Field } from './rpc-schema';
import type { AcsRequestName, RpcBodies } from './types';
import { ACS_METHODS } from './types';

const FILE_TYPE_RE = /^([1-9]\d* .+|X [0-9A-F]{6} .+)$/;

export type ArgsCheck<K extends AcsRequestName> = { ok: true; args: RpcBodies[K] } | { ok: false; error: string };

export function normalizeRpcArgs<K extends AcsRequestName>(rpc: K, input: unknown): ArgsCheck<K> {
  if (!(ACS_METHODS as readonly string[]).includes(rpc)) return { ok: false, error: `${rpc} is not an ACS request` };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, error: `${rpc}: args must be an object` };
  try {
    const args = normalize(RPC_FIELDS[rpc], input as Record<string, unknown>, rpc);
    const extra = semanticError(rpc, args);
    if (extra) return { ok: false, error: `${rpc}: ${extra}` };
    return { ok: true, args: args as unknown as RpcBodies[K] };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

function normalize(fields: readonly Field[], obj: Record<string, unknown>, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = obj[f.name];
    const at = `${where}.${f.name}`;
    switch (f.kind) {
      case 'scalar':
        if (v === undefined && f.optional) break;
        out[f.name] = scalar(f.type, v, at, f.maxLength);
        break;
      case 'struct':
        out[f.name] = normalize(f.fields, (v ?? {}) as Record<string, unknown>, at);
        break;
      case 'array': case 'repeated': case 'operations': {
        if (v === undefined) { out[f.name] = []; break; }
        if (!Array.isArray(v)) throw new Error(`${at} must be an array`);
        if (f.kind === 'array' && typeof f.of === 'string') {
          const type = f.of;
          out[f.name] = v.map((x, i) => scalar(type, x, `${at}[${i}]`, f.itemMaxLength));
        } else if (f.kind === 'operations') {
          out[f.name] = v.map((x, i) => {
            if (!x || typeof x !== 'object' || !['Install', 'Update', 'Uninstall'].includes((x as { Op?: string }).Op ?? '')) {
              throw new Error(`${at}[${i}].Op must be Install, Update or Uninstall`);
            }
            return { ...(x as object) };
          });
        } else {
          const sub = f.kind === 'array' ? (f.of as readonly Field[]) : f.fields;
          out[f.name] = v.map((x, i) => normalize(sub, (x ?? {}) as Record<string, unknown>, `${at}[${i}]`));
        }
        break;
      }
      case 'value':
        out.Value = scalar('string', obj.Value, `${where}.Value`, undefined);
        if (obj.Type !== undefined) out.Type = obj.Type;
        break;
    }
  }
  return out;
}

/** `max`: the schema's maxLength, from the field's descriptor (rpc-schema.ts). */
function scalar(type: string, v: unknown, at: string, max: number | undefined): unknown {
  switch (type) {
    case 'boolean':
      if (v === undefined) return false;
      if (typeof v !== 'boolean') throw new Error(`${at} must be true or false`);
      return v;
    case 'int': case 'unsignedInt': {
      if (v === undefined) return 0;
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`${at} must be an integer`);
      if (type === 'unsignedInt' && (n < 0 || n > 4294967295)) throw new Error(`${at} must be 0..4294967295`);
      return n;
    }
    case 'dateTime':
      return typeof v === 'string' ? v : '0001-01-01T00:00:00Z';
    default: {
      if (v === undefined) return '';
      if (typeof v !== 'string') throw new Error(`${at} must be a string`);
      if (max !== undefined && v.length > max) throw new Error(`${at} is ${v.length} characters; the schema allows ${max}`);
      return v;
    }
  }
}

function semanticError(rpc: AcsRequestName, a: Record<string, unknown>): string | null {
  const list = (a.ParameterList ?? []) as { Name: string; Value: string; Type?: string }[];
  const names = (a.ParameterNames ?? []) as string[];
  switch (rpc) {
    case 'SetParameterValues':
      if (list.length === 0) return 'ParameterList is empty';
      for (const p of list) {
        if (!p.Name || p.Name.endsWith('.')) return `"${p.Name}" is not a parameter name (objects end with ".")`;
        if (p.Type) {
          const err = typeError(p.Type as never, p.Value);
          if (err) return `${p.Name}: ${err}`;
        }
      }
      if (new Set(list.map((p) => p.Name)).size !== list.length) return 'a parameter appears twice (TR-069 A.3.2.1 forbids it)';
      return null;
    case 'GetParameterValues': case 'GetParameterAttributes':
      return names.length === 0 ? 'ParameterNames is empty' : null;
    case 'SetParameterAttributes':
      return list.length === 0 ? 'ParameterList is empty' : null;
    case 'AddObject':
      return String(a.ObjectName).endsWith('.') ? null : 'ObjectName must end with "." (a table, e.g. Device.NAT.PortMapping.)';
    case 'DeleteObject':
      return /\.\d+\.$/.test(String(a.ObjectName)) ? null : 'ObjectName must be an instance ending with "." (e.g. Device.NAT.PortMapping.3.)';
    case 'Download': case 'Upload': case 'ScheduleDownload':
      if (!FILE_TYPE_RE.test(String(a.FileType))) return `FileType "${a.FileType}" is not like "1 Firmware Upgrade Image"`;
      return /^(https?|ftp|tftp):\/\//i.test(String(a.URL)) ? null : `URL "${a.URL}" is not an http(s)/ftp URL`;
    case 'GetParameterNames':
      return null;
    default:
      return null;
  }
}
