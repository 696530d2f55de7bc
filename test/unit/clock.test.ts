// The renderer's one clock (renderer/src/lib/clock.ts) and the relative times
// read against it: skew to the server corrected, never a future time for a
// past event (issue 14, item 1).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clockOffsetMs, noteServerEvent, noteServerTime, resetClock, serverNow, syncServerClock } from '../../renderer/src/lib/clock';
import { relativeTime } from '../../renderer/src/lib/format';

const CLIENT = Date.parse('2026-03-01T10:00:00Z');

afterEach(() => {
  resetClock();
  vi.useRealTimers();
});

describe('clock', () => {
  it('takes the server time read half way through the request', () => {
    vi.useFakeTimers({ now: CLIENT });
    // Asked at CLIENT - 200 ms, answered now; the server said it was 90 s later than here.
    noteServerTime(new Date(CLIENT - 100 + 90_000).toISOString(), CLIENT - 200);
    expect(clockOffsetMs()).toBe(90_000);
    expect(serverNow()).toBe(CLIENT + 90_000);
  });

  it('an event stamped ahead of the clock moves it forward, never back', () => {
    vi.useFakeTimers({ now: CLIENT });
    noteServerEvent(new Date(CLIENT + 6_000).toISOString());
    expect(serverNow()).toBe(CLIENT + 6_000);
    noteServerEvent(new Date(CLIENT - 60_000).toISOString());
    expect(serverNow()).toBe(CLIENT + 6_000);
  });

  it('after a measurement, only a gap larger than its error moves it', () => {
    vi.useFakeTimers({ now: CLIENT });
    noteServerTime(new Date(CLIENT).toISOString(), CLIENT);
    noteServerEvent(new Date(CLIENT + 500).toISOString());
    expect(clockOffsetMs()).toBe(0);
    noteServerEvent(new Date(CLIENT + 3_000).toISOString());
    expect(clockOffsetMs()).toBe(3_000);
  });

  it('syncs once per page, whoever asks', async () => {
    const ask = vi.fn(async () => ({ serverTime: new Date(Date.now() + 60_000).toISOString() }));
    await Promise.all([syncServerClock(ask), syncServerClock(ask)]);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(Math.abs(clockOffsetMs() - 60_000)).toBeLessThan(1_000);
  });

  it('a file added by a server 6 s ahead of this machine reads "just now", then counts up; never "in 6 s"', () => {
    vi.useFakeTimers({ now: CLIENT });
    const added = new Date(CLIENT + 6_000).toISOString();
    expect(relativeTime(added, Date.now())).toBe('just now'); // uncorrected: clamped, not "in 6 s"
    noteServerEvent(added);
    vi.advanceTimersByTime(12_000);
    expect(relativeTime(added)).toBe('12 s ago');
  });
});
