// Argument validation for every invoke channel. The WebSocket transport is a
// network surface and even Electron IPC carries whatever a compromised
// renderer sends, so nothing reaches a handler unchecked. Hand-written
// schemas (no dependency): each channel declares its fields, unknown keys are
// refused, strings and numbers are bounded. Per-RPC argument checks for
// task.enqueue belong to the core, which knows the RPC descriptors.
import { ACS_METHODS } from '../cwmp/types';
import { COMPAT_SWITCHES } from '../model/compat';
import type { Handlers, InvokeChannel } from './contract';
import { INVOKE_CHANNELS } from './contract';
import { settingsUpdateProblem } from './settings-rules';
import { PING_LIMITS, TRACEROUTE_LIMITS, pingHostProblem } from './diagnostics-contract';

/** Upper bound for one call's arguments as JSON text; the WebSocket frame limit matches it. */
export const MAX_ARGS_BYTES = 1024 * 1024;

// TR-069 limits strings like ProductClass/SerialNumber to 64 chars and
// parameter names to 256; the caps below leave room without allowing abuse.
const KEY_MAX = 256;
const PATH_MAX = 1024;
const ID_MAX = 128;

/** Returns an error phrase ("must be …") or null when the value is fine. */
type Check = (value: unknown, path: string) => string | null;
interface Field { check: Check; optional: boolean }

const required = (check: Check): Field => ({ check, optional: false });
const optional = (check: Check): Field => ({ check, optional: true });

function str(max: number): Check {
  return (v, path) => {
    if (typeof v !== 'string') return `${path} must be a string`;
    if (v.length === 0) return `${path} must not be empty`;
    if (v.length > max) return `${path} must be at most ${max} characters`;
    return null;
  };
}

function int(min: number, max: number): Check {
  return (v, path) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
      ? null
      : `${path} must be an integer between ${min} and ${max}`;
}

function num(minExclusive: number, max: number): Check {
  return (v, path) =>
    typeof v === 'number' && Number.isFinite(v) && v > minExclusive && v <= max
      ? null
      : `${path} must be a number greater than ${minExclusive} and at most ${max}`;
}

const bool: Check = (v, path) => (typeof v === 'boolean' ? null : `${path} must be a boolean`);

function oneOf(values: readonly string[]): Check {
  return (v, path) =>
    typeof v === 'string' && values.includes(v) ? null : `${path} must be one of ${values.join(', ')}`;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const plainObject: Check = (v, path) => (isPlainObject(v) ? null : `${path} must be an object`);

/** An object with exactly these fields (missing optional ones allowed, unknown ones refused). */
function shape(fields: Record<string, Field>): Check {
  return (v, path) => {
    if (!isPlainObject(v)) return `${path} must be an object`;
    for (const key of Object.keys(v)) {
      if (!Object.hasOwn(fields, key)) return `${path} has unknown key ${JSON.stringify(key.slice(0, 64))}`;
    }
    for (const [key, field] of Object.entries(fields)) {
      const value = v[key];
      if (value === undefined) {
        if (field.optional) continue;
        return `${path}.${key} is required`;
      }
      const err = field.check(value, `${path}.${key}`);
      if (err) return err;
    }
    return null;
  };
}

const deviceKey = str(KEY_MAX);

// Session log filters (log.list, log.export): RPC names are XML element names.
const LOG_FILTER_FIELDS = {
  rpc: optional(str(64)), faultsOnly: optional(bool), invalidOnly: optional(bool), text: optional(str(256)),
};

/** Base64 text (a log bundle); the argument cap bounds its length. */
const base64: Check = (v, path) => {
  if (typeof v !== 'string' || v.length === 0) return `${path} must be a non-empty base64 string`;
  return v.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v) ? null : `${path} must be base64 (A-Z a-z 0-9 + /, padded with =)`;
};

