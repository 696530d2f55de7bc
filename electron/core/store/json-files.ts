// Reading and writing the store's JSON files through lowdb. lowdb's file
// adapters write atomically (steno: write `.<name>.tmp`, then rename), so a
// crash between writes leaves the previous or the next version, never half
// of one.
//
// A file that cannot be parsed is set aside as `<name>.corrupt` (so nobody's
// data is silently overwritten) and the caller starts from its defaults.
import { rename } from 'node:fs/promises';
import { Low } from 'lowdb';
import { DataFile, JSONFile } from 'lowdb/node';

export type Warn = (message: string) => void;

/**
 * device.json is small and worth reading by eye: JSONFile (2-space indent).
 * parameters.json may be tens of MB: compact JSON (indentation would add ~40%).
 */
export function openJson<T>(file: string, defaults: T, compact = false): Low<T> {
  const adapter = compact
    ? new DataFile<T>(file, { parse: JSON.parse, stringify: (d: T) => JSON.stringify(d) })
    : new JSONFile<T>(file);
  return new Low<T>(adapter, defaults);
}

/**
 * Reads `db`'s file. Returns 'missing' or 'ok', or 'corrupt' after renaming
 * the unreadable file aside; `db.data` keeps its defaults in the first and
 * last case. Never throws for a bad file; I/O errors other than "not found"
 * are reported the same way as corruption, so one unreadable device cannot
 * stop the store from opening.
 */
export async function readJson<T>(db: Low<T>, file: string, warn: Warn): Promise<'ok' | 'missing' | 'corrupt'> {
  const defaults = db.data;
  try {
    db.data = null as T; // Low.read leaves data untouched when the file is missing
    await db.read();
    if (db.data === null || db.data === undefined) {
      db.data = defaults;
      return 'missing';
    }
    return 'ok';
  } catch (err) {
    db.data = defaults;
    await setAside(file, warn, err);
    return 'corrupt';
  }
}

/** Renames an unreadable file to `<file>.corrupt` and logs why. */
export async function setAside(file: string, warn: Warn, why: unknown): Promise<void> {
  const reason = why instanceof Error ? why.message : String(why);
  try {
    await rename(file, `${file}.corrupt`);
    warn(`store: ${file} is unreadable (${reason}); kept as ${file}.corrupt, starting empty`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') warn(`store: ${file} is unreadable (${reason}) and could not be set aside: ${String(err)}`);
  }
}
