// Where the store keeps its files. One folder per device, so a snapshot only
// ever rewrites the files of its own device; changes go to the journal first.
//
//   <dataDir>/devices/<safe id>/device.json       summary, tasks, recent sessions and faults (small)
//   <dataDir>/devices/<safe id>/parameters.json   the parameter tree (may be many MB)
//   <dataDir>/journal/<generation>.jsonl          changes not yet in those files (journal.ts)
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export const DEVICES_DIR = 'devices';
export const DEVICE_FILE = 'device.json';
export const PARAMETERS_FILE = 'parameters.json';

/**
 * A device id or session id as one file name. encodeURIComponent keeps ids
 * readable in a file manager; on top of it we escape what it lets through but
 * a file system would not take: `*` (Windows), and a leading `.` (`.` and `..`
 * would leave the folder; other dot names would be hidden). Names too long for
 * a file system (255 bytes) are cut and made unique with a hash. The true id
 * is always read back from the file contents, never decoded from the name.
 */
export function safeFileName(id: string): string {
  let name = encodeURIComponent(id).replace(/\*/g, '%2A');
  if (name.startsWith('.')) name = '%2E' + name.slice(1);
  if (name === '') name = '%00empty';
  if (name.length > 200) {
    const hash = createHash('sha256').update(id).digest('hex').slice(0, 16);
    name = `${name.slice(0, 180)}~${hash}`;
  }
  return name;
}

export function devicesDir(dataDir: string): string {
  return join(dataDir, DEVICES_DIR);
}

export function deviceDir(dataDir: string, id: string): string {
  return join(dataDir, DEVICES_DIR, safeFileName(id));
}

export function deviceFile(dataDir: string, id: string): string {
  return join(deviceDir(dataDir, id), DEVICE_FILE);
}

export function parametersFile(dataDir: string, id: string): string {
  return join(deviceDir(dataDir, id), PARAMETERS_FILE);
}

/** The store's journal (journal.ts): beside devices/, so it is never read as a device folder. */
export function journalDir(dataDir: string): string {
  return join(dataDir, 'journal');
}