const uploadPart: Check = (v, path) => {
  const err = shape({ uploadId: required(str(ID_MAX)), index: required(int(0, 9_999)), count: required(int(1, 10_000)) })(v, path);
  if (err) return err;
  const p = v as { index: number; count: number };
  return p.index < p.count ? null : `${path}.index must be below ${path}.count`;
};
const empty = shape({});

// ---- firmware library and transfers (transfer-contract.ts) ----

/** A string that may be empty ('' clears an optional field). */
function text(max: number): Check {
  return (v, path) => (typeof v !== 'string' ? `${path} must be a string` : v.length > max ? `${path} must be at most ${max} characters` : null);
}

function arrayOf(item: Check, min: number, max: number): Check {
  return (v, path) => {
    if (!Array.isArray(v)) return `${path} must be an array`;
    if (v.length < min || v.length > max) return `${path} must have ${min} to ${max} items`;
    for (let i = 0; i < v.length; i++) {
      const err = item(v[i], `${path}[${i}]`);
      if (err) return err;
    }
    return null;
  };
}

/** One files.upload chunk: base64 of at most 512 KiB (empty allowed for a closing call). */
const base64Chunk: Check = (v, path) => {
  if (typeof v !== 'string') return `${path} must be a base64 string`;
  if (v.length > 699_052) return `${path} must carry at most 512 KiB (699052 base64 characters)`;
  return v.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v) ? null : `${path} must be base64 (A-Z a-z 0-9 + /, padded with =)`;
};

const FILE_META = {
  name: optional(str(128)), fileType: optional(str(64)), oui: optional(text(6)), productClass: optional(text(64)), version: optional(text(64)),
};
const DELAY = optional(int(0, 2_592_000)); // DelaySeconds: up to 30 days
const DEADLINE = optional(int(1, 604_800)); // a week
/** ScheduleDownload TimeWindowStruct (A.4.1.8): one or two windows, in order, each ending after it starts. */
const windows: Check = (v, path) => {
  const err = arrayOf(shape({
    start: required(int(0, 2 ** 31 - 1)), end: required(int(1, 2 ** 31 - 1)), mode: optional(str(64)),
    userMessage: optional(text(256)), maxRetries: optional(int(-1, 1000)),
  }), 1, 2)(v, path);
  if (err) return err;
  const w = v as { start: number; end: number }[];
  if (w.some((x) => x.end <= x.start)) return `${path}: each window must end after it starts`;
  return w.length === 2 && w[1]!.start < w[0]!.end ? `${path}: the second window must start after the first ends` : null;
};
const DOWNLOAD_OPTIONS = {
  delaySeconds: DELAY, credentials: optional(bool), targetFileName: optional(text(256)), fileType: optional(str(64)), deadlineSeconds: DEADLINE,
};
const TRANSFER_SCHEMAS = {
  'files.list': empty,
  'files.add': shape({ path: required(str(4096)), ...FILE_META }),
  'files.upload': shape({
    uploadId: optional(str(ID_MAX)), offset: required(int(0, Number.MAX_SAFE_INTEGER)), bytes: required(base64Chunk), done: optional(bool),
    ...FILE_META, name: required(str(128)),
  }),
  'files.update': shape({ id: required(str(ID_MAX)), ...FILE_META }),
  'files.remove': shape({ id: required(str(ID_MAX)) }),
  'transfer.preview': shape({ deviceId: required(deviceKey), fileId: optional(str(ID_MAX)) }),
  'transfer.download': shape({
    deviceId: required(deviceKey), fileId: required(str(ID_MAX)), ...DOWNLOAD_OPTIONS,
    successURL: optional(text(256)), failureURL: optional(text(256)), fileSize: optional(int(0, 4_294_967_295)), windows: optional(windows),
  }),
  'transfer.upload': shape({
    deviceId: required(deviceKey), fileType: required(str(64)), delaySeconds: DELAY, credentials: optional(bool),
    maxBytes: optional(int(1, 4 * 1024 ** 3)), deadlineSeconds: DEADLINE,
  }),
  'transfer.list': shape({ deviceId: optional(deviceKey), bulkId: optional(str(ID_MAX)) }),
  'transfer.cancel': shape({ id: required(str(ID_MAX)) }),
  'transfer.queued': shape({ deviceId: required(deviceKey), waitSeconds: optional(int(0, 120)) }),
  'transfer.bulkDownload': shape({
    deviceIds: required(arrayOf(deviceKey, 1, 10_000)), fileId: required(str(ID_MAX)), concurrency: required(int(1, 1000)), ...DOWNLOAD_OPTIONS,
  }),
  'uploads.list': shape({ deviceId: optional(deviceKey) }),
  'uploads.read': shape({
    id: required(str(ID_MAX)), offset: optional(int(0, Number.MAX_SAFE_INTEGER)), maxBytes: optional(int(1, 1024 * 1024)),
    encoding: optional(oneOf(['text', 'base64'])),
  }),
  'uploads.remove': shape({ id: required(str(ID_MAX)) }),
} as const;

