// The device list's logic, kept free of React so it can be unit-tested:
// presence over what the list knows, sorting, searching, and fault text.
import { explainFault, FAULT_CODES } from '../../../../shared/cwmp/faults';
import { presence, type ContactOutcome, type Presence, type PresenceState } from '../../../../shared/model/presence';
import type { DeviceSummary } from '../../../../shared/model/records';
import { relativeTime } from '../../lib/format';

/** The list's status column: the shared rule (shared/model/presence.ts) over what the list knows. */
export type OnlineState = PresenceState;

/** What the list knows about each device beyond its summary: live sessions, connection requests, hosted virtual CPEs. */
export interface ListEvidence {
  inSession: ReadonlySet<string>;
  contacts?: ReadonlyMap<string, ContactOutcome>;
  /** Built-in virtual CPEs running now (sim.list). */
  runningSims?: ReadonlySet<string>;
  acsStartedAt?: string;
}

export function devicePresence(d: DeviceSummary, now: number, ev: ListEvidence): Presence {
  return presence({
    inSession: ev.inSession.has(d.id), lastInform: d.lastInform, periodicInformInterval: d.periodicInformInterval,
    lastConnectionRequest: ev.contacts?.get(d.id), acsStartedAt: ev.acsStartedAt, hostedSimRunning: ev.runningSims?.has(d.id),
  }, now);
}

// One formatter for the whole renderer (lib/format.ts): the list, the header and the cards read the same.
export { relativeTime };

/** "1 h", "30 min", "90 s": for periodic intervals in tooltips. */
export function durationText(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** "9005 Invalid parameter name" for the cell; the full sentence goes in the tooltip. */
export function faultShort(code: number): string {
  const info = FAULT_CODES[code];
  return info ? `${code} ${info.name}` : `${code}`;
}

export function faultLong(fault: { code: number; message: string }): string {
  return explainFault(fault.code, fault.message);
}

/** One table row: the summary's fields flattened for sorting and searching. */
export interface DeviceRow {
  id: string;
  serial: string;
  oui: string;
  productClass: string;
  model: string;
  /** TR-181 (Device.) or TR-098 (InternetGatewayDevice.). */
  dataModel: 'TR-181' | 'TR-098';
  software: string;
  ip: string;
  lastInform?: string;
  state: OnlineState;
  /** Why: shown on hover. */
  stateReason: string;
  pendingTasks: number;
  faultCode?: number;
  device: DeviceSummary;
}

export const dataModelOf = (d: DeviceSummary): 'TR-181' | 'TR-098' => (d.root === 'InternetGatewayDevice.' ? 'TR-098' : 'TR-181');

export function toRow(d: DeviceSummary, now: number, ev: ListEvidence): DeviceRow {
  const p = devicePresence(d, now, ev);
  return {
    id: d.id,
    serial: d.deviceId.SerialNumber ?? '',
    oui: d.deviceId.OUI ?? '',
    productClass: d.deviceId.ProductClass ?? '',
    model: d.modelName ?? '',
    dataModel: dataModelOf(d),
    software: d.softwareVersion ?? '',
    ip: d.ipAddress ?? d.remoteAddress ?? '',
    lastInform: d.lastInform,
    state: p.state,
    stateReason: p.reason,
    pendingTasks: d.pendingTasks ?? 0,
    faultCode: d.lastFault?.code,
    device: d,
  };
}

export type SortKey = 'state' | 'serial' | 'oui' | 'productClass' | 'model' | 'software' | 'ip' | 'lastInform' | 'pendingTasks' | 'fault' | 'discovery';
export type SortDir = 'asc' | 'desc';

// Natural order: "SIM2" before "SIM10", and IPs by their numbers, not their characters.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const STATE_ORDER: Record<OnlineState, number> = { 'in-session': 0, online: 1, unknown: 2, offline: 3 };
const DISCOVERY_ORDER = { running: 0, failed: 1, partial: 1, none: 2, done: 3 } as const;

function ipKey(ip: string): string {
  // IPv4 as zero-padded octets so "10.0.0.9" < "10.0.0.10"; anything else as is.
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  return m ? m.slice(1).map((o) => o.padStart(3, '0')).join('.') : ip;
}

/** A value to compare, or undefined for "no value" (always sorted last, whatever the direction). */
function sortValue(r: DeviceRow, key: SortKey): string | number | undefined {
  switch (key) {
    case 'state': return STATE_ORDER[r.state];
    case 'lastInform': return r.lastInform ? Date.parse(r.lastInform) : undefined;
    case 'pendingTasks': return r.pendingTasks;
    case 'fault': return r.faultCode;
    case 'discovery': return DISCOVERY_ORDER[r.device.discovery.status];
    case 'ip': return r.ip ? ipKey(r.ip) : undefined;
    default: return r[key] || undefined;
  }
}

export function sortRows(rows: readonly DeviceRow[], key: SortKey, dir: SortDir): DeviceRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const keyed = rows.map((r) => ({ r, v: sortValue(r, key) }));
  keyed.sort((a, b) => {
    if (a.v === undefined || b.v === undefined) {
      if (a.v === b.v) return collator.compare(a.r.id, b.r.id);
      return a.v === undefined ? 1 : -1;
    }
    const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
    // Ties by device key, always ascending, so the order never jitters as rows update.
    return c !== 0 ? sign * c : collator.compare(a.r.id, b.r.id);
  });
  return keyed.map((k) => k.r);
}

