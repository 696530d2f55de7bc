// Imported bundles, browsed read-only "exactly like live traffic":
// log.list { source: importId } runs the same filters over them. They live in
// memory only (an import is a look at someone else's capture, not part of
// this workbench's history), at most `maxImports` of them and `maxChars`
// characters in all; the oldest import goes first.
//
// Big bundles arrive in parts (the API caps one call's arguments at 1 MiB):
// parts of one upload come in order, are held until the last one, and an
// upload left unfinished for 10 minutes is dropped.
import { randomUUID } from 'node:crypto';
import type { LogImportArgs, LogImportInfo, LogImportResult } from '../../../shared/api/contract';
import type { LoggedMessage } from '../../../shared/model/records';
import { BundleError, MAX_BUNDLE_BYTES, parseBundle } from './bundle';
import { logPredicate, type LogQuery } from './log-filter';
import { redactMessage } from '../../../shared/model/redact';

interface Loaded { info: LogImportInfo; messages: LoggedMessage[]; chars: number }
interface Upload { fileName: string; count: number; parts: Buffer[]; bytes: number; touched: number }

const UPLOAD_TTL_MS = 10 * 60_000;

export class LogImports {
  readonly #loaded = new Map<string, Loaded>();
  readonly #uploads = new Map<string, Upload>();
  readonly #maxImports: number;
  readonly #maxChars: number;
  #chars = 0;

  constructor(opts: { maxImports?: number; maxChars?: number } = {}) {
    this.#maxImports = Math.max(1, opts.maxImports ?? 8);
    this.#maxChars = Math.max(1, opts.maxChars ?? 256 * 1024 * 1024);
  }

  async import(args: LogImportArgs): Promise<LogImportResult> {
    const chunk = Buffer.from(args.bytes, 'base64');
    if (!args.part) return this.#load(args.fileName, chunk);
    const now = Date.now();
    for (const [id, u] of this.#uploads) if (now - u.touched > UPLOAD_TTL_MS) this.#uploads.delete(id);
    const { uploadId, index, count } = args.part;
    let up = this.#uploads.get(uploadId);
    if (index === 0) {
      up = { fileName: args.fileName, count, parts: [], bytes: 0, touched: now };
      this.#uploads.set(uploadId, up);
    }
    if (!up) throw new BundleError(`upload "${uploadId.slice(0, 40)}" is unknown or expired: send its parts again from index 0`);
    if (count !== up.count || index !== up.parts.length) {
      this.#uploads.delete(uploadId);
      throw new BundleError(`upload "${uploadId.slice(0, 40)}": expected part ${up.parts.length} of ${up.count}, got ${index} of ${count}; send it again from index 0`);
    }
    up.bytes += chunk.length;
    if (up.bytes > MAX_BUNDLE_BYTES) {
      this.#uploads.delete(uploadId);
      throw new BundleError(`the file is over ${MAX_BUNDLE_BYTES / 1048576} MiB; bundles are at most that`);
    }
    up.parts.push(chunk);
    up.touched = now;
    if (up.parts.length < up.count) return { importId: '', messages: 0, partsReceived: up.parts.length };
    this.#uploads.delete(uploadId);
    return this.#load(up.fileName, Buffer.concat(up.parts));
  }

  /** Newest `limit` matching messages of one import, in seq order. */
  list(importId: string, q: LogQuery & { limit?: number }): LoggedMessage[] {
    const all = this.messages(importId);
    const accept = logPredicate(q);
    const limit = q.limit ?? 1000;
    const out: LoggedMessage[] = [];
    for (let i = all.length - 1; i >= 0 && out.length < limit; i--) if (accept(all[i]!)) out.push(all[i]!);
    return out.reverse();
  }

  messages(importId: string): LoggedMessage[] {
    const l = this.#loaded.get(importId);
    if (!l) throw new Error(`no import "${importId.slice(0, 64)}" (imports are kept in memory until the app stops, ${this.#maxImports} at most)`);
    return l.messages;
  }

  infos(): LogImportInfo[] {
    return [...this.#loaded.values()].map((l) => ({ ...l.info, devices: [...l.info.devices] }));
  }

  /** What an import's bundle said of a device (re-exported with its messages). */
  deviceProfile(importId: string, deviceId: string): NonNullable<LogImportInfo['deviceProfiles']>[string] | undefined {
    return this.#loaded.get(importId)?.info.deviceProfiles?.[deviceId];
  }

  async #load(fileName: string, bytes: Buffer): Promise<LogImportResult> {
    const bundle = await parseBundle(bytes);
    const importId = `import-${randomUUID()}`;
    let chars = 0;
    const devices = new Set<string>();
    // The default view is redacted, whatever the bundle holds.
    const messages = bundle.messages.map((m) => {
      const v = redactMessage(m);
      const out = v === m ? m : v;
      out.source = importId;
      chars += out.body.length + 256;
      if (out.deviceId !== undefined) devices.add(out.deviceId);
      return out;
    });
    if (chars > this.#maxChars) throw new BundleError(`the bundle holds ${Math.round(chars / 1048576)} MiB of messages; imports are kept in memory, at most ${Math.round(this.#maxChars / 1048576)} MiB`);
    const info: LogImportInfo = {
      importId, fileName: fileName.slice(0, 255), imported: new Date().toISOString(), messages: messages.length, devices: [...devices],
    };
    if (bundle.exported) info.exported = bundle.exported;
    if (bundle.devices && Object.keys(bundle.devices).length) info.deviceProfiles = bundle.devices;
    this.#loaded.set(importId, { info, messages, chars });
    this.#chars += chars;
    for (const [id, l] of this.#loaded) {
      if (this.#loaded.size <= this.#maxImports && this.#chars <= this.#maxChars) break;
      if (id === importId) continue;
      this.#loaded.delete(id);
      this.#chars -= l.chars;
    }
    return { importId, messages: messages.length };
  }
}
