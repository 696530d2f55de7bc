// The latest data-model warnings per device, for the parameter tree's warning
// icons (channel model.warnings). Each checked message updates its device:
// its warnings replace earlier ones on the same path, and paths it reported
// again without a problem are cleared (CheckResult.clearedPaths). Bounded:
// at most `maxPerDevice` paths per device and `maxDevices` devices (least
// recently updated dropped first).
import type { ModelWarning } from '../../../shared/model/records';

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
    for (const p of cleared) m.delete(p);
    for (const w of warnings) {
      if (m.size >= this.#maxPerDevice && !m.has(w.path)) continue;
      m.set(w.path, w);
    }
    if (m.size === 0) return;
    this.#byDevice.set(deviceId, m);
    while (this.#byDevice.size > this.#maxDevices) this.#byDevice.delete(this.#byDevice.keys().next().value!);
  }

  list(deviceId: string): ModelWarning[] {
    const m = this.#byDevice.get(deviceId);
    return m ? [...m.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) : [];
  }

  paths(deviceId: string): string[] {
    const m = this.#byDevice.get(deviceId);
    return m ? [...m.keys()] : [];
  }

  forget(deviceId: string): void {
    this.#byDevice.delete(deviceId);
  }
}
