// The renderer's one clock: the server's time, as best known. Every relative
// time ("12 s ago") and every presence verdict is measured against it, so
// the header, the cards, the tasks and the list agree with each other and
// with the timestamps the server wrote, whatever this machine's clock says
// (a browser on another host may be minutes off). Not React: use-now.ts
// turns it into renders.

/** Server time minus this machine's time, ms. */
let offsetMs = 0;
/** How sure we are: a measured answer (acs.info) beats a bound from an event's timestamp. */
let measured = false;

/** The server's time now (ms since the epoch). */
export function serverNow(): number {
  return Date.now() + offsetMs;
}

export function clockOffsetMs(): number {
  return offsetMs;
}

/**
 * The server said its time was `serverIso` while the request was in flight
 * between `sentAt` and `receivedAt` (this machine's clock): its clock is
 * taken to have been read half way.
 */
export function noteServerTime(serverIso: string, sentAt: number, receivedAt = Date.now()): void {
  const t = Date.parse(serverIso);
  if (Number.isNaN(t)) return;
  offsetMs = t - (sentAt + receivedAt) / 2;
  measured = true;
}

/**
 * An event stamped `iso` by the server has happened: the server's time is at
 * least that. Before a measurement this moves the clock forward so a fresh
 * event never reads as in the future; after one, only a gap larger than the
 * measurement's error (1 s) does.
 */
export function noteServerEvent(iso: string | undefined): void {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return;
  const ahead = t - serverNow();
  if (ahead > (measured ? 1000 : 0)) offsetMs += ahead;
}

/** Asks the server's time once per page (every caller shares the answer). */
let syncing: Promise<void> | undefined;
export function syncServerClock(ask: () => Promise<{ serverTime?: string }>): Promise<void> {
  if (!syncing) {
    const sentAt = Date.now();
    syncing = ask().then(
      (i) => { if (i.serverTime) noteServerTime(i.serverTime, sentAt); },
      () => { syncing = undefined; }, // try again on the next caller
    );
  }
  return syncing;
}

/** For tests: back to "no skew known". */
export function resetClock(): void {
  offsetMs = 0;
  measured = false;
  syncing = undefined;
}
