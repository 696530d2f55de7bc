// First start (issue 14 item 11): a port taken gives one clear sentence with
// the fix, not `listen EADDRINUSE`; the UI address (port and token) stays the
// same across restarts so bookmarks keep working, unless --new-token. The real
// headless entry, ports held by real sockets on 127.0.0.1.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const HEADLESS = resolve(__dirname, '../../out/main/headless.js');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });

async function holdPort(): Promise<number> {
  const srv: Server = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => srv.close(r)));
  return (srv.address() as { port: number }).port;
}

/** Runs the headless entry until it exits, or until `until` appears in its output (then stops it). */
async function run(args: string[], until?: RegExp, dataDir?: string): Promise<{ code: number | null; out: string }> {
  if (!dataDir) {
    dataDir = await mkdtemp(join(tmpdir(), 'wb-ports-'));
    const dir = dataDir;
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
  }
  const child = spawn(process.execPath, [HEADLESS, '--cwmp-host', '127.0.0.1', '--data', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  const seen = (d: Buffer) => {
    out += d;
    if (until?.test(out)) child.kill('SIGTERM');
  };
  child.stdout.on('data', seen);
  child.stderr.on('data', seen);
  return { code: await exited, out };
}

it('a taken CWMP port: one sentence naming the port, its use and --cwmp-port', async () => {
  const port = await holdPort();
  const { code, out } = await run(['--cwmp-port', String(port), '--file-port', '0', '--ui-port', '0']);
  expect(code).toBe(1);
  expect(out.trim()).toBe(`Port ${port} on 127.0.0.1 is already in use, so the CWMP listener (where CPEs connect) cannot start `
    + '(another ACS or workbench running?). Start with --cwmp-port <another port> (0 = any free port), or change it in Settings, or stop the other program.');
});

it('a taken UI port names that one and --ui-port; a taken file-server port moves and says so', async () => {
  const port = await holdPort();
  const ui = await run(['--cwmp-port', '0', '--file-port', '0', '--ui-port', String(port)]);
  expect(ui.code).toBe(1);
  expect(ui.out.trim()).toMatch(new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is already in use, so the UI cannot start.*Start with --ui-port`));
  expect(ui.out).not.toMatch(/EADDRINUSE/);
  // The file server is not where CPEs connect first: it takes another port and says which (URLs are made from it).
  const files = await run(['--cwmp-port', '0', '--file-port', String(port), '--ui-port', '0'], /UI: http/);
  expect(files.out).toMatch(new RegExp(`file server: port ${port} is in use; listening on \\d+ instead`));
});

it('the UI keeps its port and token across restarts; --new-token rotates the token; a taken port is replaced for one run', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'wb-ui-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const ui = (out: string) => /UI: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\w+))/.exec(out)!;
  const common = ['--cwmp-port', '0', '--file-port', '0'];
  const first = ui((await run(common, /UI: http/, dataDir)).out);
  const second = ui((await run(common, /UI: http/, dataDir)).out);
  expect(second[1]).toBe(first[1]);
  expect((await stat(join(dataDir, 'ui.json'))).mode & 0o777).toBe(0o600);
  const rotated = ui((await run([...common, '--new-token'], /UI: http/, dataDir)).out);
  expect(rotated[2]).toBe(first[2]);
  expect(rotated[3]).not.toBe(first[3]);
  // Something else took the port meanwhile: another one this run, the bookmark's port again next time.
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(Number(first[2]), '127.0.0.1', r));
  const moved = await run(common, /UI: http/, dataDir);
  await new Promise((r) => srv.close(r));
  expect(moved.out).toMatch(new RegExp(`UI: port ${first[2]} \\(last run's\\) is in use; using another for this run`));
  expect(ui(moved.out)[2]).not.toBe(first[2]);
  expect(ui(moved.out)[3]).toBe(rotated[3]);
  expect(ui((await run(common, /UI: http/, dataDir)).out)[1]).toBe(rotated[1]);
});
