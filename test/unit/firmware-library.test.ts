// The firmware library on a real temp folder: copies (never moves), SHA-256
// while streaming, sparse images stay sparse, chunked uploads, metadata.
import { createHash } from 'node:crypto';
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FirmwareLibrary, guessVersion, MAX_CHUNK_BYTES } from '../../electron/core/files/library';

let dir: string;
let lib: FirmwareLibrary;
let users = 0;
const changes: number[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wb-lib-'));
  users = 0;
  lib = await FirmwareLibrary.open({ dataDir: dir, inUse: () => users, onChange: (f) => changes.push(f.length) });
});
afterEach(async () => {
  await lib.close();
  await rm(dir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('FirmwareLibrary', () => {
  it('copies a file from disk, hashes it, reads its version and keeps the original', async () => {
    const body = Buffer.from('version=7.1.0\n' + 'z'.repeat(100_000));
    const src = join(dir, 'gw-7.1.0.bin');
    await writeFile(src, body);
    const f = await lib.add(src, { oui: '00D09E', productClass: 'HGW-5000' });
    expect(f).toMatchObject({
      name: 'gw-7.1.0.bin', fileType: '1 Firmware Upgrade Image', size: body.length, sha256: sha(body), version: '7.1.0',
      oui: '00D09E', productClass: 'HGW-5000',
    });
    expect(await readFile(src)).toEqual(body);
    expect(await readFile(lib.contentPath(f.id)!)).toEqual(body);
    expect(lib.contentPath(f.id)).not.toBe(src);
    expect(lib.list().map((x) => x.id)).toEqual([f.id]);
    // It is still there after a reopen (library.json).
    await lib.close();
    lib = await FirmwareLibrary.open({ dataDir: dir });
    expect(lib.get(f.id)?.sha256).toBe(sha(body));
  });

  it('a sparse image stays sparse in the library', async () => {
    const src = join(dir, 'sparse.img');
    const fh = await open(src, 'w');
    await fh.truncate(64 * 1024 * 1024);
    await fh.write(Buffer.from('version=1.0\n'), 0, 12, 0);
    await fh.close();
    const f = await lib.add(src);
    const st = await stat(lib.contentPath(f.id)!);
    expect(st.size).toBe(64 * 1024 * 1024);
    expect(st.blocks * 512).toBeLessThan(1024 * 1024);
    expect(f.version).toBe('1.0');
  });

  it('refuses what is not a regular file, and bad metadata, in words', async () => {
    await expect(lib.add(dir)).rejects.toThrow(/is not a regular file/);
    await expect(lib.add(join(dir, 'nope.bin'))).rejects.toThrow(/cannot read .*ENOENT/);
    await writeFile(join(dir, 'a.bin'), 'x');
    await expect(lib.add(join(dir, 'a.bin'), { oui: 'xyz' })).rejects.toThrow(/oui: six hex digits/);
    await expect(lib.add(join(dir, 'a.bin'), { fileType: '9 Nonsense' })).rejects.toThrow(/fileType: one of 1 Firmware Upgrade Image/);
    await expect(lib.add(join(dir, 'a.bin'), { name: '../x' })).rejects.toThrow(/name: no slashes/);
  });

  it('takes a file in base64 chunks; offsets must follow each other', async () => {
    const body = Buffer.alloc(MAX_CHUNK_BYTES + 1000, 7);
    body.write('version=2.0.0\n');
    const first = await lib.upload({ name: 'cfg.xml', offset: 0, bytes: body.subarray(0, MAX_CHUNK_BYTES).toString('base64') });
    expect(first).toEqual({ uploadId: expect.any(String), received: MAX_CHUNK_BYTES });
    await expect(lib.upload({ uploadId: first.uploadId, name: 'cfg.xml', offset: 5, bytes: '' })).rejects.toThrow(`chunk at offset 5, expected ${MAX_CHUNK_BYTES}`);
    const last = await lib.upload({
      uploadId: first.uploadId, name: 'cfg.xml', offset: MAX_CHUNK_BYTES, bytes: body.subarray(MAX_CHUNK_BYTES).toString('base64'), done: true,
    });
    expect(last.file).toMatchObject({ name: 'cfg.xml', size: body.length, sha256: sha(body), fileType: '3 Vendor Configuration File', version: '2.0.0' });
    await expect(lib.upload({ uploadId: first.uploadId, name: 'cfg.xml', offset: body.length, bytes: '' })).rejects.toThrow(/no upload/);
    await expect(lib.upload({ name: 'x', offset: 0, bytes: Buffer.alloc(MAX_CHUNK_BYTES + 1).toString('base64') })).rejects.toThrow(/at most/);
  });

  it('edits metadata, clears with "", and will not remove a file in use', async () => {
    await writeFile(join(dir, 'fw.bin'), 'abc');
    const f = await lib.add(join(dir, 'fw.bin'), { version: '1' });
    expect(await lib.update(f.id, { version: '', productClass: 'X', name: 'renamed.bin' })).toMatchObject({ name: 'renamed.bin', productClass: 'X' });
    expect(lib.get(f.id)?.version).toBeUndefined();
    users = 1;
    await expect(lib.remove(f.id)).rejects.toThrow(/used by 1 transfer/);
    users = 0;
    const path = lib.contentPath(f.id)!;
    expect(await lib.remove(f.id)).toBe(true);
    await expect(stat(path)).rejects.toThrow();
    expect(await lib.remove(f.id)).toBe(false);
    expect(changes.length).toBeGreaterThan(0);
  });

  it('guesses versions from a version line or the file name', () => {
    expect(guessVersion(Buffer.from('version = 5.5.0-rc1\r\n'), 'x.bin')).toBe('5.5.0-rc1');
    expect(guessVersion(Buffer.alloc(10), 'HGW_fw-5.4.2.bin.gz')).toBe('5.4.2');
    expect(guessVersion(Buffer.alloc(10), 'image.bin')).toBeUndefined();
  });
});
