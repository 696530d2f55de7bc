// The events a virtual CPE's Inform carries (TR-069 Amd 6 §3.7.1.5): kept
// until an InformResponse acknowledges them, merged without duplicates, and
// sent single events first, then M events, then vendor events.
import type { EventStruct } from '../../shared/cwmp/types';
import type { OutboxItem } from './session';

export const ev = (code: string, key = ''): EventStruct => ({ EventCode: code, CommandKey: key });
const rank = (c: string) => (/^\d+/.test(c) ? Number(/^\d+/.exec(c)![0]) : c.startsWith('M ') ? 1000 : 2000);

/** Adds events to the pending list (in place). */
export function addEvents(pending: EventStruct[], events: readonly EventStruct[]): void {
  for (const e of events) {
    // §3.7.1.5: single events appear once; M events once per CommandKey.
    if (!pending.some((p) => p.EventCode === e.EventCode && (!e.EventCode.startsWith('M ') || p.CommandKey === e.CommandKey))) {
      pending.push(e);
    }
  }
}

/**
 * The Event list of the next Inform: the pending events, 4 VALUE CHANGE when
 * a notified parameter changed, and the events of requests still in the outbox.
 */
export function composeEvents(pending: readonly EventStruct[], valueChanged: boolean, outbox: readonly OutboxItem[]): EventStruct[] {
  const events = [...pending];
  const add = (e: EventStruct) => {
    if (!events.some((x) => x.EventCode === e.EventCode && x.CommandKey === e.CommandKey)) events.push(e);
  };
  if (valueChanged) add(ev('4 VALUE CHANGE'));
  for (const item of outbox) item.events.forEach(add);
  return events.sort((a, b) => rank(a.EventCode) - rank(b.EventCode));
}
