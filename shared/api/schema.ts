// The one schema of the IPC contract: every invoke channel's arguments and
// result, every event's payload, each with what it means. Everything else is
// derived from it: the types (InvokeMap, EventMap, ArgsOf, ResultOf), the
// argument check every transport runs (validate.ts), the channel lists
// (channels.ts, generated) and the README's API table (`npm run api-table`).
//
// Arguments come from outside (the WebSocket is a network surface, and IPC
// carries whatever a compromised renderer sends), so their schemas are strict:
// unknown keys refused, strings and numbers bounded. Results and event
// payloads are produced by our own core and never parsed from outside: they
// are typed by the records in shared/model/* (z.custom, no run-time check).
//
// Adding a channel: its entry in one of the domain files below (description,
// args, result), its handler in the core, a case in test/unit/validate.test.ts,
// then `npm run api-table` (README table and channels.ts).
// Why zod: see schema/fields.ts.
import type * as z from 'zod';
import { INVOKE_CHANNEL_NAMES, EVENT_CHANNEL_NAMES } from './channels';
import { DEVICE_CHANNELS, DEVICE_EVENTS } from './schema/devices';
import { DIAGNOSTICS_CHANNELS, DIAGNOSTICS_EVENTS } from './schema/diagnostics';
import type { ChannelSchema, Equal, EventSchema } from './schema/fields';
import { LOG_CHANNELS, LOG_EVENTS } from './schema/logs';
import { SETTINGS_CHANNELS, SETTINGS_EVENTS } from './schema/settings';
import { TRANSFER_CHANNELS, TRANSFER_EVENTS } from './schema/transfers';

export const INVOKE_SCHEMAS = {
  ...DEVICE_CHANNELS,
  ...LOG_CHANNELS,
  ...DIAGNOSTICS_CHANNELS,
  ...SETTINGS_CHANNELS,
  ...TRANSFER_CHANNELS,
} satisfies Record<string, ChannelSchema>;

export const EVENT_SCHEMAS = {
  ...LOG_EVENTS,
  ...DEVICE_EVENTS,
  ...SETTINGS_EVENTS,
  ...DIAGNOSTICS_EVENTS,
  ...TRANSFER_EVENTS,
} satisfies Record<string, EventSchema>;

type Invoke = typeof INVOKE_SCHEMAS;
type Events = typeof EVENT_SCHEMAS;

/** invoke map: channel → { args; result }, inferred from the schemas. */
export type InvokeMap = { [C in keyof Invoke]: { args: z.infer<Invoke[C]['args']>; result: z.infer<Invoke[C]['result']> } };
/** event map: channel → payload. */
export type EventMap = { [E in keyof Events]: z.infer<Events[E]['payload']> };

export type InvokeChannel = keyof InvokeMap;
export type EventChannel = keyof EventMap;
export type ArgsOf<C extends InvokeChannel> = InvokeMap[C]['args'];
export type ResultOf<C extends InvokeChannel> = InvokeMap[C]['result'];

// channels.ts is generated from the keys above (it has no zod, so the
// sandboxed preload can import it). A channel added or removed here without
// `npm run api-table` fails to compile on these two lines.
const invokeNamesCurrent: Equal<(typeof INVOKE_CHANNEL_NAMES)[number], InvokeChannel> = true;
const eventNamesCurrent: Equal<(typeof EVENT_CHANNEL_NAMES)[number], EventChannel> = true;
void invokeNamesCurrent;
void eventNamesCurrent;

export type { AcsInfo, ContactResult, SimInfo, TaskEnqueueArgs } from './schema/devices';
export type { LogExportArgs, LogExportResult, LogFilter, LogImportArgs, LogImportInfo, LogImportResult, LogListArgs, MessageChecked } from './schema/logs';
export type { CpeAuthScheme, Settings } from './schema/settings';
export type { SettingsUpdate } from './settings-rules';
export type { BulkDownloadArgs, FileUploadChunk, FirmwareMeta, TransferDownloadArgs, TransferUploadArgs } from './schema/transfers';
export type { PingArgs, TraceRouteArgs } from './schema/diagnostics';
