// Transfer records in <dataDir>/transfers.json (lowdb; atomic temp + rename
// writes), so a transfer in flight outlives the workbench: after a restart
// its token still serves the file and its TransferComplete still finds it.
// The file is small (records only); the newest MAX_RECORDS are kept, and
// only finished ones are ever dropped.
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { FINAL_TRANSFER_STATES, type TransferRecord } from '../../../shared/model/transfers';
import { readJson, type Warn } from '../store/json-files';

/** What is kept beside the public record: secrets and the served byte ranges. */
export interface StoredTransfer extends TransferRecord {
  /** File server token (128 bits, hex). */
  token?: string;
  password?: string;
  /** Byte ranges [start, end) served so far, merged. */
  coverage?: [number, number][];
  /** Time without TransferComplete before 'unknown', when not the default. */
  deadlineMs?: number;
}

interface TransfersDoc { transfers: StoredTransfer[] }

export const TRANSFERS_FILE = 'transfers.json';
const MAX_RECORDS = 5000;
/** Progress-only changes are written at most this often. */
const LAZY_WRITE_MS = 1000;

export function isFinal(t: TransferRecord): boolean {
  return FINAL_TRANSFER_STATES.includes(t.state);
}

/** The record as the API shows it: no password, no token bookkeeping. */
export function publicTransfer(t: StoredTransfer): TransferRecord {
  const { token: _t, password: _p, coverage: _c, deadlineMs: _d, ...rest } = t;
  return structuredClone(rest);
}

export class TransferStore {
  readonly #db: Low<TransfersDoc>;
  #lazy: NodeJS.Timeout | null = null;
  /** Writes run one after the other; a write queued but not started yet is joined by later saves. */
  #tail: Promise<void> = Promise.resolve();
  #queued: Promise<void> | null = null;

  private constructor(db: Low<TransfersDoc>) {
    this.#db = db;
  }

  static async open(dataDir: string, warn: Warn = (m) => console.warn(m)): Promise<TransferStore> {
    const file = join(dataDir, TRANSFERS_FILE);
    const db = new Low<TransfersDoc>(new JSONFile<TransfersDoc>(file), { transfers: [] });
    await readJson(db, file, warn);
    if (!Array.isArray(db.data?.transfers)) db.data = { transfers: [] };
    return new TransferStore(db);
  }

  /** Live records (mutate, then save()). Oldest first. */
  all(): StoredTransfer[] {
    return this.#db.data.transfers;
  }

  get(id: string): StoredTransfer | undefined {
    return this.#db.data.transfers.find((t) => t.id === id);
  }

  /** The transfer a CPE means by this CommandKey (A.3.3.2: TransferComplete carries the one we sent). */
  byCommandKey(deviceId: string, commandKey: string): StoredTransfer | undefined {
    if (!commandKey) return undefined;
    const list = this.#db.data.transfers;
    for (let i = list.length - 1; i >= 0; i--) {
      const t = list[i]!;
      if (t.deviceId === deviceId && t.commandKey === commandKey && t.kind !== 'AutonomousTransferComplete') return t;
    }
    return undefined;
  }

  add(t: StoredTransfer): void {
    const list = this.#db.data.transfers;
    list.push(t);
    if (list.length > MAX_RECORDS) {
      let excess = list.length - MAX_RECORDS;
      this.#db.data.transfers = list.filter((x) => excess <= 0 || !isFinal(x) || (excess--, false));
    }
  }

  /**
   * Persists every change made so far. A bulk push makes many changes at
   * once: they share one write (serialized once) instead of one each.
   */
  save(): Promise<void> {
    if (this.#lazy) {
      clearTimeout(this.#lazy);
      this.#lazy = null;
    }
    if (this.#queued) return this.#queued;
    const run = async () => {
      this.#queued = null; // changes from now on need another write
      await this.#db.write();
    };
    const p = this.#tail.then(run, run);
    this.#queued = p;
    this.#tail = p.catch(() => undefined);
    return p;
  }

  /** Persists soon: for byte counters, which change many times a second. */
  saveSoon(): void {
    if (this.#lazy) return;
    this.#lazy = setTimeout(() => {
      this.#lazy = null;
      this.save().catch((e: unknown) => console.error('transfers.json write failed:', e));
    }, LAZY_WRITE_MS);
    this.#lazy.unref();
  }

  async close(): Promise<void> {
    await this.save();
  }
}
