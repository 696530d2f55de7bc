// Writes a stream to a file while computing its SHA-256, one chunk at a time
// (a firmware image of several GB never sits in memory), with an optional
// size cap. Blocks of zeros are skipped rather than written, so they stay
// holes: a sparse image copied into the library stays sparse, and an image
// with large zero-filled partitions costs only the disk it really needs.
import { createHash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';

const BLOCK = 64 * 1024;
const ZERO = Buffer.alloc(BLOCK);

export class TooLargeError extends Error {
  override name = 'TooLargeError';
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
  }
}

export interface HashedFile { size: number; sha256: string }

function isZero(b: Buffer): boolean {
  return b.equals(b.length === BLOCK ? ZERO : ZERO.subarray(0, b.length));
}

async function writeAll(fh: FileHandle, buf: Buffer, start: number, end: number, pos: number): Promise<void> {
  while (start < end) {
    const { bytesWritten } = await fh.write(buf, start, end - start, pos);
    start += bytesWritten;
    pos += bytesWritten;
  }
}

/** Writes the non-zero runs of `buf` at `pos`; zero blocks are left as holes. */
export async function writeSparse(fh: FileHandle, buf: Buffer, pos: number): Promise<void> {
  let i = 0;
  while (i < buf.length) {
    let j = i;
    while (j < buf.length && !isZero(buf.subarray(j, Math.min(j + BLOCK, buf.length)))) j = Math.min(j + BLOCK, buf.length);
    if (j > i) {
      await writeAll(fh, buf, i, j, pos + i);
      i = j;
    } else {
      i = Math.min(i + BLOCK, buf.length);
    }
  }
}

/**
 * Copies `source` into a new file `dest` (created, never overwritten: 'wx').
 * On any error, or when more than `maxBytes` arrive, the partial file is
 * removed and the error is thrown.
 */
export async function writeHashed(
  source: AsyncIterable<Buffer | string>, dest: string, opts: { maxBytes?: number } = {},
): Promise<HashedFile> {
  const hash = createHash('sha256');
  const fh = await open(dest, 'wx', 0o600);
  let size = 0;
  try {
    for await (const chunk of source) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (opts.maxBytes !== undefined && size + buf.length > opts.maxBytes) throw new TooLargeError(opts.maxBytes);
      hash.update(buf);
      await writeSparse(fh, buf, size);
      size += buf.length;
    }
    // A trailing run of zeros was never written: the length sets the size.
    await fh.truncate(size);
    await fh.close();
  } catch (err) {
    await fh.close().catch(() => undefined);
    await rm(dest, { force: true });
    throw err;
  }
  return { size, sha256: hash.digest('hex') };
}
