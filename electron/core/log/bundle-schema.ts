// The log bundle's document as zod schemas (format in bundle.ts): what an
// import accepts, and what an export writes, from one definition.
//
// Each object schema is built twice from the same shape. `strict` (import:
// untrusted JSON) refuses fields it does not know; `known` (export: our own
// records, perhaps written to disk by another version) leaves them out. Either
// way the result is zod's fresh copy of the checked fields only, so nothing
// unknown is spread into a record, and every bundle we write reads back.
// Prototype-polluting keys never get this far: bundle.ts's JSON.parse reviver
// refuses them anywhere in the document.
//
// Refusals read `<path>: <what is wrong>` (`messages[3].direction: must be
// cpe->acs or acs->cpe`); a top-level field is quoted (`"messages" must be an
// array`), and the document's own refusals are whole sentences (`too many
// messages (…)`, `unknown top-level field "x"`).
import * as z from 'zod';
import { COMPAT_SWITCHES, compatValueError, type CompatEntries } from '../../../shared/model/compat';
import type { DeviceSummary, LoggedMessage } from '../../../shared/model/records';
import { bool, firstIssue, int, list, oneOf, text } from '../../../shared/api/schema/fields';

export class BundleError extends Error {
  override name = 'BundleError';
}

export const BUNDLE_FORMAT = 'tr069-workbench-log-bundle';
export const BUNDLE_VERSION = 1;

/** What the bundle says of one device besides its messages. */
export interface BundleDevice { compat?: CompatEntries; lastSessionProblem?: DeviceSummary['lastSessionProblem'] }

const KB = 1024;
const MAX_INT = Number.MAX_SAFE_INTEGER;
const INT32: [number, number] = [-2147483648, 2147483647];
/** Free text in the devices section (a compat reason, a session problem) is clipped, not refused. */
const MAX_TEXT = 2000;

/** Wrong type or missing, in words: `is required` / `must be <what>`. */
const typeError = (what: string) => (iss: { input?: unknown }) => (iss.input === undefined ? 'is required' : `must be ${what}`);

function issue(ctx: z.core.ParsePayload<unknown>, message: string, path: PropertyKey[] = []): void {
  ctx.issues.push({ code: 'custom', message, input: ctx.value, path });
}

type ObjectOf = <S extends z.core.$ZodLooseShape>(shape: S, unknownKey?: string) => z.ZodObject<S, z.core.$strict | z.core.$strip>;

/** Import: an object with these fields only; `unknownKey` names what an extra key is ("field", "switch"). */
const strict: ObjectOf = (shape, unknownKey = 'field') => z.strictObject(shape, {
  error: (iss) => iss.code === 'unrecognized_keys'
    ? `unknown ${unknownKey} ${JSON.stringify(String(iss.keys[0]).slice(0, 40))}`
    : iss.input === undefined ? 'is required' : 'must be an object',
});

/** Export: the same fields, others left out. */
const known: ObjectOf = (shape) => z.object(shape, { error: typeError('an object') });

/** A string cut to `max` characters (what a device record says, kept even if long). */
const clipped = (max: number) => z.string({ error: typeError('a string') }).transform((s) => s.slice(0, max));

const either = <const T extends readonly [string, ...string[]]>(values: T, words: string) => z.enum(values, { error: typeError(words) });

