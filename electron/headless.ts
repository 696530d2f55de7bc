// Headless entry (plain Node, no Electron): the same core, with the built
// renderer and the API served to a browser on 127.0.0.1 behind a token.
// Used by `npm run serve`, by `npm start` when no Electron runtime is usable,
// and by browser tests.
import { networkInterfaces } from 'node:os';
import { defaultDataDir, startCore } from './core/core';
import { findRendererDir } from './ui-server/renderer-dir';
import { chooseUiAddress, saveUiAddress, storedUiAddress } from './ui-server/ui-address';
import { startUiServer } from './ui-server/ui-server';
import { parseCliOptions, USAGE, UsageError, type CliOptions } from './cli-options';
import { startupProblem } from './startup-problem';

/** The host a CPE on the LAN would use to reach us, for messages only. */
export function firstLanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

async function main(): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseCliOptions(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\nUsage: node out/main/headless.js [options]\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(`Usage: node out/main/headless.js [options]\n${USAGE}`);
    return;
  }

  const dataDir = opts.dataDir ?? defaultDataDir();
  let core: Awaited<ReturnType<typeof startCore>>;
  try {
    core = await startCore({
      dataDir,
      cwmpPort: opts.cwmpPort,
      cwmpHost: opts.cwmpHost,
      fileServerPort: opts.fileServerPort,
    });
  } catch (err) {
    throw new Error(startupProblem(err, opts));
  }
  // The same UI address as last time unless a flag says otherwise (ui-address.ts).
  const stored = await storedUiAddress(dataDir);
  const wanted = chooseUiAddress(stored, opts);
  let ui: Awaited<ReturnType<typeof startUiServer>>;
  try {
    ui = await startUiServer({ core, port: wanted.port, rendererDir: findRendererDir(), token: wanted.token }).catch((err: unknown) => {
      // Last run's port taken by something else: any free one for this run; the stored one is tried again next time.
      if (opts.uiPort !== undefined || (err as { code?: string }).code !== 'EADDRINUSE') throw err;
      console.log(`UI: port ${wanted.port} (last run's) is in use; using another for this run`);
      return startUiServer({ core, port: 0, rendererDir: findRendererDir(), token: wanted.token });
    });
    await saveUiAddress(dataDir, { port: ui.port === wanted.port || !stored.port ? ui.port : stored.port, token: ui.token });
  } catch (err) {
    await core.stop();
    throw new Error(startupProblem(err, opts, 'ui'));
  }

  const info = core.info();
  const acsUrls = info.acsUrls.length > 0 ? info.acsUrls : [`http://${firstLanAddress()}:${info.cwmpPort}/`];
  for (const url of acsUrls) console.log(`ACS URL: ${url}`);
  console.log(`UI: ${ui.url}?token=${ui.token}`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // Launchers forward signals and terminals send them to the whole group:
    // a repeat must not cut a clean shutdown short, so it is ignored and a
    // timer guards against a shutdown that hangs.
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    setTimeout(() => {
      console.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000).unref();
    Promise.allSettled([ui.close(), core.stop()]).then((results) => {
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) console.error(`shutdown: ${failed.reason instanceof Error ? failed.reason.message : String(failed.reason)}`);
      process.exit(failed ? 1 : 0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
