// `npm run sim -- --acs URL --count N ...`: a fleet of virtual CPEs against an
// ACS, from the command line. Prints each CPE's connection-request URL, then a
// summary line every few seconds; stops cleanly on SIGINT/SIGTERM.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs as nodeParseArgs } from 'node:util';
import { usageText } from '../lib/usage-text';
import { startFleet, type FleetOptions } from './fleet';
import { parseQuirks } from './quirks';

export const USAGE = `Usage: npm run sim -- [options]
  --acs URL            ACS URL (default http://127.0.0.1:7547/)
  --count N            number of CPEs (default 1)
  --model M            tr181 (default) or tr098
  --scale S            instances per table in the generated data model
  --periodic SECONDS   periodic Inform interval (default: off)
  --serial-prefix P    serial numbers are P000001, P000002... (default SIM)
  --start-index I      first index (default 1)
  --stagger MS         milliseconds between two CPEs' first Informs (default 20)
  --username U         ACS username (with --password)
  --password P         ACS password
  --cr-host H          connection-request address to bind (default 127.0.0.1)
  --cr-port P          connection-request port (default: any free port)
  --cr-username U      connection-request username (default cr-<serial>)
  --cr-password P      connection-request password (default cr-<serial>)
  --quirk NAME ...     misbehave the way real CPEs do (names and values: shared/model/quirk-catalog.ts),
                       e.g. rejectXmlDeclaration, dropOnPartialPath, booleansAsNumbers, charset=iso-8859-1
  --interval SECONDS   summary line interval (default 5)`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliArgs { fleet: FleetOptions; summaryEvery: number; help?: boolean }

function num(flag: string, v: string, min = 0): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new UsageError(`${flag} needs a number >= ${min}, got ${JSON.stringify(v)}`);
  return n;
}

const OPTIONS = {
  acs: { type: 'string' }, count: { type: 'string' }, model: { type: 'string' }, scale: { type: 'string' },
  periodic: { type: 'string' }, 'serial-prefix': { type: 'string' }, 'start-index': { type: 'string' }, stagger: { type: 'string' },
  username: { type: 'string' }, password: { type: 'string' }, 'cr-host': { type: 'string' }, 'cr-port': { type: 'string' },
  'cr-username': { type: 'string' }, 'cr-password': { type: 'string' }, interval: { type: 'string' },
  quirk: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' },
} as const;

function tokenize(argv: readonly string[]) {
  try {
    return nodeParseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, tokens: true, strict: true });
  } catch (e) {
    throw new UsageError(usageText(e));
  }
}

/**
 * node:util parseArgs, plus one convenience it lacks: `--quirk a b c` (names
 * after one --quirk, up to the next option) as well as `--quirk a --quirk b`.
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const { values, tokens } = tokenize(argv);
  const quirks: string[] = [];
  let lastOption: string | undefined;
  for (const tok of tokens) {
    if (tok.kind === 'option') {
      lastOption = tok.name;
      if (tok.name === 'quirk' && tok.value !== undefined) quirks.push(tok.value);
    } else if (tok.kind === 'positional') {
      if (lastOption !== 'quirk') throw new UsageError(`unexpected argument ${JSON.stringify(tok.value)}`);
      quirks.push(tok.value);
    }
  }
  const text = (name: keyof typeof OPTIONS): string | undefined => {
    const v = values[name as 'acs'];
    if (v === undefined) return undefined;
    if (v === '') throw new UsageError(`--${name} needs a value`);
    return v;
  };
  const number = (name: keyof typeof OPTIONS, min: number): number | undefined => {
    const v = text(name);
    return v === undefined ? undefined : num(`--${name}`, v, min);
  };
  const fleet: FleetOptions = { acsUrl: 'http://127.0.0.1:7547/', count: 1, model: 'tr181', stagger: 20 };
  const acs = text('acs');
  if (acs !== undefined) {
    try { new URL(acs); } catch { throw new UsageError(`--acs: not a URL: ${acs}`); }
    fleet.acsUrl = acs;
  }
  fleet.count = number('count', 1) ?? fleet.count;
  const model = text('model');
  if (model !== undefined) {
    if (model !== 'tr181' && model !== 'tr098') throw new UsageError('--model is tr181 or tr098');
    fleet.model = model;
  }
  const optional = { scale: number('scale', 0), periodicInformInterval: number('periodic', 0), startIndex: number('start-index', 0) };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (fleet as unknown as Record<string, number>)[k] = v;
  fleet.stagger = number('stagger', 0) ?? fleet.stagger;
  const prefix = text('serial-prefix');
  if (prefix !== undefined) fleet.serialPrefix = prefix;
  const username = text('username');
  if (username !== undefined) fleet.username = username;
  const password = text('password');
  if (password !== undefined) fleet.password = password;
  const cr: NonNullable<FleetOptions['connectionRequest']> = {};
  const crHost = text('cr-host');
  if (crHost !== undefined) cr.host = crHost;
  const crPort = number('cr-port', 0);
  if (crPort !== undefined) cr.port = crPort;
  const crUser = text('cr-username');
  if (crUser !== undefined) cr.username = crUser;
  const crPass = text('cr-password');
  if (crPass !== undefined) cr.password = crPass;
  if (values.quirk !== undefined && quirks.length === 0) throw new UsageError('--quirk needs a name');
  try {
    if (quirks.length) fleet.quirks = parseQuirks(quirks);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (Object.keys(cr).length) fleet.connectionRequest = cr;
  return { fleet, summaryEvery: number('interval', 1) ?? 5, help: values.help === true };
}

export async function main(argv: readonly string[]): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const f = args.fleet;
  console.log(`starting ${f.count} ${f.model} CPE(s) against ${f.acsUrl}`);
  const fleet = await startFleet(f);
  for (const cpe of fleet.cpes) {
    const user = cpe.state.get(`${cpe.state.root}ManagementServer.ConnectionRequestUsername`);
    console.log(`${cpe.serialNumber}  ${cpe.connectionRequestUrl}  (connection request user ${user})`);
  }
  const timer = setInterval(() => {
    const s = fleet.summary();
    console.log(`${new Date().toISOString()} sessions ${s.sessions} ok, ${s.failedSessions} failed, ${s.busy} in progress, `
      + `${s.messagesSent} messages, ${s.connectionRequests} connection requests`);
  }, args.summaryEvery * 1000);
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ${fleet.cpes.length} CPE(s)`);
    clearInterval(timer);
    setTimeout(() => process.exit(1), 10_000).unref();
    fleet.stop().then(() => process.exit(0), (e: unknown) => {
      console.error(`stop failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Run when this file is the program (the built out/main/sim.js), not when imported by tests. */
function isEntry(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntry()) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`sim: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
