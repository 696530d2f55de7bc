// The one IPC contract between the renderer (or any script) and the core.
// Channels are `domain.verb`; events are `domain.pastTense`. Electron IPC,
// the headless WebSocket and in-process tests all carry exactly these maps.
//
// The channels, their arguments, results and event payloads are defined once,
// as schemas, in schema.ts (and schema/*.ts); every type here is inferred from
// them. This file imports them as types only, so importing it never loads zod
// (the sandboxed preload imports it).
import { EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES } from './channels';
import type { ArgsOf, EventChannel, EventMap, InvokeChannel, ResultOf } from './schema';

export type {
  AcsInfo, ArgsOf, BulkDownloadArgs, ContactResult, CpeAuthScheme, EventChannel, EventMap, FileUploadChunk, FirmwareMeta, InvokeChannel,
  InvokeMap, LogExportArgs, LogExportResult, LogFilter, LogImportArgs, LogImportInfo, LogImportResult, LogListArgs, MessageChecked,
  PingArgs, ResultOf, Settings, SettingsUpdate, SimInfo, TaskEnqueueArgs, TraceRouteArgs, TransferDownloadArgs, TransferUploadArgs,
} from './schema';

/** The exact sentence log.export wants in confirmUnredacted (the UI asks for it in a confirmation dialog). */
export const UNREDACTED_CONFIRMATION = 'I understand this export contains secrets';

export const INVOKE_CHANNELS: readonly InvokeChannel[] = INVOKE_CHANNEL_NAMES;
export const EVENT_CHANNELS: readonly EventChannel[] = EVENT_CHANNEL_NAMES;

/** What a transport must provide (Electron IPC, WebSocket, in-process). */
export interface Transport {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(channel: string, cb: (payload: unknown) => void): () => void;
}

/** The typed API the renderer sees as `window.api`. */
export interface WorkbenchApi {
  invoke<C extends InvokeChannel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>>;
  on<E extends EventChannel>(event: E, cb: (payload: EventMap[E]) => void): () => void;
}

/** Server side: one handler per channel, registered in a single loop by every transport. */
export type Handlers = { [C in InvokeChannel]: (args: ArgsOf<C>) => Promise<ResultOf<C>> };
