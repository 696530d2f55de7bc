// Reading every device's device.json at start: only these small files are
// read (parameter trees load on demand), a few at a time. A file that cannot
// be read or is not a device document is set aside (json-files.ts) and the
// rest of the store opens.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Low } from 'lowdb';
import { type DeviceDoc, normalizeDoc } from './device-doc';
import { type Warn, openJson, readJson, setAside } from './json-files';
import { DEVICE_FILE, devicesDir } from './paths';

/** device.json files read at once: enough to hide latency, few enough for file-descriptor limits. */
const OPEN_CONCURRENCY = 32;

export interface LoadedDevice { dir: string; db: Low<DeviceDoc> }

async function loadOne(dir: string, warn: Warn): Promise<LoadedDevice | undefined> {
  const file = join(dir, DEVICE_FILE);
  const db = openJson<DeviceDoc>(file, null as unknown as DeviceDoc);
  if ((await readJson(db, file, warn)) !== 'ok') return undefined; // empty folder, or set aside
  try {
    db.data = normalizeDoc(db.data);
  } catch (err) {
    await setAside(file, warn, err);
    return undefined;
  }
  return { dir, db };
}

/** Every readable device document under `<dataDir>/devices/`, in folder order. */
export async function loadDeviceDocs(dataDir: string, warn: Warn): Promise<LoadedDevice[]> {
  await mkdir(devicesDir(dataDir), { recursive: true });
  const dirs = (await readdir(devicesDir(dataDir), { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => join(devicesDir(dataDir), e.name));
  const out: LoadedDevice[] = [];
  for (let i = 0; i < dirs.length; i += OPEN_CONCURRENCY) {
    for (const d of await Promise.all(dirs.slice(i, i + OPEN_CONCURRENCY).map((dir) => loadOne(dir, warn)))) if (d) out.push(d);
  }
  return out;
}