function messageSchema(object: ObjectOf) {
  const verdict = object({
    verdict: oneOf(['valid', 'invalid', 'n/a', 'pending', 'skipped'] as const),
    errors: list(object({ line: int(0, MAX_INT).optional(), message: text(4 * KB) }), 0, 1000).optional(),
    schema: text(64).optional(),
    note: text(1 * KB).optional(),
  });
  const warning = object({
    path: text(1 * KB),
    kind: oneOf(['unknown-parameter', 'vendor-extension', 'bad-value', 'writable-mismatch'] as const),
    severity: either(['info', 'warning'], 'info or warning'),
    message: text(4 * KB),
  });
  const headers = z.record(text(256), text(64 * KB), {
    error: (iss) => (iss.code === 'invalid_key' ? 'the name must be at most 256 characters' : typeError('an object')(iss)),
  }).refine((h) => Object.keys(h).length <= 500, 'has more than 500 headers');
  // In LoggedMessage's order, which is the order a bundle's JSON lists them in.
  return object({
    seq: int(0, MAX_INT),
    time: text(64),
    sessionId: text(256),
    deviceId: text(256).optional(),
    // Who a refused request said it was (its Inform's DeviceId), and where it stood in the HTTP authentication handshake.
    claimedDeviceId: text(256).optional(),
    auth: either(['challenge', 'rejected'], 'challenge or rejected').optional(),
    direction: either(['cpe->acs', 'acs->cpe'], 'cpe->acs or acs->cpe'),
    remoteAddress: text(256).optional(),
    method: text(16).optional(),
    url: text(8 * KB).optional(),
    status: int(100, 999).optional(),
    headers,
    body: text(128 * KB * KB),
    size: int(0, MAX_INT),
    cwmpId: text(1 * KB).optional(),
    rpc: text(128).optional(),
    faultCode: int(...INT32).optional(),
    note: text(64 * KB).optional(),
    error: text(64 * KB).optional(),
    redacted: bool().optional(),
    schema: verdict.optional(),
    modelWarnings: list(warning, 0, 1000).optional(),
    modelWarningsOmitted: int(0, MAX_INT).optional(),
    faultText: text(4 * KB).optional(),
    parameterFaults: list(object({ parameter: text(1 * KB), code: int(...INT32), text: text(4 * KB) }), 0, 100_000).optional(),
    // Where a message lives in this app (an importId), not part of what it was: accepted, never carried over.
    source: text(256).optional(),
  }).transform((m): Omit<typeof m, 'source'> => {
    if (m.source !== undefined) delete m.source; // zod's own copy; rare (we never write it), so no copy of every message
    return m;
  });
}

function devicesSchema(object: ObjectOf) {
  const entry = (s: string) => object({
    value: z.unknown().check((ctx) => {
      const why = ctx.value === undefined ? 'is required' : compatValueError(s, ctx.value);
      if (why) issue(ctx, why);
    }),
    source: either(['learned', 'user'], 'learned or user'),
    at: clipped(64),
    reason: clipped(MAX_TEXT),
    sessionId: clipped(64).optional(),
  });
  // The switch's value is checked by compatValueError, which TypeScript cannot follow: hence the cast.
  const compat = object(Object.fromEntries(COMPAT_SWITCHES.map((s) => [s, entry(s).optional()])), 'switch')
    .transform((c) => c as CompatEntries);
  const device = object({
    compat: compat.optional(),
    lastSessionProblem: object({ at: clipped(64), sessionId: clipped(64), text: clipped(MAX_TEXT) }).optional(),
  });
  // A malformed entry is an error, not skipped: the bundle is evidence.
  return z.record(z.string().transform((id) => id.slice(0, 256)), device, { error: typeError('an object keyed by device') });
}

const IMPORTED_MESSAGE = messageSchema(strict);
const EXPORTED_MESSAGE = messageSchema(known);
const IMPORTED_DEVICES = devicesSchema(strict);
const EXPORTED_DEVICES = devicesSchema(known);

/** What makes a JSON document a bundle this app reads; its refusals are whole sentences. */
const ENVELOPE = z.looseObject({
  format: z.literal(BUNDLE_FORMAT, { error: `not a log bundle: "format" must be "${BUNDLE_FORMAT}"` }),
  version: z.literal(BUNDLE_VERSION, {
    error: (iss) => `unsupported bundle version ${JSON.stringify(iss.input)} (this app reads version ${BUNDLE_VERSION})`,
  }),
}, { error: `not a log bundle: "format" must be "${BUNDLE_FORMAT}"` });

/**
 * A bundle document in two passes: its outline first (cheap: known top-level
 * fields, the message count, the index), then every message and device.
 */
