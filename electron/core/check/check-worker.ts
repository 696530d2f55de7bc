// The check worker (node:worker_threads): schema verdicts and data-model
// warnings for batches of captured messages, off the CWMP session's thread.
// One batch at a time; the main side (checker.ts) batches, bounds the queue,
// and restarts this worker if it dies.
import { parentPort, workerData } from 'node:worker_threads';
import { dirname } from 'node:path';
import { CwmpParseError, parseEnvelope } from '../../../shared/cwmp/parse';
import type { CwmpEnvelope } from '../../../shared/cwmp/types';
import { warningKey, type CheckItem, type CheckResult, type FromWorker, type ToWorker, type WorkerConfig } from './check-types';
import { scrubSecrets, secretValues } from '../../../shared/model/redact';
import { checkModel, modelCheckApplies } from './model-check';
import { checkSchemas, type SchemaInput } from './schema-check';
import { loadSchemaSet } from './schema-files';

const port = parentPort;
if (!port) throw new Error('check-worker.ts runs as a worker thread');
const config = workerData as WorkerConfig;
// The data models are found through resources.ts; point it at the same folder as the schemas.
process.env.TR069_RESOURCES ??= dirname(config.bbfDir);
const schemas = loadSchemaSet(config.bbfDir);

const DTD = /<!(DOCTYPE|ENTITY)/i;

function prepare(item: CheckItem): { input: SchemaInput; env?: CwmpEnvelope } {
  const body = item.body;
  const dtd = DTD.exec(body);
  if (dtd) {
    const line = body.slice(0, dtd.index).split('\n').length;
    return { input: { body, structural: { line, message: `${dtd[1]!.toUpperCase()} declaration: a SOAP message must not contain a Document Type Declaration (SOAP 1.1 §3)` } } };
  }
  try {
    return { input: { body }, env: parseEnvelope(body) };
  } catch (err) {
    if (!(err instanceof CwmpParseError)) return { input: { body } };
    // The referee's own checks before xmllint: the root must be a SOAP 1.1
    // Envelope (a bare RPC element is schema-valid on its own), and one CWMP
    // namespace per message. Everything else xmllint reports with its line.
    if (err.kind === 'not-envelope' || (err.kind === 'namespace' && /mixes/.test(err.message))) {
      return { input: { body, structural: { message: err.message } } };
    }
    return { input: { body } };
  }
}

async function run(msg: Extract<ToWorker, { type: 'check' }>): Promise<CheckResult[]> {
  const prepared = msg.items.map(prepare);
  const verdicts = await checkSchemas(schemas, prepared.map((p) => p.input), config.parallel);
  // Per device, the paths with warnings now; updated message by message so
  // that later messages of the same batch see earlier ones' findings.
  const watch = new Map<string, Set<string>>();
  for (const [dev, paths] of Object.entries(msg.watch)) watch.set(dev, new Set(paths));
  return msg.items.map((item, i) => scrub(item.body, checkOne(item, verdicts[i]!, prepared[i]!.env, watch)));
}

/**
 * Validators quote values ("'x' is not a valid value of …"): a secret in a
 * raw body (a password of the wrong type) must not reach a verdict the
 * redacted view shows (redact.ts decides what is secret).
 */
function scrub(body: string, r: CheckResult): CheckResult {
  const secrets = secretValues(body);
  if (secrets.length === 0) return r;
  if (r.schema.errors) r.schema.errors = r.schema.errors.map((e) => ({ ...e, message: scrubSecrets(e.message, secrets) }));
  r.modelWarnings = r.modelWarnings.map((w) => ({ ...w, message: scrubSecrets(w.message, secrets) }));
  return r;
}

function checkOne(item: CheckItem, verdict: CheckResult['schema'], env: CwmpEnvelope | undefined, watch: Map<string, Set<string>>): CheckResult {
  const result: CheckResult = { seq: item.seq, sessionId: item.sessionId, direction: item.direction, schema: verdict, modelWarnings: [] };
  if (item.deviceId !== undefined) result.deviceId = item.deviceId;
  if (!env?.body || !modelCheckApplies(env.body.name, item.direction)) return result;
  try {
    const seen = item.deviceId !== undefined ? watch.get(item.deviceId) : undefined;
    const m = checkModel(env, item.direction, seen);
    result.modelWarnings = m.warnings;
    if (m.omitted) result.modelWarningsOmitted = m.omitted;
    if (m.cleared.length) result.cleared = m.cleared;
    if (item.deviceId !== undefined) {
      const set = seen ?? new Set<string>();
      for (const k of m.cleared) set.delete(k);
      for (const w of m.warnings) set.add(warningKey(w.kind, w.path));
      watch.set(item.deviceId, set);
    }
  } catch (err) {
    // A model-check bug must not cost the schema verdict.
    console.error(`check worker: model check of message ${item.seq} failed:`, err);
  }
  return result;
}

let chain = Promise.resolve();
port.on('message', (msg: ToWorker) => {
  if (msg?.type !== 'check') return;
  chain = chain.then(async () => {
    const t0 = performance.now();
    let results: CheckResult[];
    try {
      results = await run(msg);
    } catch (err) {
      // Not a message's fault as far as we know: say so on each, keep serving.
      const message = `the checker failed: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500);
      results = msg.items.map((it) => ({
        seq: it.seq, sessionId: it.sessionId, direction: it.direction, schema: { verdict: 'invalid', errors: [{ message }] }, modelWarnings: [],
      }));
    }
    const reply: FromWorker = { type: 'result', batch: msg.batch, results, ms: performance.now() - t0 };
    port.postMessage(reply);
  });
});
port.postMessage({ type: 'ready' } satisfies FromWorker);
