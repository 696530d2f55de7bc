// One LoggedMessage read field by field from untrusted JSON (an imported
// bundle) — or from our own record on export, so that what we write is
// exactly what we accept. Known fields only, each type-checked and bounded;
// the result is a fresh object that shares nothing with the input.
import type { LoggedMessage, ModelWarning, SchemaVerdict } from '../../../shared/model/records';

export class BundleError extends Error {
  override name = 'BundleError';
}

const KB = 1024;
const VERDICTS = ['valid', 'invalid', 'n/a', 'pending', 'skipped'] as const;
const KINDS = ['unknown-parameter', 'vendor-extension', 'bad-value', 'writable-mismatch'] as const;
const FIELDS = new Set([
  'seq', 'time', 'sessionId', 'deviceId', 'direction', 'remoteAddress', 'method', 'url', 'status', 'headers', 'body', 'size',
  'cwmpId', 'rpc', 'faultCode', 'note', 'error', 'redacted', 'schema', 'modelWarnings', 'modelWarningsOmitted', 'faultText',
  'parameterFaults', 'source',
]);

function fail(at: string, what: string): never {
  throw new BundleError(`${at}: ${what}`);
}

function obj(v: unknown, at: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(at, 'must be an object');
  return v as Record<string, unknown>;
}

function str(v: unknown, at: string, max: number): string {
  if (typeof v !== 'string') fail(at, 'must be a string');
  if (v.length > max) fail(at, `is longer than ${max} characters`);
  return v;
}

function int(v: unknown, at: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(at, `must be an integer between ${min} and ${max}`);
  return v;
}

function arr(v: unknown, at: string, max: number): unknown[] {
  if (!Array.isArray(v)) fail(at, 'must be an array');
  if (v.length > max) fail(at, `has more than ${max} entries`);
  return v;
}

function opt<T>(o: Record<string, unknown>, key: string, read: (v: unknown, at: string) => T, at: string, out: Record<string, unknown>): void {
  if (o[key] !== undefined) out[key] = read(o[key], `${at}.${key}`);
}

function headers(v: unknown, at: string): Record<string, string> {
  const o = obj(v, at);
  const keys = Object.keys(o);
  if (keys.length > 500) fail(at, 'has more than 500 headers');
  const out: Record<string, string> = {};
  for (const k of keys) out[str(k, `${at} name`, 256)] = str(o[k], `${at}.${k.slice(0, 40)}`, 64 * KB);
  return out;
}

function schema(v: unknown, at: string): SchemaVerdict {
  const o = obj(v, at);
  const verdict = o.verdict;
  if (typeof verdict !== 'string' || !(VERDICTS as readonly string[]).includes(verdict)) fail(`${at}.verdict`, `must be one of ${VERDICTS.join(', ')}`);
  const out: SchemaVerdict = { verdict: verdict as SchemaVerdict['verdict'] };
  if (o.errors !== undefined) {
    out.errors = arr(o.errors, `${at}.errors`, 1000).map((e, i) => {
      const eo = obj(e, `${at}.errors[${i}]`);
      const r: { line?: number; message: string } = { message: str(eo.message, `${at}.errors[${i}].message`, 4 * KB) };
      if (eo.line !== undefined) r.line = int(eo.line, `${at}.errors[${i}].line`);
      return r;
    });
  }
  if (o.schema !== undefined) out.schema = str(o.schema, `${at}.schema`, 64);
  if (o.note !== undefined) out.note = str(o.note, `${at}.note`, 1 * KB);
  return out;
}

function warnings(v: unknown, at: string): ModelWarning[] {
  return arr(v, at, 1000).map((w, i) => {
    const o = obj(w, `${at}[${i}]`);
    const kind = o.kind;
    if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) fail(`${at}[${i}].kind`, `must be one of ${KINDS.join(', ')}`);
    const severity = o.severity === 'info' || o.severity === 'warning' ? o.severity : fail(`${at}[${i}].severity`, 'must be info or warning');
    return {
      path: str(o.path, `${at}[${i}].path`, 1 * KB), kind: kind as ModelWarning['kind'], severity,
      message: str(o.message, `${at}[${i}].message`, 4 * KB),
    };
  });
}

/**
 * One of our own records as a bundle writes it: fields this version knows
 * (others, added later elsewhere, are left out rather than refused), checked
 * like an import so that every bundle we write can be read back.
 */
export function toBundleMessage(m: LoggedMessage): LoggedMessage {
  const known: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) if (FIELDS.has(k) && k !== 'source' && v !== undefined) known[k] = v;
  return readMessage(known, `message ${m.seq}`);
}

/** A message from untrusted data; throws BundleError naming the bad field. */
export function readMessage(v: unknown, at: string): LoggedMessage {
  const o = obj(v, at);
  for (const k of Object.keys(o)) if (!FIELDS.has(k)) fail(at, `unknown field "${k.slice(0, 40)}"`);
  const direction = o.direction === 'cpe->acs' || o.direction === 'acs->cpe' ? o.direction : fail(`${at}.direction`, 'must be cpe->acs or acs->cpe');
  const out: LoggedMessage = {
    seq: int(o.seq, `${at}.seq`),
    time: str(o.time, `${at}.time`, 64),
    sessionId: str(o.sessionId, `${at}.sessionId`, 256),
    direction,
    headers: headers(o.headers, `${at}.headers`),
    body: str(o.body, `${at}.body`, 128 * KB * KB),
    size: int(o.size, `${at}.size`),
  };
  const rest = out as unknown as Record<string, unknown>;
  opt(o, 'deviceId', (x, a) => str(x, a, 256), at, rest);
  opt(o, 'remoteAddress', (x, a) => str(x, a, 256), at, rest);
  opt(o, 'method', (x, a) => str(x, a, 16), at, rest);
  opt(o, 'url', (x, a) => str(x, a, 8 * KB), at, rest);
  opt(o, 'status', (x, a) => int(x, a, 100, 999), at, rest);
  opt(o, 'cwmpId', (x, a) => str(x, a, 1 * KB), at, rest);
  opt(o, 'rpc', (x, a) => str(x, a, 128), at, rest);
  opt(o, 'faultCode', (x, a) => int(x, a, -2147483648, 2147483647), at, rest);
  opt(o, 'note', (x, a) => str(x, a, 64 * KB), at, rest);
  opt(o, 'error', (x, a) => str(x, a, 64 * KB), at, rest);
  opt(o, 'redacted', (x, a) => (typeof x === 'boolean' ? x : fail(a, 'must be a boolean')), at, rest);
  opt(o, 'schema', schema, at, rest);
  opt(o, 'modelWarnings', warnings, at, rest);
  opt(o, 'modelWarningsOmitted', (x, a) => int(x, a), at, rest);
  opt(o, 'faultText', (x, a) => str(x, a, 4 * KB), at, rest);
  opt(o, 'parameterFaults', (x, a) => arr(x, a, 100_000).map((p, i) => {
    const po = obj(p, `${a}[${i}]`);
    return {
      parameter: str(po.parameter, `${a}[${i}].parameter`, 1 * KB), code: int(po.code, `${a}[${i}].code`, -2147483648, 2147483647),
      text: str(po.text, `${a}[${i}].text`, 4 * KB),
    };
  }), at, rest);
  // `source` is where a message lives in this app, not part of what it was: never carried over.
  return out;
}