function documentSchema(maxMessages: number) {
  const outline = strict({
    // Checked by the envelope.
    format: z.unknown(),
    version: z.unknown(),
    // Descriptive only: read leniently (a missing or odd value is not a reason to refuse the evidence).
    app: z.string().catch('unknown').transform((s) => s.slice(0, 200)),
    exported: z.string().catch('').transform((s) => s.slice(0, 64)),
    redacted: z.boolean().catch(false),
    // What the exporter selected, for the human reader; an import does not use it.
    selection: z.unknown().optional(),
    // Derived from the messages, for `jq` readers: only its length is checked.
    index: z.array(z.unknown(), { error: 'must be an array with one entry per message' }).optional(),
    messages: z.array(z.unknown(), { error: typeError('an array') }),
    devices: z.unknown().optional(),
  }, 'top-level field').check((ctx) => {
    const { messages, index } = ctx.value;
    if (messages.length > maxMessages) issue(ctx, `too many messages (${messages.length}, at most ${maxMessages})`);
    else if (index !== undefined && index.length !== messages.length) issue(ctx, 'must be an array with one entry per message', ['index']);
  });
  return outline.pipe(z.object({
    format: z.unknown(),
    version: z.unknown(),
    selection: z.unknown().optional(),
    app: z.string(),
    exported: z.string(),
    redacted: z.boolean(),
    messages: z.array(IMPORTED_MESSAGE).check((ctx) => {
      const seen = new Set<number>();
      ctx.value.forEach((m, i) => {
        if (seen.has(m.seq)) issue(ctx, `message number ${m.seq} appears twice`, [i]);
        seen.add(m.seq);
      });
    }),
    devices: IMPORTED_DEVICES.optional(),
  }));
}

export type BundleDocument = z.output<ReturnType<typeof documentSchema>>;

const documents = new Map<number, ReturnType<typeof documentSchema>>();

/** A parsed JSON document → the bundle it holds (messages checked, unsorted), or a BundleError naming the first thing wrong. */
export function readBundleDocument(doc: unknown, maxMessages: number): BundleDocument {
  const envelope = ENVELOPE.safeParse(doc);
  if (!envelope.success) throw new BundleError(envelope.error.issues[0]!.message);
  let schema = documents.get(maxMessages);
  if (!schema) documents.set(maxMessages, schema = documentSchema(maxMessages));
  const read = schema.safeParse(doc);
  if (!read.success) throw new BundleError(issueText(firstIssue(read.error.issues)));
  return read.data;
}

/**
 * One of our own records as a bundle writes it: the fields this version knows
 * (others, added later elsewhere, are left out rather than refused; never
 * `source`), checked like an import so that every bundle we write reads back.
 */
export function toBundleMessage(m: LoggedMessage): LoggedMessage {
  const read = EXPORTED_MESSAGE.safeParse(m);
  if (!read.success) throw new BundleError(issueText(firstIssue(read.error.issues), `message ${m.seq}`));
  return read.data;
}

/** The devices section as a bundle writes it: known fields only, checked like an import. */
export function toBundleDevices(devices: Record<string, BundleDevice>): Record<string, BundleDevice> {
  const read = EXPORTED_DEVICES.safeParse(devices);
  if (!read.success) {
    const first = firstIssue(read.error.issues);
    throw new BundleError(issueText({ ...first, path: ['devices', ...first.path] }));
  }
  return read.data;
}

/** `messages[3].headers.host`, `devices["D"].compat`; long keys are cut (they are data). */
function pathText(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  path.forEach((p, i) => {
    if (typeof p === 'number') out += `[${p}]`;
    else if (root === '' && i === 1 && path[0] === 'devices') out += `[${JSON.stringify(String(p).slice(0, 80))}]`;
    else out += `${out === '' ? '' : '.'}${String(p).slice(0, 40)}`;
  });
  return out;
}

/** One issue in words, under `root` ('' for a whole document, whose own refusals are whole sentences). */
function issueText(iss: z.core.$ZodIssue, root = ''): string {
  const where = pathText(root, iss.path);
  if (where === '') return iss.message;
  if (root === '' && iss.path.length === 1) return `"${where}" ${iss.message}`;
  return `${where}: ${iss.message}`;
}
