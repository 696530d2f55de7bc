// The firmware library: files staged for Download (TR-069 Amd 6 A.3.2.8),
// copied into <dataDir>/files/ with their metadata in files/library.json.
//
// - A file is added from a path (the Electron picker or drag-and-drop gives
//   one) or sent in base64 chunks over the API (the browser UI has no path;
//   chunks keep every call under the transport's 1 MiB argument limit).
// - The user's file is copied, never moved; SHA-256 is computed while
//   copying, streaming, so a multi-GB image never sits in memory.
// - The copy is written under files/.incoming and renamed into place when
//   complete: a stop mid-copy leaves nothing half-listed.
import { createHash, randomBytes, randomUUID, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { fileMetaProblems, fileNameProblem } from '../../../shared/api/transfer-rules';
import type { FileUploadChunk } from '../../../shared/api/contract';
import type { FirmwareFile, FirmwareMeta } from '../../../shared/model/transfers';
import { readJson, type Warn } from '../store/json-files';
import { writeHashed, writeSparse } from './hashed-write';

export const FILES_DIR = 'files';
const LIBRARY_FILE = 'library.json';
const INCOMING = '.incoming';
/** Decoded bytes per files.upload call (base64 makes it ~700 KB of JSON, under MAX_ARGS_BYTES). */
export const MAX_CHUNK_BYTES = 512 * 1024;
/** An upload with no chunk for this long is dropped. */
const UPLOAD_IDLE_MS = 15 * 60_000;
const HEAD_BYTES = 256;

interface StoredFile extends FirmwareFile {
  /** The copy's file name inside files/. */
  stored: string;
}

interface LibraryDoc { files: StoredFile[] }

interface PendingUpload {
  id: string;
  tmp: string;
  fh: FileHandle;
  hash: Hash;
  received: number;
  head: Buffer;
  timer: NodeJS.Timeout;
  /** Chunks are written one after the other even if a client sends them at once. */
  chain: Promise<unknown>;
}

export interface LibraryOptions {
  dataDir: string;
  /** Largest file accepted through files.upload (default 8 GiB). */
  maxUploadBytes?: number;
  /** Transfers still using a file: it cannot be removed while > 0. */
  inUse?: (fileId: string) => number;
  onChange?: (files: FirmwareFile[]) => void;
  warn?: Warn;
}

/** A safe on-disk name: letters, digits, '.', '-', '_' only; never hidden. */
function diskName(name: string): string {
  const s = basename(name).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(-100);
  return s || 'file';
}

function publicFile(f: StoredFile): FirmwareFile {
  const { stored: _stored, ...rest } = f;
  return { ...rest };
}

/** Version a file installs: a first line "version=X" (as the virtual CPEs read it), else one in its name (fw-5.5.0.bin). */
export function guessVersion(head: Buffer, name: string): string | undefined {
  const line = /^\s*version\s*=\s*([^\r\n]{1,64})/i.exec(head.subarray(0, HEAD_BYTES).toString('latin1'));
  if (line?.[1]?.trim()) return line[1].trim();
  const stem = name.replace(/(\.(bin|img|fw|trx|tar|gz|zip|itb|pkg|xml|cfg))+$/i, '');
  return stem.match(/\d+(?:\.\d+)+(?:[-_][A-Za-z0-9]+)?/g)?.pop();
}

/** Configuration files by their extension; anything else is taken for a firmware image. */
export function guessFileType(name: string): string {
  return /\.(xml|cfg|conf|config|ini|json)$/i.test(name) ? '3 Vendor Configuration File' : '1 Firmware Upgrade Image';
}

function checkMeta(meta: FirmwareMeta): void {
  const problems = fileMetaProblems(meta);
  if (problems.length) throw new Error(problems.join('; '));
}

export class FirmwareLibrary {
  readonly dir: string;
  readonly #db: Low<LibraryDoc>;
  readonly #opts: LibraryOptions;
  readonly #uploads = new Map<string, PendingUpload>();

  private constructor(dir: string, db: Low<LibraryDoc>, opts: LibraryOptions) {
    this.dir = dir;
    this.#db = db;
    this.#opts = opts;
  }

  static async open(opts: LibraryOptions): Promise<FirmwareLibrary> {
    const dir = join(opts.dataDir, FILES_DIR);
    const incoming = join(dir, INCOMING);
    await mkdir(incoming, { recursive: true });
    // Copies cut short by a stop are of no use: start clean.
    for (const n of await readdir(incoming)) await rm(join(incoming, n), { recursive: true, force: true });
    const file = join(dir, LIBRARY_FILE);
    const db = new Low<LibraryDoc>(new JSONFile<LibraryDoc>(file), { files: [] });
    await readJson(db, file, opts.warn ?? ((m) => console.warn(m)));
    if (!Array.isArray(db.data?.files)) db.data = { files: [] };
    return new FirmwareLibrary(dir, db, opts);
  }

  list(): FirmwareFile[] {
    return this.#db.data.files.map(publicFile).sort((a, b) => (a.added < b.added ? 1 : a.added > b.added ? -1 : 0));
  }

  get(id: string): FirmwareFile | undefined {
    const f = this.#find(id);
    return f ? publicFile(f) : undefined;
  }

  /** Absolute path of the stored copy. */
  contentPath(id: string): string | undefined {
    const f = this.#find(id);
    return f ? join(this.dir, f.stored) : undefined;
  }

  /** Copies a file from disk into the library (the original is left untouched). */
  async add(path: string, meta: FirmwareMeta = {}): Promise<FirmwareFile> {
    checkMeta(meta);
    let st;
    try {
      st = await stat(path);
    } catch (e) {
      throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!st.isFile()) throw new Error(`${path} is not a regular file`);
    const name = meta.name ?? basename(path);
    const nameProblem = fileNameProblem(name);
    if (nameProblem) throw new Error(`name: ${nameProblem}`);
    const tmp = join(this.dir, INCOMING, randomUUID());
    let head = Buffer.alloc(0);
    async function* keepHead(): AsyncGenerator<Buffer> {
      for await (const c of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
        if (head.length === 0) head = Buffer.from((c as Buffer).subarray(0, HEAD_BYTES));
        yield c as Buffer;
      }
    }
    const hashed = await writeHashed(keepHead(), tmp);
    return this.#admit(tmp, name, hashed.size, hashed.sha256, head, meta);
  }

  /**
   * One chunk of a file sent over the API. The first call has no uploadId;
   * each chunk must start where the previous ended; `done` adds the file.
   */
  async upload(chunk: FileUploadChunk): Promise<{ uploadId: string; received: number; file?: FirmwareFile }> {
    const { uploadId, name, offset, bytes, done, ...meta } = chunk;
    checkMeta({ ...meta, name });
    const data = Buffer.from(bytes, 'base64');
    if (data.length > MAX_CHUNK_BYTES) throw new Error(`a chunk may carry at most ${MAX_CHUNK_BYTES} bytes`);
    let u: PendingUpload | undefined;
    if (uploadId === undefined) {
      if (offset !== 0) throw new Error('the first chunk starts at offset 0');
      u = await this.#startUpload();
    } else {
      u = this.#uploads.get(uploadId);
      if (!u) throw new Error(`no upload ${uploadId} in progress (unknown, finished, or dropped after ${UPLOAD_IDLE_MS / 60_000} idle minutes)`);
    }
    const pending = u;
    const step = pending.chain.then(async () => {
      if (offset !== pending.received) throw new Error(`chunk at offset ${offset}, expected ${pending.received}`);
      const limit = this.#opts.maxUploadBytes ?? 8 * 1024 ** 3;
      if (pending.received + data.length > limit) {
        await this.#dropUpload(pending);
        throw new Error(`the file is larger than ${limit} bytes, the upload limit`);
      }
      pending.hash.update(data);
      await writeSparse(pending.fh, data, pending.received);
      if (pending.head.length < HEAD_BYTES) pending.head = Buffer.concat([pending.head, data.subarray(0, HEAD_BYTES)]).subarray(0, HEAD_BYTES);
      pending.received += data.length;
      pending.timer.refresh();
      if (!done) return { uploadId: pending.id, received: pending.received };
      this.#uploads.delete(pending.id);
      clearTimeout(pending.timer);
      await pending.fh.truncate(pending.received);
      await pending.fh.close();
      const file = await this.#admit(pending.tmp, name, pending.received, pending.hash.digest('hex'), pending.head, meta);
      return { uploadId: pending.id, received: pending.received, file };
    });
    pending.chain = step.catch(() => undefined);
    return step;
  }

  async update(id: string, meta: FirmwareMeta): Promise<FirmwareFile> {
    checkMeta(meta);
    const f = this.#find(id);
    if (!f) throw new Error(`no file ${id} in the library`);
    if (meta.name !== undefined) f.name = meta.name;
    if (meta.fileType !== undefined) f.fileType = meta.fileType;
    for (const key of ['oui', 'productClass', 'version'] as const) {
      const v = meta[key];
      if (v === '') delete f[key];
      else if (v !== undefined) f[key] = v;
    }
    await this.#save();
    return publicFile(f);
  }

  async remove(id: string): Promise<boolean> {
    const f = this.#find(id);
    if (!f) return false;
    const users = this.#opts.inUse?.(id) ?? 0;
    if (users > 0) throw new Error(`${f.name} is used by ${users} transfer(s) in progress; cancel them or wait for them to end`);
    this.#db.data.files = this.#db.data.files.filter((x) => x.id !== id);
    await this.#save();
    await rm(join(this.dir, f.stored), { force: true });
    return true;
  }

  async close(): Promise<void> {
    for (const u of [...this.#uploads.values()]) await this.#dropUpload(u);
    await this.#db.write();
  }

  #find(id: string): StoredFile | undefined {
    return this.#db.data.files.find((f) => f.id === id);
  }

  async #startUpload(): Promise<PendingUpload> {
    const id = randomBytes(12).toString('hex');
    const tmp = join(this.dir, INCOMING, `upload-${id}`);
    const fh = await open(tmp, 'wx', 0o600);
    const u: PendingUpload = {
      id, tmp, fh, hash: createHash('sha256'), received: 0, head: Buffer.alloc(0), chain: Promise.resolve(),
      timer: setTimeout(() => void this.#dropUpload(u), UPLOAD_IDLE_MS),
    };
    u.timer.unref();
    this.#uploads.set(id, u);
    return u;
  }

  async #dropUpload(u: PendingUpload): Promise<void> {
    this.#uploads.delete(u.id);
    clearTimeout(u.timer);
    await u.fh.close().catch(() => undefined);
    await rm(u.tmp, { force: true });
  }

  /** Moves a complete copy into place and lists it. */
  async #admit(tmp: string, name: string, size: number, sha256: string, head: Buffer, meta: FirmwareMeta): Promise<FirmwareFile> {
    const id = randomUUID();
    const stored = `${id.slice(0, 8)}-${diskName(name)}`;
    await rename(tmp, join(this.dir, stored));
    const file: StoredFile = {
      id, name, fileType: meta.fileType ?? guessFileType(name), size, sha256, added: new Date().toISOString(), stored,
    };
    if (meta.oui) file.oui = meta.oui;
    if (meta.productClass) file.productClass = meta.productClass;
    const version = meta.version === undefined ? guessVersion(head, name) : meta.version;
    if (version) file.version = version;
    this.#db.data.files.push(file);
    await this.#save();
    return publicFile(file);
  }

  async #save(): Promise<void> {
    await this.#db.write();
    this.#opts.onChange?.(this.list());
  }
}
