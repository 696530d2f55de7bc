// Argument validation for every invoke channel, with the channel's schema
// (shared/api/schema.ts). The WebSocket transport is a network surface and
// even Electron IPC carries whatever a compromised renderer sends, so nothing
// reaches a handler unchecked. Per-RPC argument checks for task.enqueue belong
// to the core, which knows the RPC descriptors.
import type { Handlers, InvokeChannel } from './contract';
import { INVOKE_CHANNELS } from './contract';
import { INVOKE_SCHEMAS } from './schema';
import { firstIssue, isPlainObject, issueText } from './schema/fields';

export { isPlainObject };

/** Upper bound for one call's arguments as JSON text; the WebSocket frame limit matches it. */
export const MAX_ARGS_BYTES = 1024 * 1024;

export type ValidationResult = { ok: true; args: unknown } | { ok: false; error: string };

export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && Object.hasOwn(INVOKE_SCHEMAS, channel);
}

/**
 * Checks a call's arguments; `undefined` counts as `{}` so argument-less
 * channels may omit them. Refusals read `<channel>: args.<path> must …`.
 */
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
  if (!isPlainObject(value)) return { ok: false, error: `${channel}: args must be an object` };
  const checked = INVOKE_SCHEMAS[channel].args.safeParse(value);
  return checked.success
    ? { ok: true, args: checked.data }
    : { ok: false, error: `${channel}: ${issueText(firstIssue(checked.error.issues))}` };
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
