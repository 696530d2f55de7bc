// The journal's records (journal.ts): one per change the store accepts, in
// the order they were made. Each carries the whole thing it sets (a task, a
// summary, a session record, a fault, parameter facts), so a record replayed
// over a snapshot that already has it changes nothing (see device-doc.ts).
// Short keys: a 100k-parameter discovery is one record.
import type { DiagnosticRecord } from '../../../shared/api/diagnostics-contract';
import type { AnyTask, DeviceSummary } from '../../../shared/model/records';
import type { FaultRecord, SessionRecord } from './device-doc';
import type { ParameterChange } from './parameter-table';

/** A change to a parameter tree: facts learnt (c, at time u) or a subtree removed (p). */
export type ParameterOp = { c: ParameterChange[]; u: string } | { p: string };

export type StoreRecord =
  | { t: 'dev'; s: DeviceSummary }
  | { t: 'del'; id: string }
  | { t: 'task'; id: string; task: AnyTask }
  | { t: 'untask'; id: string; task: string }
  | { t: 'sess'; id: string; r: SessionRecord }
  | { t: 'fault'; id: string; f: FaultRecord }
  | { t: 'diag'; id: string; r: DiagnosticRecord }
  | { t: 'params'; id: string; c: ParameterChange[]; u: string }
  | { t: 'rm'; id: string; p: string };
