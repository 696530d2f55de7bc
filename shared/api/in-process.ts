// A transport that calls the handlers directly, for unit tests and scripts
// that embed the core. It goes through registerHandlers, so arguments are
// validated exactly as they are over IPC and WebSocket, and it structured-
// clones both ways so a test cannot pass by sharing object references that a
// real transport would copy.
import type { EventChannel, EventMap, Handlers, Transport } from './contract';
import { EVENT_CHANNELS } from './contract';
import { registerHandlers, type RegisteredHandler } from './validate';

export type Subscribe = <E extends EventChannel>(event: E, cb: (payload: EventMap[E]) => void) => () => void;

export function inProcessTransport(handlers: Handlers, on: Subscribe): Transport {
  const table = new Map<string, RegisteredHandler>();
  registerHandlers(handlers, (channel, fn) => table.set(channel, fn));
  return {
    async invoke(channel, args) {
      const fn = table.get(channel);
      if (!fn) throw new Error(`unknown channel: ${String(channel).slice(0, 64)}`);
      return structuredClone(await fn(structuredClone(args)));
    },
    on(channel, cb) {
      if (!(EVENT_CHANNELS as readonly string[]).includes(channel)) {
        throw new Error(`unknown event: ${String(channel).slice(0, 64)}`);
      }
      return on(channel as EventChannel, (payload) => cb(structuredClone(payload)));
    },
  };
}
