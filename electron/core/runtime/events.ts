// The core's event bus, typed by the contract's event map. Transports
// subscribe once and push (never poll).
import type { EventChannel, EventMap } from '../../../shared/api/contract';

type Listener<E extends EventChannel> = (payload: EventMap[E]) => void;

export class EventBus {
  private listeners = new Map<EventChannel, Set<Listener<never>>>();

  on<E extends EventChannel>(event: E, cb: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(cb as Listener<never>);
    return () => set!.delete(cb as Listener<never>);
  }

  emit<E extends EventChannel>(event: E, payload: EventMap[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const cb of set) {
      try {
        (cb as Listener<E>)(payload);
      } catch (e) {
        // A failing subscriber (a closed socket, a UI bug) must never break a CWMP session.
        console.error(`event ${event} listener failed:`, e);
      }
    }
  }
}
