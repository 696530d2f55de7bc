// Schema verdicts for a batch of messages with xmllint-wasm (libxml2 in
// WebAssembly), run inside the check worker. xmllint-wasm compiles the schema
// on every call (its API keeps nothing between calls), so the cost that
// matters is per call, not per message: messages are validated many to one
// call, one call per schema (measured here: ~110 ms for 1 message, ~330 ms
// for 500). Each call runs in its own short-lived wasm worker, so a libxml2
// abort (out of memory on a huge body) cannot corrupt the next call; when a
// call aborts, the batch is bisected to find the message that did it.
import { validateXML } from 'xmllint-wasm';
import type { SchemaVerdict } from '../../../shared/model/records';
import { MAX_SCHEMA_ERRORS } from './check-types';
import { planSchema, type SchemaSet } from './schema-files';

export interface SchemaInput {
  body: string;
  /**
   * Problems found before xmllint (a DTD, a root that is not a SOAP Envelope,
   * mixed CWMP namespaces): the message is invalid and xmllint is not run,
   * like the referee script (resources/bbf README, validate-cwmp).
   */
  structural?: { line?: number; message: string };
}

type Line = { line?: number; message: string };

const PAGES_MIN = 256;            // 16 MiB, xmllint-wasm's default start
const PAGES_MAX = 32 * 1024;      // 2 GiB: libxml2's tree of a 64 MiB body fits

/** Below this many messages per call, splitting a batch costs more than it saves. */
const MIN_SPLIT = 100;

/**
 * One verdict per input, same order. `parallel` > 1 splits a big group into
 * that many xmllint calls running at once (each is its own wasm worker).
 */
export async function checkSchemas(set: SchemaSet, inputs: SchemaInput[], parallel = 1): Promise<SchemaVerdict[]> {
  const out: SchemaVerdict[] = new Array(inputs.length);
  const groups = new Map<string, { idx: number; text: string }[]>();
  inputs.forEach((input, idx) => {
    const plan = planSchema(input.body);
    const base: SchemaVerdict = { verdict: 'invalid' };
    if (plan.xsd) base.schema = plan.xsd;
    if (plan.note) base.note = plan.note;
    if (input.structural) {
      out[idx] = { ...base, errors: [input.structural] };
    } else if (!plan.xsd) {
      out[idx] = { ...base, errors: [{ message: plan.problem ?? 'no schema for this message' }] };
    } else {
      out[idx] = base; // filled in below
      let g = groups.get(plan.xsd);
      if (!g) groups.set(plan.xsd, (g = []));
      g.push({ idx, text: plan.text });
    }
  });
  for (const [xsd, group] of groups) {
    const n = Math.max(1, Math.min(parallel, Math.floor(group.length / MIN_SPLIT)));
    const size = Math.ceil(group.length / n);
    const parts = Array.from({ length: n }, (_, k) => group.slice(k * size, (k + 1) * size));
    const verdicts = (await Promise.all(parts.map((p) => runGroup(set, xsd, p.map((g) => g.text))))).flat();
    group.forEach((g, i) => { out[g.idx] = { ...out[g.idx]!, ...verdicts[i]! }; });
  }
  return out;
}

/** Validates texts against one schema; bisects when xmllint itself fails (abort, out of memory). */
async function runGroup(set: SchemaSet, xsd: string, texts: string[]): Promise<Pick<SchemaVerdict, 'verdict' | 'errors'>[]> {
  try {
    return parseOutput(await lint(set, xsd, texts), texts.length);
  } catch (err) {
    if (texts.length === 1) {
      return [{ verdict: 'invalid', errors: [{ message: `xmllint could not check this message: ${reason(err)}` }] }];
    }
    const half = Math.ceil(texts.length / 2);
    return [...await runGroup(set, xsd, texts.slice(0, half)), ...await runGroup(set, xsd, texts.slice(half))];
  }
}

/** xmllint's stderr for the batch. Exit codes 1-4 still carry a usable report; others (5 schema, 9 memory, abort) throw. */
async function lint(set: SchemaSet, xsd: string, texts: string[]): Promise<string> {
  const main = set.main.get(xsd);
  if (!main) throw new Error(`no schema ${xsd}`);
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  const pages = Math.min(PAGES_MAX, Math.max(PAGES_MIN, Math.ceil((bytes * 12) / 65536)));
  try {
    const r = await validateXML({
      xml: texts.map((contents, i) => ({ fileName: `m${i}.xml`, contents })),
      schema: [main],
      preload: set.preload,
      initialMemoryPages: pages,
      maxMemoryPages: PAGES_MAX,
    });
    return r.rawOutput;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'number' && code >= 1 && code <= 4 && err instanceof Error) return err.message;
    throw err;
  }
}

const FILE_LINE = /^m(\d+)\.xml:(\d+): (.*)$/;
const FILE_DONE = /^m(\d+)\.xml (validates|fails to validate)$/;
const SCHEMA_TROUBLE = /Schemas parser error|failed to load|Skipping the import|WXS schema .* failed to compile/;

/** xmllint output → per-file verdicts. Context and caret lines after parser errors are skipped. */
export function parseOutput(raw: string, n: number): Pick<SchemaVerdict, 'verdict' | 'errors'>[] {
  const errors: Line[][] = Array.from({ length: n }, () => []);
  const extra: number[] = new Array(n).fill(0);
  const done: (boolean | undefined)[] = new Array(n);
  const trouble: string[] = [];
  for (const line of raw.split('\n')) {
    const d = FILE_DONE.exec(line);
    if (d) {
      const i = Number(d[1]);
      if (i < n) done[i] = d[2] === 'validates';
      continue;
    }
    const m = FILE_LINE.exec(line);
    if (m) {
      const i = Number(m[1]);
      if (i >= n) continue;
      if (errors[i]!.length < MAX_SCHEMA_ERRORS) errors[i]!.push({ line: Number(m[2]), message: cleanMessage(m[3]!) });
      else extra[i]!++;
      continue;
    }
    if (SCHEMA_TROUBLE.test(line)) trouble.push(line.trim());
  }
  return errors.map((errs, i) => {
    if (done[i] === true && errs.length === 0) return { verdict: 'valid' as const };
    const list = [...errs];
    if (extra[i]) list.push({ message: `… and ${extra[i]} more errors` });
    if (list.length === 0) list.push({ message: trouble[0] ? `schema problem: ${trouble[0]}` : 'xmllint gave no verdict for this message' });
    return { verdict: 'invalid' as const, errors: list };
  });
}

/** "Schemas validity error : Element 'x': …" → "Element 'x': …" (older xmllint also prefixes "element x: "). */
function cleanMessage(s: string): string {
  return s
    .replace(/^element [^:]+: /, '')
    .replace(/^(?:Schemas validity error|Schemas parser error|parser error|namespace error|validity error) : /, '')
    .trim();
}

function reason(err: unknown): string {
  const s = err instanceof Error ? err.message : String(err);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}
