// The last guard before an ACS request goes out, and the device's way of
// writing values. A request the ACS must not send (a value invalid for its xsd
// type or the data model, request-check.ts) is refused here even when it was
// queued before these checks existed (rule 3: nothing schema-invalid leaves).
// SetParameterValues values are then written the way this device reads them,
// per its compatibility profile (shared/model/compat.ts).
import { formatBooleanLike, parseBoolean } from '../../../shared/cwmp/data-types';
import type { CwmpVersion } from '../../../shared/cwmp/types';
import type { CompatProfile } from '../../../shared/model/compat';
import type { DeviceStore } from '../store/device-store';
import type { AnyRequest } from './job';
import { checkRequest, storedDevice, valueType } from './request-check';

/** The request as it goes on the wire, or why it must not. */
export type Prepared = { ok: true; request: AnyRequest } | { ok: false; error: string };

/**
 * Each SetParameterValues xsi:type is the given one, else what the device
 * reported, else the model's (A.3.2.1: it must be the parameter's type).
 */
export async function prepareRequest(
  store: DeviceStore, deviceId: string, session: { root: string; version: CwmpVersion }, compat: CompatProfile, request: AnyRequest,
): Promise<Prepared> {
  const device = storedDevice(store, deviceId, session);
  const refused = await checkRequest(device, request.name, request.args);
  if (refused) return { ok: false, error: `${request.name} not sent: ${refused}` };
  if (request.name !== 'SetParameterValues') return { ok: true, request };
  const a = request.args;
  const list = await Promise.all(a.ParameterList.map(async (p) => {
    const Type = await valueType(device, p.Name, p.Type);
    let Value = p.Value;
    if (Type === 'boolean') {
      const b = parseBoolean(p.Value);
      if (b !== undefined) Value = writeBoolean(b, compat.booleanStyle, (await store.getParameter(deviceId, p.Name))?.value);
    } else if (Type === 'dateTime') {
      Value = writeDateTime(p.Value, compat.dateTimeFraction);
    }
    return { Name: p.Name, Value, Type };
  }));
  return { ok: true, request: { name: request.name, args: { ...a, ParameterList: list } } };
}

/**
 * xsd:boolean is true/false/1/0 (XML Schema 2 §3.2.2), but some CPEs take
 * only one style (seen: 9007 on "true"). 'auto' echoes the style the device
 * reported for this parameter.
 */
export function writeBoolean(v: boolean, style: CompatProfile['booleanStyle'], sample: string | undefined): string {
  if (style === 'digits') return v ? '1' : '0';
  if (style === 'words') return v ? 'true' : 'false';
  return formatBooleanLike(v, sample);
}

/**
 * TR-069 A.2.2.1 allows fractional seconds in dateTime, and some CPE
 * parsers reject them while others require them. The value was checked
 * valid already (request-check.ts); only its seconds are rewritten. The
 * Unknown Time (0001-01-01T00:00:00Z, TR-106 §3.2.1) keeps its form.
 */
export function writeDateTime(value: string, fraction: boolean): string {
  const m = /^(\s*\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?(\s*)$/.exec(value);
  if (!m || m[1].trim().startsWith('0001-01-01')) return value;
  const [, base, frac, zone = ''] = m;
  if (fraction) return `${base.trim()}${frac ?? '.000'}${zone}`;
  return `${base.trim()}${zone}`;
}
