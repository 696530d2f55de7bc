// The session log: listing, one message whole, export and import of bundles.
import type * as z from 'zod';
import type { CompatEntries } from '../../model/compat';
import type { DeviceKey, LoggedMessage, ModelWarning, SchemaVerdict } from '../../model/records';
import { deviceKey } from './devices';
import { base64, bool, ID_MAX, int, obj, produced, str, type ChannelSchema, type EventSchema } from './fields';

export interface LogExportResult {
  /** Suggested file name, e.g. 'tr069-log-00D09E-HGW-1-20260101T120000Z.cwmplog.json.gz'. */
  fileName: string;
  /** The bundle (gzip-compressed JSON document, electron/core/log/bundle.ts), base64. */
  bytes: string;
  messages: number;
  redacted: boolean;
}

export interface LogImportResult {
  /** log.list { source: importId } browses it; '' while a multi-part upload is incomplete. */
  importId: string;
  messages: number;
  /** Multi-part uploads: parts received so far. */
  partsReceived?: number;
}

export interface LogImportInfo {
  importId: string;
  fileName: string;
  /** When it was imported, and when the bundle was made. */
  imported: string;
  exported?: string;
  messages: number;
  devices: string[];
  /** What the exporting workbench knew of each device: its compatibility profile (when and why learned) and last session problem. */
  deviceProfiles?: Record<string, { compat?: CompatEntries; lastSessionProblem?: { at: string; sessionId: string; text: string } }>;
}

/** A message's schema verdict and model warnings arrived (they come after session.messageLogged). */
export interface MessageChecked {
  seq: number;
  sessionId: string;
  deviceId?: DeviceKey;
  schema: SchemaVerdict;
  modelWarnings: ModelWarning[];
  modelWarningsOmitted?: number;
}

/** Narrows the session log (log.list, log.export); every condition given must hold. */
const LOG_FILTER_FIELDS = {
  /** RPC element name as listed: 'Inform', 'GetParameterValuesResponse', 'Fault', 'empty'. */
  rpc: str(64).optional(),
  /** SOAP Faults only (either direction). */
  faultsOnly: bool().optional(),
  /** Schema verdict 'invalid' only. */
  invalidOnly: bool().optional(),
  /** Case-insensitive text in the (redacted) body. */
  text: str(256).optional(),
};
const logFilter = obj(LOG_FILTER_FIELDS);

const logListArgs = obj({
  deviceId: deviceKey().optional(),
  sessionId: str(ID_MAX).optional(),
  limit: int(1, 100_000).optional(),
  /** Paging back: only messages with a smaller seq (pass the oldest seq shown). */
  before: int(1, Number.MAX_SAFE_INTEGER).optional(),
  /** 'live' (default) or an importId from log.import. */
  source: str(ID_MAX).optional(),
  ...LOG_FILTER_FIELDS,
});

const logExportArgs = obj({
  /** Neither deviceId nor sessionId: every device's history on disk (within the size cap). */
  deviceId: deviceKey().optional(),
  sessionId: str(ID_MAX).optional(),
  /** An importId: export (redacted) from an imported bundle instead of the live log. */
  source: str(ID_MAX).optional(),
  filter: logFilter.optional(),
  /** Secrets left in: only with confirmUnredacted === UNREDACTED_CONFIRMATION. */
  unredacted: bool().optional(),
  confirmUnredacted: str(256).optional(),
});

const logImportArgs = obj({
  fileName: str(255),
  /** The bundle file (gzip or plain JSON), base64. */
  bytes: base64(),
  /** A bundle over the 1 MiB argument cap is sent in parts, in order; absent = the whole file. */
  part: obj({ uploadId: str(ID_MAX), index: int(0, 9_999), count: int(1, 10_000) })
    .refine((p) => p.index < p.count, { message: 'must be below args.part.count', path: ['index'] })
    .optional(),
});

export type LogFilter = z.infer<typeof logFilter>;
export type LogListArgs = z.infer<typeof logListArgs>;
export type LogExportArgs = z.infer<typeof logExportArgs>;
export type LogImportArgs = z.infer<typeof logImportArgs>;

export const LOG_CHANNELS = {
  'log.list': {
    description: 'captured HTTP messages (redacted), newest `limit` (default 1000) in seq order, with schema verdict, data-model warnings '
      + "and faults in words; `before` pages back through a device's history on disk; `source` browses an import",
    args: logListArgs, result: produced<LoggedMessage[]>(),
  },
  'log.get': {
    description: 'one message whole (the list cuts bodies over 256 KiB in memory), redacted; null when it is gone (retention)',
    args: obj({ sessionId: str(ID_MAX), seq: int(1, Number.MAX_SAFE_INTEGER), source: str(ID_MAX).optional() }),
    result: produced<LoggedMessage | null>(),
  },
  'log.export': {
    description: "one bundle (gzip'd JSON: index + raw messages + verdicts), base64; "
      + 'redacted unless `confirmUnredacted` is exactly `I understand this export contains secrets`',
    args: logExportArgs, result: produced<LogExportResult>(),
  },
  'log.import': {
    description: 'load a bundle read-only (in parts above 1 MiB; kept in memory, a few at most); browse it with `log.list { source: importId }`',
    args: logImportArgs, result: produced<LogImportResult>(),
  },
  'log.imports': { description: 'the loaded bundles', args: obj({}), result: produced<LogImportInfo[]>() },
} satisfies Record<string, ChannelSchema>;

export const LOG_EVENTS = {
  'session.messageLogged': { payload: produced<LoggedMessage>() },
  'session.messageChecked': {
    description: "a message's schema verdict and model warnings, shortly after it is logged",
    payload: produced<MessageChecked>(),
  },
} satisfies Record<string, EventSchema>;