/**
 * Every word of the query must appear (case-insensitive) in one of the
 * searched fields: serial, OUI, product class, IP, software version, model,
 * data model (TR-181 / TR-098) or the device key. "hgw 10.0" finds HGW
 * devices on 10.0.x.x.
 */
export function filterRows(rows: readonly DeviceRow[], query: string): DeviceRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const hay = [r.serial, r.oui, r.productClass, r.ip, r.software, r.model, r.dataModel, r.id].join('\n').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** The text under a discovery progress bar: "1,234 names · 560 values". */
export function discoveryText(d: DeviceSummary['discovery'], parameterCount: number): string {
  const n = (x: number | undefined) => (x ?? 0).toLocaleString('en-US');
  switch (d.status) {
    case 'running': return `${n(d.names)} names · ${n(d.values)} values`;
    case 'done': return `${n(parameterCount)} parameters`;
    case 'failed': return 'failed';
    case 'partial': return `partial: ${n(d.values)} of ${n(d.leaves)} values`;
    default: return 'not yet';
  }
}

// --- bulk "Set a parameter" ----------------------------------------------------

export const ROOTS = ['Device.', 'InternetGatewayDevice.'] as const;
const PATH_MAX = 1024;

/** Why a path cannot be set on any device, or null. */
export function parameterPathProblem(path: string): string | null {
  const p = path.trim();
  if (!p) return 'enter a full parameter path, e.g. Device.ManagementServer.PeriodicInformInterval';
  if (p.length > PATH_MAX) return `at most ${PATH_MAX} characters`;
  if (!ROOTS.some((r) => p.startsWith(r))) return 'starts with Device. (TR-181) or InternetGatewayDevice. (TR-098)';
  if (p.endsWith('.')) return 'that is an object (it ends with "."); name a parameter inside it';
  if (/\s/.test(p)) return 'no spaces in a parameter path';
  if (/\.\./.test(p)) return 'empty path segment ("..")';
  return null;
}

/** Devices the path applies to (same data-model root) and those skipped. */
export function splitByRoot<T extends { root: string }>(devices: readonly T[], path: string): { targets: T[]; skipped: T[] } {
  const targets: T[] = [];
  const skipped: T[] = [];
  for (const d of devices) (path.trim().startsWith(d.root) ? targets : skipped).push(d);
  return { targets, skipped };
}

/** "1 device", "3 devices". */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
