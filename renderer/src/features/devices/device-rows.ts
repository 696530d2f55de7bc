// The device list's logic, kept free of React so it can be unit-tested:
// what "online" means, relative times, sorting, searching, and fault text.
import { explainFault, FAULT_CODES } from '../../../../shared/cwmp/faults';
import type { DeviceSummary } from '../../../../shared/model/records';

/**
 * "Online" for a CPE that only talks when it has something to say (TR-069
 * §3.2.1): its last session (Inform) is recent enough that the next periodic
 * one is not overdue. The window is twice its PeriodicInformInterval (one
 * missed Inform is tolerated, as on a busy network), and never less than
 * 5 minutes, so a device with a short or unknown interval is not reported
 * offline between two sessions. "In session" is live, from the
 * session.started/session.ended events.
 */
export const MIN_ONLINE_WINDOW_MS = 5 * 60_000;

export type OnlineState = 'in-session' | 'online' | 'offline';

export function onlineWindowMs(periodicInformIntervalSeconds?: number): number {
  const periodic = periodicInformIntervalSeconds && periodicInformIntervalSeconds > 0 ? 2 * periodicInformIntervalSeconds * 1000 : 0;
  return Math.max(MIN_ONLINE_WINDOW_MS, periodic);
}

export function onlineState(d: Pick<DeviceSummary, 'lastInform' | 'periodicInformInterval'>, now: number, inSession: boolean): OnlineState {
  if (inSession) return 'in-session';
  const last = d.lastInform ? Date.parse(d.lastInform) : NaN;
  if (Number.isNaN(last)) return 'offline';
  return now - last <= onlineWindowMs(d.periodicInformInterval) ? 'online' : 'offline';
}

/** "just now", "40 s ago", "2 min ago", "3 h ago", "5 d ago", then the date. */
export function relativeTime(iso: string | undefined, now: number): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'unknown';
  const s = Math.round((now - t) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  const d = Math.floor(h / 24);
  if (d < 30) return `${d} d ago`;
  return new Date(t).toISOString().slice(0, 10);
}

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
  pendingTasks: number;
  faultCode?: number;
  device: DeviceSummary;
}

export const dataModelOf = (d: DeviceSummary): 'TR-181' | 'TR-098' => (d.root === 'InternetGatewayDevice.' ? 'TR-098' : 'TR-181');

export function toRow(d: DeviceSummary, now: number, inSession: boolean): DeviceRow {
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
    state: onlineState(d, now, inSession),
    pendingTasks: d.pendingTasks ?? 0,
    faultCode: d.lastFault?.code,
    device: d,
  };
}

export type SortKey = 'state' | 'serial' | 'oui' | 'productClass' | 'model' | 'software' | 'ip' | 'lastInform' | 'pendingTasks' | 'fault' | 'discovery';
export type SortDir = 'asc' | 'desc';

// Natural order: "SIM2" before "SIM10", and IPs by their numbers, not their characters.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const STATE_ORDER: Record<OnlineState, number> = { 'in-session': 0, online: 1, offline: 2 };
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
