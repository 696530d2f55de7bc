// Log bundles: what a vendor sends to support and support opens (issue 4,
// "Export / import"). One file: a JSON document, gzip-compressed.
//
//   { "format": "tr069-workbench-log-bundle", "version": 1,
//     "app": "TR-069 Workbench 0.1.0", "exported": ISO time, "redacted": true,
//     "selection": { deviceId?, sessionId?, source?, filter? },
//     "index":    [ { "#", time, deltaMs, device, session, direction, status,
//                     cwmpId, rpc, fault, size, verdict, warnings }, … ],
//     "messages": [ LoggedMessage (headers, body, schema, modelWarnings,
//                   faultText, parameterFaults), … ],
//     "devices":  { deviceId: { compat, lastSessionProblem } } }
//
// "devices" carries what the workbench learned about each device in the
// bundle (its compatibility profile, shared/model/compat.ts, with when and why
// each switch was learned): a vendor reading the bundle sees which of their
// quirks the ACS had to work around.
//
// Why JSON + gzip and not zip or tar: both built in (node:zlib), one parse
// validates everything, bodies are text anyway (a tar would add framing and
// no meaning), and XML shrinks ~10x, so most bundles fit a single 1 MiB API
// call on import. `zcat bundle.json.gz | jq .index` reads it without the app.
//
// Import is strict: size caps before and after decompression, no
// prototype-polluting keys anywhere, known fields only with checked types,
// unique message numbers. Messages are rebuilt field by field, never spread.
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import type { LogFilter } from '../../../shared/api/contract';
import { COMPAT_SWITCHES, compatValueError, type CompatEntries } from '../../../shared/model/compat';
import type { DeviceSummary, LoggedMessage } from '../../../shared/model/records';
import { BundleError, readMessage, toBundleMessage } from './bundle-fields';

export { BundleError };

const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

export const BUNDLE_FORMAT = 'tr069-workbench-log-bundle';
export const BUNDLE_VERSION = 1;
/** The bundle file itself (compressed). */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
/** Its JSON text after decompression. */
export const MAX_BUNDLE_JSON = 256 * 1024 * 1024;
export const MAX_BUNDLE_MESSAGES = 200_000;

export interface BundleSelection { deviceId?: string; sessionId?: string; source?: string; filter?: LogFilter }

export interface BundleIndexEntry {
  '#': number;
  time: string;
  /** Milliseconds since the previous message in the bundle (null for the first). */
  deltaMs: number | null;
  device?: string;
  session: string;
  direction: string;
  status?: number;
  method?: string;
  cwmpId?: string;
  rpc?: string;
  fault?: number;
  size: number;
  verdict?: string;
  warnings?: number;
}

/** What the bundle says of one device besides its messages. */
export interface BundleDevice { compat?: CompatEntries; lastSessionProblem?: DeviceSummary['lastSessionProblem'] }

export interface BundleMeta {
  app: string; exported: string; redacted: boolean; selection: BundleSelection;
  devices?: Record<string, BundleDevice>;
}

export interface ParsedBundle extends BundleMeta { messages: LoggedMessage[] }

export function bundleIndex(messages: readonly LoggedMessage[]): BundleIndexEntry[] {
  let prev: number | undefined;
  return messages.map((m) => {
    const t = Date.parse(m.time);
    const e: BundleIndexEntry = {
      '#': m.seq, time: m.time, deltaMs: prev === undefined || Number.isNaN(t) ? null : t - prev,
      session: m.sessionId, direction: m.direction, size: m.size,
    };
    if (!Number.isNaN(t)) prev = t;
    if (m.deviceId !== undefined) e.device = m.deviceId;
    if (m.status !== undefined) e.status = m.status;
    if (m.method !== undefined) e.method = m.method;
    if (m.cwmpId !== undefined) e.cwmpId = m.cwmpId;
    if (m.rpc !== undefined) e.rpc = m.rpc;
    if (m.faultCode !== undefined) e.fault = m.faultCode;
    if (m.schema) e.verdict = m.schema.verdict;
    const w = (m.modelWarnings?.length ?? 0) + (m.modelWarningsOmitted ?? 0);
    if (w) e.warnings = w;
    return e;
  });
}

