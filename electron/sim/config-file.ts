// The files an Upload sends (TR-069 A.4.1.5 FileType): a vendor
// configuration file (an XML dump of the writable, non-secret parameters,
// which a later Download of type '3 Vendor Configuration File' restores) and
// a vendor log file (the CPE's recent log lines).
import { formatDateTime } from '../../shared/cwmp';
import type { FaultStruct, ParameterType, ParameterValueStruct } from '../../shared/cwmp/types';
import type { CpeState } from './cpe-state';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unesc = (s: string) => s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-f]+));/gi, (_, e: string, d?: string, h?: string) =>
  d ? String.fromCodePoint(Number(d)) : h ? String.fromCodePoint(parseInt(h, 16))
    : ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[e.toLowerCase()]!);

export function configFile(state: CpeState, serial: string): Buffer {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<DeviceConfig dataModel="${esc(state.model.spec)}" serialNumber="${esc(serial)}" created="${formatDateTime(new Date())}">`,
    ...state.writableParameters().map((p) => `  <Parameter name="${esc(p.Name)}" type="${p.Type}">${esc(p.Value)}</Parameter>`),
    '</DeviceConfig>',
    '',
  ];
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** Parameters of a configuration file written by configFile(); empty when it is not one. */
export function parseConfigFile(body: Buffer): ParameterValueStruct[] {
  const text = body.toString('utf8');
  if (!text.includes('<DeviceConfig')) return [];
  const out: ParameterValueStruct[] = [];
  for (const m of text.matchAll(/<Parameter name="([^"]*)" type="([A-Za-z0-9]+)">([^<]*)<\/Parameter>/g)) {
    out.push({ Name: unesc(m[1]!), Type: m[2] as ParameterType, Value: unesc(m[3]!) });
  }
  return out;
}

/** What an Upload of this FileType sends: the log for a log file, else the configuration file. */
export function uploadBody(state: CpeState, log: CpeLog, serial: string, fileType: string): { body: Buffer; contentType: string } {
  return /Log File/.test(fileType)
    ? { body: Buffer.from(log.text(), 'utf8'), contentType: 'text/plain' }
    : { body: configFile(state, serial), contentType: 'text/xml' };
}

/** A downloaded '3 Vendor Configuration File' applied; a fault when it is not one of this device's. */
export function applyConfigFile(state: CpeState, body: Buffer): FaultStruct | null {
  const list = parseConfigFile(body);
  if (!list.length) return { FaultCode: 9018, FaultString: 'not a configuration file of this device' };
  state.applyConfig(list);
  return null;
}

/** Recent log lines, newest last (bounded: a fleet keeps one per CPE). */
export class CpeLog {
  private readonly lines: string[] = [];
  constructor(private readonly max = 100) {}

  add(line: string): void {
    this.lines.push(`${formatDateTime(new Date())} ${line}`);
    if (this.lines.length > this.max) this.lines.shift();
  }

  text(): string {
    return this.lines.join('\n') + '\n';
  }
}
