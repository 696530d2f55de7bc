// The live message list: a snapshot from log.list, then pushed messages
// (session.messageLogged) and their later schema verdicts. Pushes are applied
// in batches at most every BATCH_MS, and the per-message derived columns (Δ,
// the RPC menu) are kept incrementally, so 1,000 messages/s cost a handful of
// cheap renders per second instead of a full recomputation per message.
import { useEffect, useRef, useState } from 'react';
import type { LoggedMessage } from '../../../../shared/model/records';
import { errorText } from '../../api/hooks';
import { subscribeThenAsk } from '../../api/use-live-list';
import { serialInBody } from './labels';
import { mergeMessages } from './log-model';

/** Messages the window keeps (the core keeps more, and all of it on disk). */
export const WINDOW_MAX = 20_000;
/** How often pushed messages are applied: fast enough to feel live, slow enough to stay smooth. */
const BATCH_MS = 150;

export interface LogState {
  messages: LoggedMessage[];
  /** Δ to the previous message of the same session, by seq. */
  deltas: Map<number, number>;
  /** RPC names seen, for the filter menu. */
  rpcs: string[];
  /** Messages pushed live since the page opened (the window keeps only the newest WINDOW_MAX). */
  received: number;
  /** Messages that arrived while paused, not yet shown (Wireshark's "N new packets"). */
  waiting: number;
  /** Devices only claimed by requests refused with 401 (not authenticated), with the serial their Inform named: the device filter offers them too. */
  claimed: Map<string, string>;
}

interface Index { lastBySession: Map<string, number>; deltas: Map<number, number>; rpcs: Set<string>; claimed: Map<string, string> }

function indexBatch(ix: Index, batch: LoggedMessage[]): void {
  for (const m of batch) {
    if (ix.deltas.has(m.seq)) continue;
    const t = Date.parse(m.time);
    const prev = ix.lastBySession.get(m.sessionId);
    if (prev !== undefined) ix.deltas.set(m.seq, t - prev);
    ix.lastBySession.set(m.sessionId, t);
    if (m.rpc) ix.rpcs.add(m.rpc);
    if (m.claimedDeviceId && !ix.claimed.has(m.claimedDeviceId)) {
      const serial = serialInBody(m.body);
      if (serial) ix.claimed.set(m.claimedDeviceId, serial);
    }
  }
}

const EMPTY: LogState = { messages: [], deltas: new Map(), rpcs: [], received: 0, waiting: 0, claimed: new Map() };

/** Live traffic (optionally one device), or an imported bundle (`source`), which never changes. */
export function useLog(deviceId: string | undefined, paused: boolean, onError: (m: string) => void, source?: string): LogState {
  const [state, setState] = useState<LogState>(EMPTY);
  const pending = useRef<LoggedMessage[]>([]);
  const patches = useRef(new Map<number, Partial<LoggedMessage>>());
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const kick = useRef<() => void>(() => undefined);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let alive = true;
    let received = 0;
    let applied = 0;
    const ix: Index = { lastBySession: new Map(), deltas: new Map(), rpcs: new Set(), claimed: new Map() };
    const flush = () => {
      timer = undefined;
      if (!alive) return;
      if (pausedRef.current) {
        const waiting = received - applied;
        setState((prev) => (prev.waiting === waiting ? prev : { ...prev, waiting }));
        return;
      }
      applied = received;
      const batch = pending.current.sort((a, b) => a.seq - b.seq);
      const fixes = patches.current;
      pending.current = [];
      patches.current = new Map();
      indexBatch(ix, batch);
      setState((prev) => {
        let messages = mergeMessages(prev.messages, batch, WINDOW_MAX);
        if (fixes.size) messages = messages.map((m) => (fixes.has(m.seq) ? { ...m, ...fixes.get(m.seq) } : m));
        // Forget Δs of messages that left the window, so the index stays bounded too.
        if (ix.deltas.size > WINDOW_MAX * 1.5 && messages.length) {
          const oldest = messages[0].seq;
          for (const seq of ix.deltas.keys()) if (seq < oldest) ix.deltas.delete(seq);
        }
        const claimed = prev.claimed.size === ix.claimed.size ? prev.claimed : new Map(ix.claimed);
        return { messages, deltas: ix.deltas, rpcs: [...ix.rpcs].sort(), received, waiting: 0, claimed };
      });
    };
    const schedule = () => {
      if (!timer) timer = setTimeout(flush, BATCH_MS);
    };
    kick.current = schedule;
    // The schema verdict and data-model warnings arrive after the message (checked off the hot path).
    const onChecked = (p: { seq: number; schema?: LoggedMessage['schema']; modelWarnings?: LoggedMessage['modelWarnings'] }) => {
      patches.current.set(p.seq, { ...(p.schema ? { schema: p.schema } : {}), ...(p.modelWarnings ? { modelWarnings: p.modelWarnings } : {}) });
      schedule();
    };
    // Not useLiveList: thousands of messages a second are batched, windowed and paused here; the
    // subscribe-then-ask ordering and the stale-answer guard are the same (subscribeThenAsk).
    const dispose = subscribeThenAsk(
      'log.list',
      { ...(deviceId ? { deviceId } : {}), ...(source ? { source } : {}), limit: source ? WINDOW_MAX : 5000 },
      (api) => [
        api.on('session.messageLogged', (m) => {
          if (source || (deviceId && m.deviceId !== deviceId && m.claimedDeviceId !== deviceId)) return;
          received++;
          pending.current.push(m);
          // While paused, only what can still fit the window is worth keeping.
          if (pending.current.length > WINDOW_MAX * 1.2) pending.current.splice(0, pending.current.length - WINDOW_MAX);
          schedule();
        }),
        api.on('session.messageChecked', (p) => { if (!source) onChecked(p); }),
      ],
      // mergeMessages orders by seq and drops duplicates, so pushes that overlap the snapshot are harmless.
      (list) => { pending.current = [...list, ...pending.current]; schedule(); },
      (err) => onError(`log.list: ${errorText(err)}`),
    );
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
      dispose();
      pending.current = [];
      setState(EMPTY);
    };
  }, [deviceId, onError, source]);

  // Resuming applies what arrived while paused.
  useEffect(() => {
    if (!paused) kick.current();
  }, [paused]);

  return state;
}
