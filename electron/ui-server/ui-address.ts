// The headless UI keeps its address across restarts: the same port and token
// as last time (kept in <data>/ui.json, owner-only), so a bookmarked URL keeps
// working. --ui-port / --token override for one run and are then kept;
// --new-token rotates the token. A port taken meanwhile is replaced by a free
// one (and said).
import { randomBytes } from 'node:crypto';
import { readFile, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

export interface UiAddress { port: number; token: string }

const FILE = 'ui.json';
const TOKEN_RE = /^[A-Za-z0-9._~-]{8,256}$/;

export async function storedUiAddress(dataDir: string): Promise<Partial<UiAddress>> {
  try {
    const v = JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as Partial<UiAddress>;
    const out: Partial<UiAddress> = {};
    if (Number.isInteger(v.port) && v.port! > 0 && v.port! <= 65535) out.port = v.port;
    if (typeof v.token === 'string' && TOKEN_RE.test(v.token)) out.token = v.token;
    return out;
  } catch {
    return {}; // first run, or a file someone broke: start afresh
  }
}

/** The address to try: flags first, then the stored one, else any free port and a new token. */
export function chooseUiAddress(stored: Partial<UiAddress>, flags: { uiPort?: number; token?: string; newToken?: boolean }): UiAddress {
  return {
    port: flags.uiPort ?? stored.port ?? 0,
    token: flags.token ?? (flags.newToken ? undefined : stored.token) ?? randomBytes(32).toString('hex'),
  };
}

export async function saveUiAddress(dataDir: string, a: UiAddress): Promise<void> {
  const tmp = join(dataDir, `${FILE}.tmp`);
  await writeFile(tmp, `${JSON.stringify(a, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, join(dataDir, FILE));
}
