// Turns any transport (Electron IPC, WebSocket, in-process) into the typed
// `window.api`. Deliberately thin: the contract types do the work, and the
// transport is the only thing that differs between Electron, browser and tests.
import type { ArgsOf, EventChannel, EventMap, InvokeChannel, ResultOf, Transport, WorkbenchApi } from './contract';

export function createApi(transport: Transport): WorkbenchApi {
  return {
    invoke<C extends InvokeChannel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
      return transport.invoke(channel, args) as Promise<ResultOf<C>>;
    },
    on<E extends EventChannel>(event: E, cb: (payload: EventMap[E]) => void): () => void {
      return transport.on(event, (payload) => cb(payload as EventMap[E]));
    },
  };
}