const hostName: Check = (v, path) => {
  if (typeof v !== 'string') return `${path} must be a string`;
  const why = pingHostProblem(v);
  return why ? `${path}: ${why}` : null;
};

const TASK_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled', 'unknown'] as const;
/** The switch's own rule (compatValueError) runs in the core, which knows the switch named beside it. */
const compatValue: Check = (v, path) => (v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 32)
  ? null : `${path} must be true, false, a number, a short string or null`);
const SIM_MODELS = ['tr181', 'tr098'] as const;

// A mapped type over InvokeChannel: adding a channel to the contract without
// a schema here is a compile error.
const SCHEMAS: { readonly [C in InvokeChannel]: Check } = {
  'acs.info': empty,
  'device.list': empty,
  'device.get': shape({ id: required(deviceKey) }),
  'device.delete': shape({ id: required(deviceKey) }),
  'device.discover': shape({ id: required(deviceKey), path: optional(str(PATH_MAX)) }),
  'device.contact': shape({ id: required(deviceKey) }),
  'device.setCompat': shape({ id: required(deviceKey), switch: required(oneOf(COMPAT_SWITCHES)), value: required(compatValue) }),
  'parameter.list': shape({
    deviceId: required(deviceKey), path: optional(str(PATH_MAX)), depth: optional(int(0, 1000)),
  }),
  'device.overview': shape({ id: required(deviceKey) }),
  'parameter.search': shape({
    deviceId: required(deviceKey), query: required(str(PATH_MAX)), limit: optional(int(1, 10_000)),
  }),
  'model.describe': shape({ deviceId: required(deviceKey), path: required(str(PATH_MAX)) }),
  'task.enqueue': shape({
    deviceId: required(deviceKey),
    rpc: required(oneOf(ACS_METHODS)),
    args: required(plainObject),
    contact: optional(bool),
  }),
  'task.list': shape({ deviceId: optional(deviceKey), status: optional(oneOf(TASK_STATUSES)) }),
  'task.cancel': shape({ id: required(str(ID_MAX)) }),
  'task.retry': shape({ id: required(str(ID_MAX)) }),
  'log.list': shape({
    deviceId: optional(deviceKey), sessionId: optional(str(ID_MAX)), limit: optional(int(1, 100_000)),
    before: optional(int(1, Number.MAX_SAFE_INTEGER)), source: optional(str(ID_MAX)), ...LOG_FILTER_FIELDS,
  }),
  'log.get': shape({ sessionId: required(str(ID_MAX)), seq: required(int(1, Number.MAX_SAFE_INTEGER)), source: optional(str(ID_MAX)) }),
  'log.export': shape({
    deviceId: optional(deviceKey), sessionId: optional(str(ID_MAX)), source: optional(str(ID_MAX)),
    filter: optional(shape(LOG_FILTER_FIELDS)), unredacted: optional(bool), confirmUnredacted: optional(str(256)),
  }),
  'log.import': shape({ fileName: required(str(255)), bytes: required(base64), part: optional(uploadPart) }),
  'log.imports': empty,
  'model.warnings': shape({ deviceId: required(deviceKey) }),
  'sim.start': shape({
    count: required(int(1, 10_000)), model: optional(oneOf(SIM_MODELS)), scale: optional(num(0, 1000)),
    quirks: optional(arrayOf(str(200), 0, 32)),
  }),
  'sim.list': empty,
  'sim.stop': shape({ id: optional(deviceKey) }),
  'settings.get': empty,
  // Field rules shared with the core and the settings page (settings-rules.ts).
  'settings.update': (v, path) => settingsUpdateProblem(v, path),
  ...TRANSFER_SCHEMAS,
  'diagnostics.ping': shape({
    deviceId: required(deviceKey), host: required(hostName), repetitions: optional(int(1, PING_LIMITS.repetitionsMax)),
    timeoutMs: optional(int(1, PING_LIMITS.timeoutMsMax)), dataBlockSize: optional(int(1, PING_LIMITS.dataBlockSizeMax)),
  }),
  'diagnostics.traceroute': shape({
    deviceId: required(deviceKey), host: required(hostName), tries: optional(int(1, TRACEROUTE_LIMITS.triesMax)),
    timeoutMs: optional(int(1, TRACEROUTE_LIMITS.timeoutMsMax)), maxHops: optional(int(1, TRACEROUTE_LIMITS.maxHopsMax)),
    dataBlockSize: optional(int(1, TRACEROUTE_LIMITS.dataBlockSizeMax)),
  }),
  'diagnostics.list': shape({ deviceId: required(deviceKey) }),
};

