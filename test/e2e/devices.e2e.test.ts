// A newcomer's first minutes, in Chromium against the real headless server:
// the empty Devices screen shows the ACS URL, a virtual CPE is added and
// discovered, search finds it, a bulk reboot queues and runs its task,
// Settings moves the listener to another port (and refuses a bad one), and
// the session log caps are checked, saved and applied.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeE2e, launchApp, type E2eApp } from './support/app';
import { DevicesScreen, SettingsScreen } from './devices.page';

let app: E2eApp;
let devices: DevicesScreen;
let settings: SettingsScreen;
let first: string;
const blockers: Server[] = [];

beforeAll(async () => {
  app = await launchApp();
  devices = new DevicesScreen(app.page);
  settings = new SettingsScreen(app.page);
});
afterAll(async () => {
  for (const b of blockers) b.close();
  await app?.close();
});

async function listen(port = 0): Promise<Server> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(port, '127.0.0.1', r));
  return srv;
}
async function freePort(): Promise<number> {
  const srv = await listen();
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describeE2e('devices and settings', () => {
  it('first run: an empty state with the ACS URL to give a CPE', async () => {
    await devices.root.waitFor();
    await devices.empty.waitFor();
    await expect.poll(() => devices.acsUrls.allTextContents()).toEqual([app.acsUrl]);
    await devices.page.getByTestId('add-virtual-cpe').waitFor();
    await app.screenshot('devices-empty');
  });

  it('adds a virtual CPE: its row appears, discovery runs, then completes', async () => {
    await devices.recordChanges();
    await devices.openAddVirtualCpe('TR-181');
    await app.page.waitForTimeout(400); // let the dialog finish fading in
    await app.screenshot('devices-add-dialog');
    await devices.confirmAddVirtualCpe();
    await devices.notice('success').waitFor();
    await devices.rows.first().waitFor();
    [first] = await devices.shownIds();
    expect(first).toMatch(/^[0-9A-F]{6}-.+-WB\d+$/);
    await expect.poll(() => devices.discovery(first).getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    await expect.poll(() => devices.discovery(first).textContent()).toMatch(/^[\d,]+ parameters$/);
    const seen = await devices.seen();
    expect(seen).toContain('discovery:running');
    expect(seen).toContain('state:in-session');
    // A second device of the other data model, for search and the screenshot.
    const other = await app.startCpe({ model: 'tr098' });
    await expect.poll(() => devices.discovery(other.id).getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    // The data model each device speaks, beside its size (searchable: "tr-098").
    expect(await devices.dataModel(first).textContent()).toBe('TR-181');
    expect(await devices.dataModel(other.id).textContent()).toBe('TR-098');
    await expect.poll(() => devices.state(first).getAttribute('data-state')).not.toBe('offline');
    await devices.notice('success').waitFor({ state: 'hidden', timeout: 15_000 });
    await app.page.mouse.move(0, 0);
    await app.screenshot('devices-list');
  });

  it('search filters the list (client-side) and says when nothing matches', async () => {
    expect(await devices.rows.count()).toBe(2);
    const serial = first.split('-').at(-1)!;
    await devices.search.fill(serial.toLowerCase());
    await expect.poll(() => devices.shownIds()).toEqual([first]);
    await devices.search.fill('TR-181');
    await expect.poll(() => devices.shownIds()).toEqual([first]);
    await devices.search.fill('no-such-device');
    await devices.noMatch.waitFor();
    expect(await devices.rows.count()).toBe(0);
    await devices.search.fill('');
    await expect.poll(() => devices.rows.count()).toBe(2);
  });

  it('bulk reboot: confirmed, the task is queued and shown, and the device comes back', async () => {
    const before = (await app.api.invoke('device.get', { id: first }))!.lastInform!;
    await devices.recordChanges();
    await devices.select(first);
    await devices.openReboot();
    await app.page.waitForTimeout(400); // let the dialog finish fading in
    await app.screenshot('devices-reboot-confirm');
    await devices.confirmReboot();
    await expect.poll(() => devices.notice('success').textContent()).toMatch(/Reboot queued for 1 device/);
    await expect.poll(async () => {
      const tasks = await app.api.invoke('task.list', { deviceId: first });
      return tasks.find((t) => t.rpc === 'Reboot')?.status;
    }, { timeout: 30_000 }).toBe('done');
    expect(await devices.seen()).toContain('tasks:1');
    // After the reboot the CPE informs 1 BOOT / M Reboot.
    await expect.poll(async () => {
      const d = await app.api.invoke('device.get', { id: first });
      return d && d.lastInform !== before && d.lastEvents.some((e) => e.EventCode === '1 BOOT');
    }, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => devices.tasks(first).textContent()).toBe('0');
  });

  it('bulk set a parameter: devices of the other data model are skipped; bulk refresh rediscovers', async () => {
    await app.page.getByTestId('device-select-all').check();
    await expect.poll(() => app.page.getByTestId('devices-selected').textContent()).toBe('2 selected');
    await app.page.getByTestId('bulk-set').click();
    await app.page.getByTestId('bulk-set-path').fill('Device.ManagementServer.PeriodicInformInterval');
    await app.page.getByTestId('bulk-set-value').fill('1800');
    await app.page.getByText('1 device will be skipped').waitFor();
    await app.page.waitForTimeout(400);
    await app.screenshot('devices-set-dialog');
    await app.page.getByTestId('bulk-set-confirm').click();
    await expect.poll(async () => {
      const tasks = await app.api.invoke('task.list', { deviceId: first });
      return tasks.find((t) => t.rpc === 'SetParameterValues')?.status;
    }, { timeout: 30_000 }).toBe('done');
    const [p] = await app.api.invoke('parameter.list', { deviceId: first, path: 'Device.ManagementServer.PeriodicInformInterval' });
    expect(p.value).toBe('1800');

    await app.page.getByTestId('bulk-refresh').click();
    // Notices show one at a time: the Set one may still be up.
    await expect.poll(() => app.page.getByText('Refresh (rediscovery) queued for 2 devices.').count(), { timeout: 15_000 }).toBe(1);
    await app.page.getByTestId('device-select-all').uncheck();
  });

  it('settings: a bad port is explained next to the field and nothing is sent', async () => {
    await settings.open();
    await expect.poll(() => settings.acsUrls.allTextContents()).toEqual([app.acsUrl]);
    await settings.setPort('70000');
    await expect.poll(() => settings.helper(settings.port).textContent()).toMatch(/a port number from 0 to 65535/);
    expect(await settings.save.isDisabled()).toBe(true);
  });

  it('settings: a port in use is refused, the listener stays where it was', async () => {
    const blocker = await listen();
    blockers.push(blocker);
    const busy = (blocker.address() as { port: number }).port;
    await settings.setPort(String(busy));
    await settings.save.click();
    await expect.poll(() => settings.helper(settings.port).textContent()).toMatch(new RegExp(`port ${busy} is already in use`));
    expect(await settings.acsUrls.allTextContents()).toEqual([app.acsUrl]);
  });

  it('settings: a new port moves the listener, and the ACS URL shown follows', async () => {
    const port = await freePort();
    await settings.setPort(String(port));
    await settings.save.click();
    const url = `http://127.0.0.1:${port}/`;
    await expect.poll(() => settings.acsUrls.allTextContents()).toEqual([url]);
    await expect.poll(() => settings.listening.textContent()).toContain(`127.0.0.1:${port}`);
    expect((await app.api.invoke('acs.info', {})).acsUrls).toEqual([url]);
    await expect.poll(() => app.page.getByTestId('settings-status').textContent()).toBe(`Saved. The ACS now listens on 127.0.0.1:${port}.`);
    await app.page.mouse.move(0, 0);
    await app.page.evaluate(() => window.scrollTo(0, 0));
    await app.screenshot('settings');
    await app.page.getByTestId('settings-data').scrollIntoViewIfNeeded();
    await app.screenshot('settings-bottom');
    // The built-in CPEs followed: a connection request brings one in on the new port.
    const before = (await app.api.invoke('device.get', { id: first }))!.lastInform;
    await app.api.invoke('device.contact', { id: first });
    await expect.poll(async () => (await app.api.invoke('device.get', { id: first }))!.lastInform, { timeout: 30_000 }).not.toBe(before);
  });

  it('settings: session log caps; a bad value is explained next to its field, a good one is saved', async () => {
    await settings.sessionLogSection.scrollIntoViewIfNeeded();
    expect(await settings.retentionSessions.inputValue()).toBe('1000');
    expect(await settings.retentionMiB.inputValue()).toBe('256');
    for (const bad of ['0', 'abc']) {
      await settings.retentionSessions.fill(bad);
      await expect.poll(() => settings.helper(settings.retentionSessions).textContent()).toBe('a whole number from 1 to 100000');
      expect(await settings.save.isDisabled()).toBe(true);
    }
    await settings.retentionMiB.fill('0');
    await expect.poll(() => settings.helper(settings.retentionMiB).textContent()).toBe('whole MiB from 1 to 102400 (100 GiB)');
    await app.page.mouse.move(0, 0);
    await app.screenshot('settings-session-log-error');

    await settings.retentionSessions.fill('50');
    await settings.retentionMiB.fill('64');
    await expect.poll(() => settings.helper(settings.retentionSessions).textContent()).toMatch(/Default 1000/);
    await settings.save.click();
    await expect.poll(() => settings.status.textContent()).toBe('Saved.');
    expect((await app.api.invoke('settings.get', {})).logRetention).toEqual({ maxSessionsPerDevice: 50, maxMiBPerDevice: 64 });
    expect(await settings.retentionSessions.inputValue()).toBe('50');
    await app.page.mouse.move(0, 0);
    await app.screenshot('settings-session-log');
  });

  it('settings: the file server port and the download URLs CPEs are given (issue 14, item 13)', async () => {
    await settings.open();
    const info = await app.api.invoke('acs.info', {});
    const section = app.page.getByTestId('settings-file-server');
    await section.scrollIntoViewIfNeeded();
    await expect.poll(() => app.page.getByTestId('settings-file-port').textContent()).toBe(`Listening on port ${info.fileServer.port}`);
    const shown = await app.page.getByTestId('file-server-url').allTextContents();
    expect(shown).toEqual([`http://127.0.0.1:${info.fileServer.port}/t/<token>/<file name>`]);
    // The URL a real transfer would put in its request starts with one that is shown.
    const preview = await app.api.invoke('transfer.preview', { deviceId: first });
    expect(shown.some((u) => u.startsWith(new URL(preview.url).origin))).toBe(true);
    await app.page.mouse.move(0, 0);
    await section.screenshot({ path: (await app.screenshot('settings-file-server')).replace(/\.png$/, '-section.png') });
  });

  it('relative times count every second from one clock (issue 14, item 1)', async () => {
    await devices.open();
    await devices.rows.first().waitFor();
    const cell = devices.page.getByTestId(`device-row-${first}`).locator('td').nth(8);
    const secs = async () => Number(/^(\d+) s ago$/.exec((await cell.textContent()) ?? '')?.[1] ?? NaN);
    // A device that informed within the last minute: its "N s ago" goes up while we watch (it used to wait 15 s).
    await app.api.invoke('device.contact', { id: first });
    await expect.poll(secs, { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
    const before = await secs();
    await expect.poll(secs, { timeout: 5_000 }).toBeGreaterThan(before);
  });

  it('dark theme, and no console errors all along', async () => {
    await devices.open();
    await devices.rows.first().waitFor();
    await app.page.getByTestId('theme-toggle').click();
    await app.page.mouse.move(0, 0);
    await app.page.waitForTimeout(300); // the theme transition
    await app.screenshot('devices-list-dark');
    // A bigger virtual CPE, to see discovery progress in a row (best effort: it may finish first).
    const big = await app.startCpe({ model: 'tr181', scale: 6 });
    const running = await devices.discovery(big.id).and(app.page.locator('[data-status="running"]'))
      .waitFor({ timeout: 10_000 }).then(() => true, () => false);
    if (running) await app.screenshot('devices-discovering-dark');
    await expect.poll(() => devices.discovery(big.id).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(app.consoleErrors).toEqual([]);
  });

  it('status from evidence: after a restart the virtual CPEs are not "online"; an unanswered connection request says offline (issue 14, item 3)',
    async () => {
      const ids = (await app.api.invoke('device.list', {})).map((d) => d.id);
      await app.restart(); // the virtual CPEs ran inside the old server: gone
      await devices.open();
      await devices.rows.first().waitFor();
      for (const id of ids) await expect.poll(() => devices.state(id).getAttribute('data-state'), { timeout: 10_000 }).toBe('unknown');
      await devices.state(first).hover();
      await expect.poll(() => app.page.getByRole('tooltip').textContent()).toMatch(/Not heard from since the workbench started/);
      await app.screenshot('devices-status-after-restart');
      await app.page.mouse.move(0, 0);
      await app.page.getByRole('tooltip').waitFor({ state: 'detached' });
      // Evidence: the device does not answer a connection request.
      const r = await app.api.invoke('device.contact', { id: first });
      expect(r.ok).toBe(false);
      await expect.poll(() => devices.state(first).getAttribute('data-state'), { timeout: 10_000 }).toBe('offline');
      await devices.state(first).hover();
      await expect.poll(() => app.page.getByRole('tooltip').textContent()).toMatch(/connection request .* got no answer \(could not reach/);
      await app.screenshot('devices-status-offline');
      await app.page.mouse.move(0, 0);
      expect(app.consoleErrors).toEqual([]);
    });
});
