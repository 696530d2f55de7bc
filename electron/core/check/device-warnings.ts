// The latest data-model warnings per device, for the parameter tree's warning
// icons (channel model.warnings). Each checked message updates its device:
// its warnings replace earlier ones of the same kind on the same path, and
// those it assessed again and found fine are cleared (CheckResult.cleared; a
// GetParameterNamesResponse vouches for names and writability, a value
// message for names and values). Bounded: at most `maxPerDevice` warnings
// per device and `maxDevices` devices (least recently updated dropped first).
import type { ModelWarning } from '../../../shared/model/records';
import { warningKey } from './check-types';

export class DeviceWarnings {
  readonly #byDevice = new Map<string, Map<string, ModelWarning>>();
  readonly #maxDevices: number;
  readonly #maxPerDevice: number;

  constructor(opts: { maxDevices?: number; maxPerDevice?: number } = {}) {
    this.#maxDevices = opts.maxDevices ?? 1000;
    this.#maxPerDevice = opts.maxPerDevice ?? 5000;
  }

  apply(deviceId: string, warnings: readonly ModelWarning[], cleared: readonly string[] = []): void {
    let m = this.#byDevice.get(deviceId);
    if (!m) {
      if (warnings.length === 0) return;
      m = new Map();
    }
    this.#byDevice.delete(deviceId); // re-insert: most recently updated last
    for (const k of cleared) m.delete(k);
    for (const w of warnings) {
      const key = warningKey(w.kind, w.path);
      if (m.size >= this.#maxPerDevice && !m.has(key)) continue;
      m.set(key, w);
    }
    if (m.size === 0) return;
    this.#byDevice.set(deviceId, m);
    while (this.#byDevice.size > this.#maxDevices) this.#byDevice.delete(this.#byDevice.keys().next().value!);
  }

  /** By path, then kind. */
  list(deviceId: string): ModelWarning[] {
    const m = this.#byDevice.get(deviceId);
    if (!m) return [];
    return [...m.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  }

  /** warningKey()s of the device's current warnings. */
  keys(deviceId: string): string[] {
    const m = this.#byDevice.get(deviceId);
    return m ? [...m.keys()] : [];
  }

  forget(deviceId: string): void {
    this.#byDevice.delete(deviceId);
  }
}
