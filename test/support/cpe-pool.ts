// Per-test harnesses with fast virtual CPEs, closed after each test with the
// schema check every integration suite makes (at least one ACS message
// checked, none invalid). Call at a test file's top level: it registers the
// afterEach.
import { afterEach, expect } from 'vitest';
import type { CoreOptions } from '../../electron/core/core';
import type { VirtualCpe, VirtualCpeOptions } from '../../electron/sim/virtual-cpe';
import { CR_CREDENTIALS, startFastCpe, startHarness, type Harness } from './harness';

export interface PoolSetup {
  h: Harness;
  /** A started fast virtual CPE (startFastCpe), stopped after the test. */
  cpe: (serial: string, extra?: Partial<VirtualCpeOptions>) => Promise<VirtualCpe>;
}

export function harnessPool(defaults: Partial<CoreOptions> = {}): (opts?: Partial<CoreOptions>) => Promise<PoolSetup> {
  const open: { h: Harness; cpes: VirtualCpe[] }[] = [];
  afterEach(async () => {
    for (const { h, cpes } of open.splice(0)) {
      for (const c of cpes) await c.stop();
      expect(await h.checkSchema()).toBeGreaterThan(0);
      await h.close();
    }
  });
  return async (opts = {}) => {
    const h = await startHarness({ connectionRequest: CR_CREDENTIALS, ...defaults, ...opts });
    const entry = { h, cpes: [] as VirtualCpe[] };
    open.push(entry);
    const cpe = async (serial: string, extra: Partial<VirtualCpeOptions> = {}) => {
      const c = await startFastCpe(h, serial, extra);
      entry.cpes.push(c);
      return c;
    };
    return { h, cpe };
  };
}
