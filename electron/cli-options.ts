// Command-line options shared by the headless entry and the Electron main
// process, so `npm start -- --cwmp-port 7548` means the same in both modes.
import { parseArgs } from 'node:util';
import { usageText } from './lib/usage-text';

export const USAGE = `Options:
  --cwmp-port P   port of the CWMP (ACS) listener for this run (default: Settings, else 7547)
  --cwmp-host H   address the CWMP listener binds to for this run (default: Settings, else 0.0.0.0)
  --file-port P   port of the file server CPEs download firmware from (default 7548; 0 = any free port)
  --ui-port P     headless only: port of the UI on 127.0.0.1 (default: the last run's, else any free port)
  --data DIR      data folder (default: the user's app-data folder)
  --token T       headless only: API token for the UI (default: the last run's, else random)
  --new-token     headless only: a new random token (old bookmarks stop working)`;

// cwmpPort/cwmpHost stay undefined unless given: the stored settings apply then.
export interface CliOptions {
  cwmpPort?: number; cwmpHost?: string; fileServerPort?: number; uiPort?: number; dataDir?: string; token?: string; newToken?: boolean; help?: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

function port(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) {
    throw new UsageError(`${flag} must be a port number (0-65535), got ${JSON.stringify(value)}`);
  }
  return n;
}

const OPTIONS = {
  'cwmp-port': { type: 'string' }, 'cwmp-host': { type: 'string' }, 'file-port': { type: 'string' },
  'ui-port': { type: 'string' }, data: { type: 'string' }, token: { type: 'string' }, 'new-token': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `--flag value` and `--flag=value` (node:util parseArgs). With
 * `ignoreUnknown` (Electron, whose command line also carries Chromium
 * switches and the app path) unknown options and positionals are skipped.
 */
export function parseCliOptions(argv: readonly string[], { ignoreUnknown = false } = {}): CliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: !ignoreUnknown, allowPositionals: ignoreUnknown }));
  } catch (e) {
    throw new UsageError(usageText(e));
  }
  const text = (name: keyof typeof OPTIONS): string | undefined => {
    const v = values[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} needs a value`);
    return v;
  };
  const opts: CliOptions = {};
  if (values.help === true) opts.help = true;
  if (values['new-token'] === true) opts.newToken = true;
  const cwmpPort = text('cwmp-port');
  if (cwmpPort !== undefined) opts.cwmpPort = port('--cwmp-port', cwmpPort);
  const cwmpHost = text('cwmp-host');
  if (cwmpHost !== undefined) opts.cwmpHost = cwmpHost;
  const filePort = text('file-port');
  if (filePort !== undefined) opts.fileServerPort = port('--file-port', filePort);
  const uiPort = text('ui-port');
  if (uiPort !== undefined) opts.uiPort = port('--ui-port', uiPort);
  const data = text('data');
  if (data !== undefined) opts.dataDir = data;
  const token = text('token');
  if (token !== undefined) opts.token = token;
  return opts;
}
