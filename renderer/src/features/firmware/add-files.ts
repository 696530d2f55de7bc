// Getting a file from the user's machine into the library. In Electron the
// core runs on the same machine: it copies the file from its path
// (files.add). In a browser there is no path: the bytes go up in base64
// chunks of 512 KiB (files.upload), read one slice at a time so a large image
// is never held in memory whole.
import { fileNameProblem } from '../../../../shared/api/transfer-rules';
import type { FirmwareFile } from '../../../../shared/model/transfers';
import { getApi } from '../../api/window-api';

/** files.upload carries at most 512 KiB per chunk. */
export const CHUNK_BYTES = 512 * 1024;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The file's absolute path when the page runs in Electron; '' in a browser. */
export function localPath(file: File): string {
  const legacy = (file as File & { path?: unknown }).path;
  if (typeof legacy === 'string' && legacy.startsWith('/')) return legacy;
  if (typeof legacy === 'string' && /^[A-Za-z]:[\\/]/.test(legacy)) return legacy;
  return window.filePaths?.of(file) ?? '';
}

/** Why this file cannot be staged as it is, or null. */
export function fileProblem(file: File): string | null {
  const p = fileNameProblem(file.name);
  return p ? `${file.name}: ${p}` : null;
}

/**
 * Adds one file to the library, reporting bytes sent as it goes (once, at the
 * end, for a copy by path). `signal` stops between chunks (the partial upload
 * is dropped by the core after it idles).
 */
export async function addToLibrary(file: File, onProgress: (sent: number) => void, signal?: AbortSignal): Promise<FirmwareFile> {
  const api = getApi();
  const path = localPath(file);
  if (path) {
    const f = await api.invoke('files.add', { path, name: file.name });
    onProgress(file.size);
    return f;
  }
  let uploadId: string | undefined;
  let offset = 0;
  for (;;) {
    if (signal?.aborted) throw new Error('cancelled');
    const end = Math.min(offset + CHUNK_BYTES, file.size);
    const bytes = toBase64(new Uint8Array(await file.slice(offset, end).arrayBuffer()));
    const done = end >= file.size;
    const r = await api.invoke('files.upload', { name: file.name, offset, bytes, ...(uploadId ? { uploadId } : {}), ...(done ? { done: true } : {}) });
    uploadId = r.uploadId;
    offset = end;
    onProgress(offset);
    if (done) {
      if (!r.file) throw new Error('the workbench did not confirm the file');
      return r.file;
    }
  }
}
