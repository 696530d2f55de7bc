// `npm run sim -- --acs URL --count N ...`: a fleet of virtual CPEs against an
// ACS, from the command line. Prints each CPE's connection-request URL, then a
// summary line every few seconds; stops cleanly on SIGINT/SIGTERM.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
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
  --quirk NAME ...     misbehave: booleansAsNumbers, rejectRootGpn, noXsiType, omitParentObjects,
                       dropAfterChallenge, noTransferComplete, gzip, charset=iso-8859-1,
                       newConnectionPerRequest, noCookies, invalidMessage, vendorParameter, namespace=URN
  --interval SECONDS   summary line interval (default 5)`;

export class UsageError extends Error {}

export interface CliArgs { fleet: FleetOptions; summaryEvery: number; help?: boolean }

function num(flag: string, v: string, min = 0): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new UsageError(`${flag} needs a number >= ${min}, got ${JSON.stringify(v)}`);
  return n;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const fleet: FleetOptions = { acsUrl: 'http://127.0.0.1:7547/', count: 1, model: 'tr181', stagger: 20 };
  const quirks: string[] = [];
  const cr: NonNullable<FleetOptions['connectionRequest']> = {};
  let summaryEvery = 5;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h': case '--help': help = true; break;
      case '--acs': {
        const v = value();
        try { new URL(v); } catch { throw new UsageError(`--acs: not a URL: ${v}`); }
        fleet.acsUrl = v;
        break;
      }
      case '--count': fleet.count = num(flag, value(), 1); break;
      case '--model': {
        const v = value();
        if (v !== 'tr181' && v !== 'tr098') throw new UsageError('--model is tr181 or tr098');
        fleet.model = v;
        break;
      }
      case '--scale': fleet.scale = num(flag, value(), 0); break;
      case '--periodic': fleet.periodicInformInterval = num(flag, value(), 0); break;
      case '--serial-prefix': fleet.serialPrefix = value(); break;
      case '--start-index': fleet.startIndex = num(flag, value(), 0); break;
      case '--stagger': fleet.stagger = num(flag, value(), 0); break;
      case '--username': fleet.username = value(); break;
      case '--password': fleet.password = value(); break;
      case '--cr-host': cr.host = value(); break;
      case '--cr-port': cr.port = num(flag, value(), 0); break;
      case '--cr-username': cr.username = value(); break;
      case '--cr-password': cr.password = value(); break;
      case '--interval': summaryEvery = num(flag, value(), 1); break;
      case '--quirk': {
        if (eq > 0) quirks.push(arg.slice(eq + 1));
        else {
          if (i + 1 >= argv.length || argv[i + 1]!.startsWith('--')) throw new UsageError('--quirk needs a name');
          while (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) quirks.push(argv[++i]!);
        }
        break;
      }
      default: throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
    }
  }
  try {
    if (quirks.length) fleet.quirks = parseQuirks(quirks);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (Object.keys(cr).length) fleet.connectionRequest = cr;
  return { fleet, summaryEvery, help };
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
