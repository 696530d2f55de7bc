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
// unique message numbers (the schemas: bundle-schema.ts). Messages are zod's
// copies of the checked fields, never the parsed input spread.
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import type { LogFilter } from '../../../shared/api/contract';
import type { LoggedMessage } from '../../../shared/model/records';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleError, readBundleDocument, toBundleDevices, toBundleMessage, type BundleDevice } from './bundle-schema';

export { BUNDLE_FORMAT, BUNDLE_VERSION, BundleError, type BundleDevice };

const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

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

/** The bundle file's bytes. Messages and devices are written with their known fields only (never `source`). */
export async function buildBundle(messages: readonly LoggedMessage[], meta: BundleMeta): Promise<Buffer> {
  const clean = messages.map(toBundleMessage);
  const doc = {
    format: BUNDLE_FORMAT, version: BUNDLE_VERSION, app: meta.app, exported: meta.exported, redacted: meta.redacted,
    selection: meta.selection, index: bundleIndex(clean), messages: clean,
    ...(meta.devices && Object.keys(meta.devices).length ? { devices: toBundleDevices(meta.devices) } : {}),
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
  const read = readBundleDocument(doc, limits.maxMessages);
  return {
    app: read.app,
    exported: read.exported,
    redacted: read.redacted,
    selection: {},
    messages: read.messages.sort((a, b) => a.seq - b.seq),
    devices: read.devices,
  };
}

function mib(n: number): string {
  return (n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0);
}