/** The bundle file's bytes. Messages are written with their known fields only (never `source`). */
export async function buildBundle(messages: readonly LoggedMessage[], meta: BundleMeta): Promise<Buffer> {
  const clean = messages.map(toBundleMessage);
  const doc = {
    format: BUNDLE_FORMAT, version: BUNDLE_VERSION, app: meta.app, exported: meta.exported, redacted: meta.redacted,
    selection: meta.selection, index: bundleIndex(clean), messages: clean,
    ...(meta.devices && Object.keys(meta.devices).length ? { devices: meta.devices } : {}),
  };
  const out = await gzip(Buffer.from(JSON.stringify(doc), 'utf8'));
  if (out.length > MAX_BUNDLE_BYTES) {
    throw new BundleError(`the bundle would be ${mib(out.length)} MiB (at most ${mib(MAX_BUNDLE_BYTES)}): export one device or session, or filter`);
  }
  return out;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface BundleLimits { maxBytes: number; maxJson: number; maxMessages: number }

const LIMITS: BundleLimits = { maxBytes: MAX_BUNDLE_BYTES, maxJson: MAX_BUNDLE_JSON, maxMessages: MAX_BUNDLE_MESSAGES };

/** Bytes of a bundle file (gzip or plain JSON) → its messages, or a BundleError saying what is wrong. */
export async function parseBundle(bytes: Buffer, limits: BundleLimits = LIMITS): Promise<ParsedBundle> {
  if (bytes.length === 0) throw new BundleError('the file is empty');
  if (bytes.length > limits.maxBytes) throw new BundleError(`the file is ${mib(bytes.length)} MiB; bundles are at most ${mib(limits.maxBytes)} MiB`);
  let raw = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      // Decompression stops at the cap: a small gzip bomb cannot fill memory.
      raw = await gunzip(bytes, { maxOutputLength: limits.maxJson });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
        throw new BundleError(`the bundle is over ${mib(limits.maxJson)} MiB once decompressed`);
      }
      throw new BundleError(`the file is not a valid gzip stream (${e.message})`);
    }
  } else if (bytes.length > limits.maxJson) {
    throw new BundleError(`the bundle is over ${mib(limits.maxJson)} MiB`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(raw.toString('utf8'), (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new BundleError(`the bundle contains a forbidden key "${key}"`);
      return value;
    });
  } catch (err) {
    if (err instanceof BundleError) throw err;
    throw new BundleError(`not a log bundle: the file is not JSON (${(err as Error).message.slice(0, 120)})`);
  }
  if (!isObject(doc) || doc.format !== BUNDLE_FORMAT) {
    throw new BundleError(`not a log bundle: "format" must be "${BUNDLE_FORMAT}"`);
  }
  if (doc.version !== BUNDLE_VERSION) {
    throw new BundleError(`unsupported bundle version ${JSON.stringify(doc.version)} (this app reads version ${BUNDLE_VERSION})`);
  }
  for (const key of Object.keys(doc)) {
    if (!['format', 'version', 'app', 'exported', 'redacted', 'selection', 'index', 'messages', 'devices'].includes(key)) {
      throw new BundleError(`unknown top-level field "${key.slice(0, 40)}"`);
    }
  }
  if (!Array.isArray(doc.messages)) throw new BundleError('"messages" must be an array');
  if (doc.messages.length > limits.maxMessages) throw new BundleError(`too many messages (${doc.messages.length}, at most ${limits.maxMessages})`);
  if (doc.index !== undefined && (!Array.isArray(doc.index) || doc.index.length !== doc.messages.length)) {
    throw new BundleError('"index" must be an array with one entry per message');
  }
  const seen = new Set<number>();
  const messages = doc.messages.map((m, i) => {
    const msg = readMessage(m, `messages[${i}]`);
    if (seen.has(msg.seq)) throw new BundleError(`messages[${i}]: message number ${msg.seq} appears twice`);
    seen.add(msg.seq);
    return msg;
  });
  messages.sort((a, b) => a.seq - b.seq);
  return {
    app: typeof doc.app === 'string' ? doc.app.slice(0, 200) : 'unknown',
    exported: typeof doc.exported === 'string' ? doc.exported.slice(0, 64) : '',
    redacted: doc.redacted === true,
    selection: {},
    messages,
    devices: readDevices(doc.devices),
  };
}

const MAX_TEXT = 2000;

/** The "devices" section, field by field; a malformed entry is an error, not skipped (the bundle is evidence). */
function readDevices(v: unknown): Record<string, BundleDevice> | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) throw new BundleError('"devices" must be an object keyed by device');
  const out: Record<string, BundleDevice> = {};
  for (const [id, d] of Object.entries(v)) {
    const where = `devices[${JSON.stringify(id.slice(0, 80))}]`;
    if (!isObject(d)) throw new BundleError(`${where} must be an object`);
    const dev: BundleDevice = {};
    if (d.compat !== undefined) {
      if (!isObject(d.compat)) throw new BundleError(`${where}.compat must be an object`);
      const compat: Record<string, unknown> = {};
      for (const [s, e] of Object.entries(d.compat)) {
        if (!(COMPAT_SWITCHES as string[]).includes(s)) throw new BundleError(`${where}.compat: unknown switch "${s.slice(0, 40)}"`);
        if (!isObject(e) || compatValueError(s, e.value) || (e.source !== 'learned' && e.source !== 'user')
          || typeof e.at !== 'string' || typeof e.reason !== 'string') {
          throw new BundleError(`${where}.compat.${s} must be { value, source: learned|user, at, reason }`);
        }
        compat[s] = {
          value: e.value, source: e.source, at: e.at.slice(0, 64), reason: e.reason.slice(0, MAX_TEXT),
          ...(typeof e.sessionId === 'string' ? { sessionId: e.sessionId.slice(0, 64) } : {}),
        };
      }
      dev.compat = compat as CompatEntries;
    }
    const p = d.lastSessionProblem;
    if (p !== undefined) {
      if (!isObject(p) || typeof p.at !== 'string' || typeof p.sessionId !== 'string' || typeof p.text !== 'string') {
        throw new BundleError(`${where}.lastSessionProblem must be { at, sessionId, text }`);
      }
      dev.lastSessionProblem = { at: p.at.slice(0, 64), sessionId: p.sessionId.slice(0, 64), text: p.text.slice(0, MAX_TEXT) };
    }
    out[id.slice(0, 256)] = dev;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mib(n: number): string {
  return (n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0);
}
