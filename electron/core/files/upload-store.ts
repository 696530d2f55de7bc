// Files CPEs sent with Upload (TR-069 Amd 6 A.4.1.5): configuration backups
// and logs, streamed to <dataDir>/uploads/<device>/<time>-<name> and listed
// in uploads/uploads.json. Read back in bounded pieces, as text or base64,
// so the UI can show a configuration file and save it.
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { UploadReadResult, UploadRecord } from '../../../shared/model/transfers';
import { readJson, type Warn } from '../store/json-files';
import { safeFileName } from '../store/paths';
import { writeHashed } from './hashed-write';

export const UPLOADS_DIR = 'uploads';
const UPLOADS_FILE = 'uploads.json';
/** uploads.read returns at most this much per call. */
export const MAX_READ_BYTES = 1024 * 1024;
const DEFAULT_READ_BYTES = 256 * 1024;

interface StoredUpload extends UploadRecord {
  /** Path relative to the uploads folder. */
  file: string;
}

interface UploadsDoc { uploads: StoredUpload[] }

/** '1 Vendor Configuration File' → 'vendor-config', '4 Vendor Log File 2' → 'vendor-log-2'. */
export function uploadBaseName(fileType: string): string {
  const m = /^[1-4] Vendor (Configuration|Log) File(?: (\d+))?$/.exec(fileType);
  if (!m) return fileType.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'upload';
  return `vendor-${m[1] === 'Log' ? 'log' : 'config'}${m[2] ? `-${m[2]}` : ''}`;
}

function extensionFor(contentType: string | undefined): string {
  const t = (contentType ?? '').toLowerCase();
  if (t.includes('xml')) return '.xml';
  if (t.startsWith('text/')) return '.txt';
  if (t.includes('json')) return '.json';
  return '.bin';
}

/** A compact UTC time usable in a file name on every OS: 20261125T100007Z. */
function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

function publicUpload(u: StoredUpload): UploadRecord {
  const { file: _f, ...rest } = u;
  return { ...rest };
}

/** NUL bytes, or bytes that are not UTF-8 (a character cut at the end of the piece is allowed). */
export function looksBinary(buf: Buffer, cutAtEnd: boolean): boolean {
  if (buf.includes(0)) return true;
  let end = buf.length;
  if (cutAtEnd) {
    // Step back over an incomplete UTF-8 sequence at the very end.
    let i = end - 1;
    while (i >= 0 && i >= end - 3 && (buf[i]! & 0xc0) === 0x80) i--;
    if (i >= 0 && buf[i]! >= 0xc0) end = i;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, end));
    return false;
  } catch {
    return true;
  }
}

export class UploadStore {
  readonly dir: string;
  readonly #db: Low<UploadsDoc>;

  private constructor(dir: string, db: Low<UploadsDoc>) {
    this.dir = dir;
    this.#db = db;
  }

  static async open(dataDir: string, warn: Warn = (m) => console.warn(m)): Promise<UploadStore> {
    const dir = join(dataDir, UPLOADS_DIR);
    await mkdir(dir, { recursive: true });
    const file = join(dir, UPLOADS_FILE);
    const db = new Low<UploadsDoc>(new JSONFile<UploadsDoc>(file), { uploads: [] });
    await readJson(db, file, warn);
    if (!Array.isArray(db.data?.uploads)) db.data = { uploads: [] };
    return new UploadStore(dir, db);
  }

  /** Newest first. */
  list(deviceId?: string): UploadRecord[] {
    return this.#db.data.uploads
      .filter((u) => deviceId === undefined || u.deviceId === deviceId)
      .map(publicUpload)
      .sort((a, b) => (a.received < b.received ? 1 : a.received > b.received ? -1 : 0));
  }

  get(id: string): UploadRecord | undefined {
    const u = this.#find(id);
    return u ? publicUpload(u) : undefined;
  }

  /** Streams a body to disk (throws TooLargeError past maxBytes, leaving nothing behind). */
  async receive(opts: {
    deviceId: string; transferId?: string; fileType: string; body: AsyncIterable<Buffer>; contentType?: string; maxBytes: number;
  }): Promise<UploadRecord> {
    const folder = safeFileName(opts.deviceId);
    await mkdir(join(this.dir, folder), { recursive: true });
    const now = new Date();
    const name = `${stamp(now)}-${uploadBaseName(opts.fileType)}${extensionFor(opts.contentType)}`;
    const tmp = join(this.dir, folder, `.part-${randomUUID()}`);
    const hashed = await writeHashed(opts.body, tmp, { maxBytes: opts.maxBytes });
    // Two uploads in the same second get distinct names.
    let final = name;
    for (let n = 2; this.#db.data.uploads.some((u) => u.file === `${folder}/${final}`); n++) final = name.replace(/(\.[a-z]+)$/, `-${n}$1`);
    await rename(tmp, join(this.dir, folder, final));
    const rec: StoredUpload = {
      id: randomUUID(), deviceId: opts.deviceId, fileType: opts.fileType, name: final, size: hashed.size, sha256: hashed.sha256,
      received: now.toISOString(), file: `${folder}/${final}`,
      ...(opts.transferId ? { transferId: opts.transferId } : {}),
      ...(opts.contentType ? { contentType: opts.contentType.slice(0, 128) } : {}),
    };
    this.#db.data.uploads.push(rec);
    await this.#db.write();
    return publicUpload(rec);
  }

  /** A piece of an uploaded file: text (with a binary verdict) or base64 for saving. */
  async read(id: string, opts: { offset?: number; maxBytes?: number; encoding?: 'text' | 'base64' } = {}): Promise<UploadReadResult> {
    const u = this.#find(id);
    if (!u) throw new Error(`no uploaded file ${id}`);
    const offset = Math.min(opts.offset ?? 0, u.size);
    const want = Math.min(opts.maxBytes ?? DEFAULT_READ_BYTES, MAX_READ_BYTES, u.size - offset);
    const buf = Buffer.alloc(want);
    const fh = await open(join(this.dir, u.file), 'r');
    let got = 0;
    try {
      while (got < want) {
        const { bytesRead } = await fh.read(buf, got, want - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
    } finally {
      await fh.close();
    }
    const piece = buf.subarray(0, got);
    const more = offset + got < u.size;
    const result: UploadReadResult = {
      upload: publicUpload(u), offset, length: got, binary: looksBinary(piece, more), more,
    };
    if (opts.encoding === 'base64') result.base64 = piece.toString('base64');
    else result.text = piece.toString('utf8');
    return result;
  }

  async remove(id: string): Promise<boolean> {
    const u = this.#find(id);
    if (!u) return false;
    this.#db.data.uploads = this.#db.data.uploads.filter((x) => x.id !== id);
    await this.#db.write();
    await rm(join(this.dir, u.file), { force: true });
    return true;
  }

  async close(): Promise<void> {
    await this.#db.write();
  }

  #find(id: string): StoredUpload | undefined {
    return this.#db.data.uploads.find((u) => u.id === id);
  }
}
