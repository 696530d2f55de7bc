// Command-line options shared by the headless entry and the Electron main
// process, so `npm start -- --cwmp-port 7548` means the same in both modes.

export const USAGE = `Options:
  --cwmp-port P   port of the CWMP (ACS) listener for this run (default: Settings, else 7547)
  --cwmp-host H   address the CWMP listener binds to for this run (default: Settings, else 0.0.0.0)
  --file-port P   port of the file server CPEs download firmware from (default 7548; 0 = any free port)
  --ui-port P     headless only: port of the UI on 127.0.0.1 (default: any free port)
  --data DIR      data folder (default: the user's app-data folder)
  --token T       headless only: API token for the UI (default: random)`;

// cwmpPort/cwmpHost stay undefined unless given: the stored settings apply then.
export interface CliOptions {
  cwmpPort?: number; cwmpHost?: string; fileServerPort?: number; uiPort: number; dataDir?: string; token?: string; help?: boolean;
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

/**
 * Parses `--flag value` and `--flag=value`. With `ignoreUnknown` (Electron,
 * whose command line also carries Chromium switches) unknown options are skipped.
 */
export function parseCliOptions(argv: readonly string[], { ignoreUnknown = false } = {}): CliOptions {
  const opts: CliOptions = { uiPort: 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      opts.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = () => {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
      return value;
    };
    switch (flag) {
      case '--cwmp-port': opts.cwmpPort = port(flag, takeValue()); break;
      case '--cwmp-host': opts.cwmpHost = takeValue(); break;
      case '--file-port': opts.fileServerPort = port(flag, takeValue()); break;
      case '--ui-port': opts.uiPort = port(flag, takeValue()); break;
      case '--data': opts.dataDir = takeValue(); break;
      case '--token': opts.token = takeValue(); break;
      default:
        if (!ignoreUnknown) throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
    }
  }
  return opts;
}
