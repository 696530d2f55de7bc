// The message list as protocol people read it (Wireshark's columns, made for
// CWMP): pure functions, tested without a browser.
import type { LoggedMessage } from '../../../../shared/model/records';
import { isBad, rpcLabel } from './labels';

export { rpcLabel };

export interface LogFilter {
  deviceId?: string;
  sessionId?: string;
  rpc?: string;
  faultsOnly?: boolean;
  invalidOnly?: boolean;
  warningsOnly?: boolean;
  text?: string;
}

export function matches(m: LoggedMessage, f: LogFilter): boolean {
  // A device's rows include the requests refused while claiming to be it (shown as not authenticated).
  if (f.deviceId && m.deviceId !== f.deviceId && m.claimedDeviceId !== f.deviceId) return false;
  if (f.sessionId && m.sessionId !== f.sessionId) return false;
  if (f.rpc && m.rpc !== f.rpc) return false;
  if (f.faultsOnly && m.faultCode === undefined && !isBad(m)) return false;
  if (f.invalidOnly && m.schema?.verdict !== 'invalid') return false;
  if (f.warningsOnly && !(m.modelWarnings?.some((w) => w.severity === 'warning'))) return false;
  if (f.text) {
    const t = f.text.toLowerCase();
    const hay = `${m.rpc ?? ''} ${m.cwmpId ?? ''} ${m.deviceId ?? ''} ${m.claimedDeviceId ?? ''} ${m.note ?? ''} ${m.error ?? ''}`.toLowerCase();
    if (!hay.includes(t) && !m.body.toLowerCase().includes(t)) return false;
  }
  return true;
}


export function formatTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Δ to the previous message of the same session (what matters for timeouts), in ms. */
export function deltas(list: LoggedMessage[]): Map<number, number> {
  const last = new Map<string, number>();
  const out = new Map<number, number>();
  for (const m of list) {
    const t = Date.parse(m.time);
    const prev = last.get(m.sessionId);
    if (prev !== undefined) out.set(m.seq, t - prev);
    last.set(m.sessionId, t);
  }
  return out;
}

export function formatDelta(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `+${ms} ms`;
  return `+${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** One CPE session from its first message to the 204, for the ladder. */
export interface LadderStep {
  seq: number;
  fromCpe: boolean;
  label: string;
  detail: string;
  time: string;
  deltaMs?: number;
  fault?: number;
  bad: boolean;
}

export function ladder(list: LoggedMessage[], sessionId: string): LadderStep[] {
  const msgs = list.filter((m) => m.sessionId === sessionId).sort((a, b) => a.seq - b.seq);
  let prev: number | undefined;
  return msgs.map((m) => {
    const t = Date.parse(m.time);
    const step: LadderStep = {
      seq: m.seq,
      fromCpe: m.direction === 'cpe->acs',
      label: rpcLabel(m),
      detail: [m.cwmpId ? `ID ${m.cwmpId}` : '', m.status && m.direction === 'acs->cpe' ? `HTTP ${m.status}` : '', formatSize(m.size)].filter(Boolean).join(' · '),
      time: m.time,
      deltaMs: prev === undefined ? undefined : t - prev,
      fault: m.faultCode,
      bad: isBad(m) || m.schema?.verdict === 'invalid',
    };
    prev = t;
    return step;
  });
}

/** Keep the newest `max` messages, in seq order, merging a batch that may overlap what we have. */
export function mergeMessages(current: LoggedMessage[], batch: LoggedMessage[], max: number): LoggedMessage[] {
  if (batch.length === 0) return current;
  const lastSeq = current.length ? current[current.length - 1].seq : -1;
  if (batch.every((m, i) => m.seq > lastSeq && (i === 0 || m.seq > batch[i - 1].seq))) {
    // Live traffic: strictly newer, in order. Append without re-sorting (1,000 messages/s must stay cheap).
    const out = current.concat(batch);
    return out.length > max ? out.slice(out.length - max) : out;
  }
  const bySeq = new Map<number, LoggedMessage>();
  for (const m of current) bySeq.set(m.seq, m);
  for (const m of batch) bySeq.set(m.seq, { ...bySeq.get(m.seq), ...m });
  const merged = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}
