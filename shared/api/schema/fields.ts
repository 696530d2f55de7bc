// Field schemas shared by every channel's argument schema (shared/api/schema/*.ts),
// and the one way a refusal is worded: `args.<path> must …` (or, for a field
// rule shared with a form, `args.<path>: <the rule's sentence>`).
//
// Why zod 4 (over valibot 1, measured): both validate a log.list-shaped args
// object in ~0.7–0.8 µs, against ~0.6 µs for the JSON.stringify size check
// validate.ts already does per call, so the cost is noise on every channel;
// zod wins on z.toJSONSchema (built in; the README's API table is generated
// with it), `.meta()` descriptions and familiarity.
import * as z from 'zod';

// zod compiles object parsers with `new Function` when it may. The renderer's
// Content-Security-Policy has no 'unsafe-eval', and merely probing for it there
// reports a CSP violation, so pages (which have a document) parse without it.
if (typeof (globalThis as { document?: unknown }).document !== 'undefined') z.config({ jitless: true });

// TR-069 limits strings like ProductClass/SerialNumber to 64 chars and
// parameter names to 256; the caps below leave room without allowing abuse.
export const KEY_MAX = 256;
export const PATH_MAX = 1024;
export const ID_MAX = 128;

/** Plain JSON-like objects only: a Date, a Map or a class instance is not an argument object. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The wording of a wrong type, or of a missing field (zod reports both as invalid_type / a failed check on `undefined`). */
const typeError = (what: string) => (iss: { input?: unknown }) => (iss.input === undefined ? 'is required' : `must be ${what}`);

/** A non-empty string of at most `max` characters. */
export const str = (max: number) =>
  z.string({ error: typeError('a string') }).min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A string that may be empty ('' clears an optional field). */
export const text = (max: number) => z.string({ error: typeError('a string') }).max(max, `must be at most ${max} characters`);

/** An integer in [min, max]. */
export function int(min: number, max: number) {
  const m = `must be an integer between ${min} and ${max}`;
  return z.int({ error: (iss) => (iss.input === undefined ? 'is required' : m) }).min(min, m).max(max, m);
}

/** A finite number in (minExclusive, max]. */
export function num(minExclusive: number, max: number) {
  const m = `must be a number greater than ${minExclusive} and at most ${max}`;
  return z.number({ error: (iss) => (iss.input === undefined ? 'is required' : m) }).gt(minExclusive, m).max(max, m);
}

export const bool = () => z.boolean({ error: typeError('a boolean') });

/** One of a fixed list of strings. */
export const oneOf = <const T extends readonly [string, ...string[]] | readonly string[]>(values: T) =>
  z.enum(values as unknown as readonly [T[number], ...T[number][]], { error: typeError(`one of ${values.join(', ')}`) });

/** An array of `min` to `max` items. */
export function list<T extends z.ZodType>(item: T, min: number, max: number) {
  const m = `must have ${min} to ${max} items`;
  return z.array(item, { error: typeError('an array') }).min(min, m).max(max, m);
}

/**
 * An object with exactly these fields: missing optional ones allowed, unknown
 * ones refused. zod's object test passes any non-array object (a Date, a class
 * instance); validateArgs refuses those at the top, and below it the handler
 * gets zod's copy, a plain object holding the checked fields only.
 */
export function obj<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `has unknown key ${JSON.stringify(String(iss.keys[0]).slice(0, 64))}`
        : iss.input === undefined ? 'is required' : 'must be an object',
  });
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64_MSG = 'must be base64 (A-Z a-z 0-9 + /, padded with =)';

/** Base64 text (a log bundle), not empty; the argument cap bounds its length. */
export const base64 = () =>
  z.string({ error: typeError('a non-empty base64 string') })
    .min(1, 'must be a non-empty base64 string')
    .regex(BASE64_RE, BASE64_MSG)
    .refine((s) => s.length % 4 === 0, BASE64_MSG);

/** One files.upload chunk: base64 of at most 512 KiB (empty allowed for a closing call). */
export const base64Chunk = () =>
  z.string({ error: typeError('a base64 string') })
    .max(699_052, 'must carry at most 512 KiB (699052 base64 characters)')
    .regex(BASE64_RE, BASE64_MSG)
    .refine((s) => s.length % 4 === 0, BASE64_MSG);

/** Marks an issue as a field rule's sentence, written `args.<path>: <sentence>`. */
const RULE = { rule: true } as const;

/**
 * A field checked by a rule function shared with a form (settings-rules.ts,
 * diagnostics-contract.ts): the rule sees the raw value first, so its sentence
 * is what a caller reads even for a value of the wrong type; `shape` then
 * gives the field its type (and its JSON Schema) and re-checks it.
 */
export function ruled<T extends z.ZodType>(rule: (v: unknown) => string | null, shape: T) {
  return z.unknown().check((ctx) => {
    const why = rule(ctx.value);
    if (why) ctx.issues.push({ code: 'custom', message: why, input: ctx.value, params: RULE });
  }).pipe(shape);
}

/** Adds a rule's sentence for a value that passed its schema (e.g. two fields that must agree), at `path` below it. */
export function ruleIssue(ctx: z.core.ParsePayload<unknown>, message: string, path: PropertyKey[] = []): void {
  ctx.issues.push({ code: 'custom', message, input: ctx.value, path, params: RULE });
}

/** Whether an issue carries a field rule's sentence (see `ruled`). */
export function isRuleIssue(issue: z.core.$ZodIssue): boolean {
  return (issue as { params?: { rule?: boolean } }).params?.rule === true;
}

/** `args`, `args.cpeAuth.password`, `args.deviceIds[0]`. */
export function issuePath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/** One issue in words, under `root` ('args' for the API). */
export function issueText(issue: z.core.$ZodIssue, root = 'args'): string {
  const where = issuePath(root, issue.path);
  if (where === '') return issue.message;
  return isRuleIssue(issue) ? `${where}: ${issue.message}` : `${where} ${issue.message}`;
}

/** The issue to report when there are several: an unknown key (often a typo that explains the rest) first. */
export function firstIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  return issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
}

/**
 * Produced by our own core and never parsed from outside: results and event
 * payloads are typed by their record interfaces (shared/model/*) and carry no
 * run-time check.
 */
export const produced = <T>() => z.custom<T>();

/** One invoke channel: what it does (the README's words, in its API table), its arguments and its result. */
export interface ChannelSchema {
  description: string;
  args: z.ZodType;
  result: z.ZodType;
}

/** One event: its payload and, where the name does not say it all, what it means. */
export interface EventSchema {
  description?: string;
  payload: z.ZodType;
}

/** Exactly the same type (optional fields included), for compile-time checks against hand-written copies. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
