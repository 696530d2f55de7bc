// Saving a file a CPE uploaded to the user's machine: read in base64 parts
// of 1 MiB (uploads.read's cap), joined into a Blob and handed to the
// browser's download (Electron shows its save dialog).
import type { UploadRecord } from '../../../../shared/model/transfers';
import { getApi } from '../../api/window-api';

const PART = 1024 * 1024;

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The name to save under: the device first, so backups of several devices do not mix ("<device>-<time>-vendor-config.xml"). */
export function saveName(u: UploadRecord): string {
  const device = u.deviceId.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${device}-${u.name || 'upload'}`;
}

export async function saveUpload(u: UploadRecord): Promise<void> {
  const api = getApi();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    const r = await api.invoke('uploads.read', { id: u.id, offset, maxBytes: PART, encoding: 'base64' });
    parts.push(fromBase64(r.base64 ?? ''));
    offset += r.length;
    if (!r.more || r.length === 0) break;
  }
  const url = URL.createObjectURL(new Blob(parts, { type: u.contentType || 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = saveName(u);
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
