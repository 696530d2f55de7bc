// parameters.json of one device: loading it into a ParameterTable (a corrupt
// file is set aside and the device starts with an empty tree) and the lowdb
// handle that writes it back (compact JSON, atomic temp + rename).
import { join } from 'node:path';
import type { Low } from 'lowdb';
import { type Warn, openJson, readJson, setAside } from './json-files';
import { type ParametersFileData, ParameterTable } from './parameter-table';
import { PARAMETERS_FILE } from './paths';

export interface TableState {
  readonly table: ParameterTable;
  /** `data` is set to table.toData() just before each write and dropped after it. */
  readonly db: Low<ParametersFileData>;
  /** A queued, not yet started write of parameters.json that later changes can join. */
  flushQueued: Promise<void> | null;
}

export async function readParameterTable(deviceDir: string, warn: Warn): Promise<TableState> {
  const file = join(deviceDir, PARAMETERS_FILE);
  const db = openJson<ParametersFileData>(file, null as unknown as ParametersFileData, true);
  let table = ParameterTable.empty();
  if ((await readJson(db, file, warn)) === 'ok') {
    try {
      table = ParameterTable.fromData(db.data);
    } catch (err) {
      await setAside(file, warn, err);
    }
  }
  db.data = null as unknown as ParametersFileData;
  return { table, db, flushQueued: null };
}