export type ValidationResult = { ok: true; args: unknown } | { ok: false; error: string };

export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && Object.hasOwn(SCHEMAS, channel);
}

/** Checks a call's arguments; `undefined` counts as `{}` so argument-less channels may omit them. */
export function validateArgs(channel: string, args: unknown): ValidationResult {
  if (typeof channel !== 'string') return { ok: false, error: 'channel must be a string' };
  if (!isInvokeChannel(channel)) {
    return { ok: false, error: `unknown channel ${JSON.stringify(channel.slice(0, 64))}` };
  }
  const value = args === undefined ? {} : args;
  let size: number;
  try {
    size = JSON.stringify(value)?.length ?? 0;
  } catch {
    // Cycles, BigInt, or nesting deep enough to overflow the stack.
    return { ok: false, error: `${channel}: args must be plain JSON data` };
  }
  if (size > MAX_ARGS_BYTES) {
    return { ok: false, error: `${channel}: args too large (${size} characters of JSON, at most ${MAX_ARGS_BYTES})` };
  }
  const err = SCHEMAS[channel](value, 'args');
  return err ? { ok: false, error: `${channel}: ${err}` } : { ok: true, args: value };
}

/** Thrown by registered handlers when the arguments are refused (never reaches the core). */
export class ValidationError extends Error {
  override name = 'ValidationError';
}

export type RegisteredHandler = (args: unknown) => Promise<unknown>;

/**
 * Registers every contract channel with a transport, validating arguments
 * first. Electron IPC, the WebSocket server and the in-process transport all
 * go through here, so they run the same code.
 */
export function registerHandlers(
  handlers: Handlers,
  register: (channel: InvokeChannel, fn: RegisteredHandler) => void,
): void {
  for (const channel of INVOKE_CHANNELS) {
    const handler = handlers[channel] as unknown;
    if (typeof handler !== 'function') throw new Error(`no handler for ${channel}`);
    register(channel, async (args) => {
      const checked = validateArgs(channel, args);
      if (!checked.ok) throw new ValidationError(checked.error);
      return (handler as (a: unknown) => Promise<unknown>).call(handlers, checked.args);
    });
  }
}
