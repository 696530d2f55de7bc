// The live message list: a snapshot from log.list, then pushed messages
// (session.messageLogged) and their later schema verdicts, applied in one
// batch per animation frame so 1,000 messages/s never freeze the window.
import { useEffect, useRef, useState } from 'react';
import type { LoggedMessage } from '../../../../shared/model/records';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { mergeMessages } from './log-model';

/** Messages the window keeps (the core keeps more, and all of it on disk). */
export const WINDOW_MAX = 20_000;

export function useLog(deviceId: string | undefined, paused: boolean, onError: (m: string) => void): LoggedMessage[] {
  const [messages, setMessages] = useState<LoggedMessage[]>([]);
  const pending = useRef<LoggedMessage[]>([]);
  const patches = useRef(new Map<number, Partial<LoggedMessage>>());
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  useEffect(() => {
    const api = getApi();
    let frame = 0;
    let alive = true;
    const flush = () => {
      frame = 0;
      if (!alive || pausedRef.current) return;
      const batch = pending.current;
      const fixes = patches.current;
      pending.current = [];
      patches.current = new Map();
      setMessages((prev) => {
        let next = mergeMessages(prev, batch, WINDOW_MAX);
        if (fixes.size) next = next.map((m) => (fixes.has(m.seq) ? { ...m, ...fixes.get(m.seq) } : m));
        return next;
      });
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(flush);
    };
    const offLogged = api.on('session.messageLogged', (m) => {
      if (deviceId && m.deviceId !== deviceId) return;
      pending.current.push(m);
      schedule();
    });
    // The schema verdict and data-model warnings arrive after the message (checked off the hot path).
    const onChecked = (p: { seq: number; schema?: LoggedMessage['schema']; modelWarnings?: LoggedMessage['modelWarnings'] }) => {
      patches.current.set(p.seq, { ...(p.schema ? { schema: p.schema } : {}), ...(p.modelWarnings ? { modelWarnings: p.modelWarnings } : {}) });
      schedule();
    };
    const offChecked = (api.on as (e: string, cb: (p: never) => void) => () => void)('session.messageChecked', onChecked);
    api.invoke('log.list', { ...(deviceId ? { deviceId } : {}), limit: 5000 }).then(
      (list) => { pending.current = [...list, ...pending.current]; schedule(); },
      (err: unknown) => onError(`log.list: ${errorText(err)}`),
    );
    return () => {
      alive = false;
      if (frame) cancelAnimationFrame(frame);
      offLogged();
      offChecked();
      setMessages([]);
    };
  }, [deviceId, onError]);

  useEffect(() => {
    if (!paused && (pending.current.length || patches.current.size)) {
      requestAnimationFrame(() => {
        const batch = pending.current;
        pending.current = [];
        setMessages((prev) => mergeMessages(prev, batch, WINDOW_MAX));
      });
    }
  }, [paused]);

  return messages;
}
