// The session log's filters (log.list, log.export): one predicate over the
// records as the viewer sees them (redacted), so a search can never find
// what the view does not show.
import type { LogFilter } from '../../../shared/api/contract';
import type { LoggedMessage } from '../../../shared/model/records';

export interface LogQuery extends LogFilter {
  deviceId?: string;
  sessionId?: string;
  /** Only messages with a smaller seq (paging back from the oldest one shown). */
  before?: number;
}

export type Predicate = (m: LoggedMessage) => boolean;

export function hasFilter(q: LogFilter): boolean {
  return q.rpc !== undefined || q.faultsOnly === true || q.invalidOnly === true || (q.text !== undefined && q.text !== '');
}

export function logPredicate(q: LogQuery): Predicate {
  const text = q.text ? new RegExp(q.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : undefined;
  return (m) => {
    if (q.before !== undefined && m.seq >= q.before) return false;
    if (q.sessionId !== undefined && m.sessionId !== q.sessionId) return false;
    // A device's log includes the requests refused while claiming to be it (auth-steps.ts), marked as such.
    if (q.deviceId !== undefined && m.deviceId !== q.deviceId && m.claimedDeviceId !== q.deviceId) return false;
    if (q.rpc !== undefined && m.rpc !== q.rpc) return false;
    // A fault is a SOAP Fault in either direction (TR-069 A.5), the "fault" column.
    if (q.faultsOnly && m.faultCode === undefined && m.rpc !== 'Fault') return false;
    if (q.invalidOnly && m.schema?.verdict !== 'invalid') return false;
    if (text && !text.test(m.body)) return false;
    return true;
  };
}
