// The URLs and credentials one transfer gives its CPE. A.3.2.8 caps URL at
// 256 characters; the file name at the end is a courtesy (CPEs that derive a
// target name from the URL), dropped when it would not fit.
import { randomBytes } from 'node:crypto';
import { hostForUrl } from '../files/reachability';

const URL_MAX = 256;

export function downloadUrl(host: string, port: number, token: string, name: string): string {
  const base = `http://${hostForUrl(host)}:${port}/t/${token}`;
  const full = `${base}/${encodeURIComponent(name)}`;
  return full.length <= URL_MAX ? full : base;
}

export function uploadUrl(host: string, port: number, token: string): string {
  return `http://${hostForUrl(host)}:${port}/u/${token}`;
}

/** A.3.2.8 CommandKey is string(32): 'wb-' + 64 random bits, unique per transfer. */
export function newCommandKey(): string {
  return `wb-${randomBytes(8).toString('hex')}`;
}

/** Per-transfer Basic credentials (Username/Password of Download and Upload). */
export function newCredentials(): { username: string; password: string } {
  return { username: `wb-${randomBytes(4).toString('hex')}`, password: randomBytes(16).toString('base64url') };
}
