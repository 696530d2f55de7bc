// Who hears that a device record changed: the store says so itself (the
// device list, the device page), so no caller has to remember to. One logical
// change often writes several records (an Inform's summary and its discovery
// task; a discovery step's parameters and its progress): every change made
// durable in one turn of the event loop is told once, with the summary as it
// then is (the counts the store keeps included).
import type { DeviceSummary } from '../../../shared/model/records';

export class DeviceNotifier {
  readonly #due = new Set<string>();
  #scheduled = false;

  constructor(
    private readonly read: (id: string) => DeviceSummary | undefined,
    private readonly notify: (summary: DeviceSummary) => void,
  ) {}

  /** The device's record changed (and is durable): tell the listener once this turn is over. */
  changed(id: string): void {
    this.#due.add(id);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    const ids = [...this.#due];
    this.#due.clear();
    for (const id of ids) {
      const s = this.read(id);
      if (!s) continue; // deleted meanwhile: device.deleted says so
      try {
        this.notify(s);
      } catch (e) {
        console.error('device.updated listener failed:', e);
      }
    }
  }
}
