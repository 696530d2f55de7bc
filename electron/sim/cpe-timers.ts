// The clocks of a virtual CPE: the periodic Inform, the session retry
// back-off, and one-off delays (reboot, ScheduleInform). All unref'd, all
// cleared together when the CPE powers off.

/**
 * TR-069 Amd 6 §3.2.1.1: retry n waits between m·(k/1000)^(n−1) and
 * m·(k/1000)^n seconds (n capped at 10), m = CWMPRetryMinimumWaitInterval
 * (default 5), k = CWMPRetryIntervalMultiplier (default 2000).
 */
export function retryWaitMs(retryCount: number, m = 5, k = 2000, random: () => number = Math.random): number {
  const n = Math.min(Math.max(retryCount, 1), 10);
  const lo = m * (k / 1000) ** (n - 1);
  const hi = m * (k / 1000) ** n;
  return (lo + random() * (hi - lo)) * 1000;
}

/**
 * §3.2.1 / ManagementServer.PeriodicInformTime: Informs fall on
 * PeriodicInformTime + k·interval; an unknown time means "any time".
 */
export function periodicWaitMs(intervalSeconds: number, periodicInformTime: string, now = Date.now()): number {
  const every = intervalSeconds * 1000;
  const ref = Date.parse(periodicInformTime);
  if (!Number.isFinite(ref) || ref <= Date.parse('0001-01-02T00:00:00Z')) return every;
  return (((ref - now) % every) + every) % every || every;
}

export class CpeTimers {
  private readonly oneOff = new Set<NodeJS.Timeout>();
  private periodic: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;

  later(ms: number, fn: () => void): void {
    const t = setTimeout(() => { this.oneOff.delete(t); fn(); }, Math.max(0, ms));
    t.unref();
    this.oneOff.add(t);
  }

  setPeriodic(ms: number, fn: () => void): void {
    this.clearPeriodic();
    this.periodic = setTimeout(() => { this.periodic = null; fn(); }, Math.max(0, ms));
    this.periodic.unref();
  }

  setRetry(ms: number, fn: () => void): void {
    this.clearRetry();
    this.retry = setTimeout(() => { this.retry = null; fn(); }, Math.max(0, ms));
    this.retry.unref();
  }

  get retryPending(): boolean { return this.retry !== null; }

  clearPeriodic(): void {
    if (this.periodic) clearTimeout(this.periodic);
    this.periodic = null;
  }

  clearRetry(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }

  clearAll(): void {
    for (const t of this.oneOff) clearTimeout(t);
    this.oneOff.clear();
    this.clearPeriodic();
    this.clearRetry();
  }
}
