// What travels between the message checker (checker.ts, main thread) and its
// worker (check-worker.ts): plain structured-cloneable data only.
import type { Direction, ModelWarning, SchemaVerdict } from '../../../shared/model/records';

/** One captured message to check: the raw, unredacted, uncut body (secrets never leave the process). */
export interface CheckItem {
  seq: number;
  sessionId: string;
  deviceId?: string;
  direction: Direction;
  rpc?: string;
  body: string;
}

export interface CheckResult {
  seq: number;
  sessionId: string;
  deviceId?: string;
  direction: Direction;
  schema: SchemaVerdict;
  modelWarnings: ModelWarning[];
  /** Warnings beyond the per-message cap (counted, not listed). */
  modelWarningsOmitted?: number;
  /**
   * Warnings of the device (the batch's `watch` list, as warningKey()s) that
   * this message assessed again and found fine: the per-device view drops them.
   */
  cleared?: string[];
}

export type ToWorker =
  | { type: 'check'; batch: number; items: CheckItem[]; watch: Record<string, string[]> };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; batch: number; results: CheckResult[]; ms: number };

export interface WorkerConfig {
  /** resources/bbf, where the schemas and data models are. */
  bbfDir: string;
  /** xmllint calls run at once for a big batch (1 = one at a time). */
  parallel: number;
}

/** A device's warning as one string: a path can carry a bad-value and a writable-mismatch at once. */
export function warningKey(kind: string, path: string): string {
  return `${kind}\t${path}`;
}

/** Per-message cap of listed model warnings (the rest are counted). */
export const MAX_MODEL_WARNINGS = 500;
/** Per-message cap of listed schema errors (libxml2 can emit thousands for one broken message). */
export const MAX_SCHEMA_ERRORS = 50;
