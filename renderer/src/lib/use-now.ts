// The hook every "2 min ago" re-renders from: one timer for the whole
// renderer, ticking on the second, reading the server-corrected clock
// (clock.ts). One timer means every time on screen moves together: the
// header and the card never disagree, and "done 15 s ago" keeps counting.
// It only re-renders the display: nothing is fetched (events are pushed).
import { useEffect, useSyncExternalStore } from 'react';
import type { WorkbenchApi } from '../../../shared/api/contract';
import { serverNow, syncServerClock } from './clock';

const TICK_MS = 1000;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;
let current = Math.floor(serverNow() / TICK_MS) * TICK_MS;

function tick(): void {
  current = Math.floor(serverNow() / TICK_MS) * TICK_MS;
  for (const l of listeners) l();
  schedule();
}

// On the second boundary of the server's clock, so "5 s ago" turns into "6 s ago" everywhere at once.
function schedule(): void {
  timer = setTimeout(tick, TICK_MS - (serverNow() % TICK_MS) + 5);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  if (listeners.size === 1) {
    current = Math.floor(serverNow() / TICK_MS) * TICK_MS;
    schedule();
  }
  return () => {
    listeners.delete(l);
    if (listeners.size === 0 && timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

/**
 * The server's time, on the second. The argument is accepted for old
 * callers and ignored: a coarser clock is what made times stall and
 * disagree (a 30 s tick showed a file added 6 s ago as "in 6 s").
 */
export function useNow(_legacyEveryMs?: number): number {
  return useSyncExternalStore(subscribe, () => current, () => current);
}

/** Corrects the clock from acs.info's serverTime once per page (the API is passed in: lib/ does not import api/). */
export function useServerClock(api: () => WorkbenchApi): void {
  useEffect(() => { void syncServerClock(() => api().invoke('acs.info', {})); }, [api]);
}
