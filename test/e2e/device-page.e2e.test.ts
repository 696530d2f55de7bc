// The device page in Chromium against the real headless server and a
// virtual TR-181 CPE: the summary, the lazy tree, editing a Wi-Fi SSID in
// place (and refusing a bad value before anything is sent), AddObject and
// DeleteObject on the NAT port-mapping table, a reboot the device comes back
// from, and a hostile value shown as text.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TaskRecord } from '../../shared/model/records';
import { describeE2e, launchApp, type E2eApp } from './support/app';
import { DeviceScreen } from './device.page';

let app: E2eApp;
let dev: DeviceScreen;
let id = '';
const dialogs: string[] = [];
const SSID = 'Device.WiFi.SSID.1.SSID';
const XSS = '<img src=x onerror=alert(1)>';

/** The device's tasks for one RPC, newest first (task.list answers oldest first). */
async function tasksOf(rpc: string): Promise<TaskRecord[]> {
  return (await app.api.invoke('task.list', { deviceId: id })).filter((t) => t.rpc === rpc && t.origin !== 'discovery').reverse();
}

beforeAll(async () => {
  app = await launchApp();
  app.page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  dev = new DeviceScreen(app.page);
  id = (await app.startCpe({ model: 'tr181' })).id;
  for (const end = Date.now() + 60_000; (await app.api.invoke('device.get', { id }))?.discovery.status !== 'done';) {
    if (Date.now() > end) throw new Error('the virtual CPE was not discovered within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(async () => {
  await app?.close();
});

describeE2e('device page', () => {
  it('opens with the summary support staff ask for first', async () => {
    await dev.open(app.uiUrl, id);
    // Each virtual CPE gets its own WAN address: compare with what the device reported.
    const [wanIp] = await app.api.invoke('parameter.list', { deviceId: id, path: 'Device.IP.Interface.1.IPv4Address.1.IPAddress' });
    expect(wanIp?.value).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    await expect.poll(() => dev.wanIp.textContent()).toBe(wanIp.value);
    expect(await dev.firmware.textContent()).toBe('5.4.1-build77');
    expect(await dev.ssid(1).textContent()).toContain('HomeNet-2G');
    expect(await dev.ssid(2).textContent()).toMatch(/HomeNet-5G.*5GHz.*ch 36/);
    expect(await dev.discovery.getAttribute('data-status')).toBe('done');
    // Lazy tree: the root is open with its first level only.
    await dev.row('Device.DeviceInfo.').waitFor();
    expect(await dev.row('Device.DeviceInfo.SoftwareVersion').count()).toBe(0);
    await dev.expand('Device.DeviceInfo.');
    await dev.row('Device.DeviceInfo.Description').waitFor();
    // Search by value reveals the parameter inside its (virtualized) object.
    await dev.reveal('5.4.1-build77', 'Device.DeviceInfo.SoftwareVersion');
    expect(await dev.value('Device.DeviceInfo.SoftwareVersion').textContent()).toBe('5.4.1-build77');
    expect(await dev.details.getAttribute('data-path')).toBe('Device.DeviceInfo.SoftwareVersion');
    await dev.details.getByTestId('details-model').waitFor();
    await app.page.mouse.move(0, 0);
    await app.screenshot('device-page');
  });

  it('edits a Wi-Fi SSID in place: pending, then the new value', async () => {
    await dev.reveal('WiFi.SSID.1.SSID', SSID);
    expect(await dev.value(SSID).textContent()).toBe('HomeNet-2G');
    await dev.rowButton('edit', SSID);
    await dev.editorInput.fill('Lab-Workbench');
    await app.page.getByTestId('editor-hint').filter({ hasText: 'max 32 chars' }).waitFor();
    await app.screenshot('device-tree-edit');
    const sawPending = await dev.watch(`tree-pending-${SSID}`);
    await dev.editorSave.click();
    await expect.poll(async () => (await tasksOf('SetParameterValues'))[0]?.status, { timeout: 30_000 }).toBe('done');
    await expect.poll(() => dev.value(SSID).textContent(), { timeout: 10_000 }).toBe('Lab-Workbench');
    expect(await sawPending()).toBe(true);
    expect(await dev.pending(SSID).count()).toBe(0);
    const done = (await tasksOf('SetParameterValues'))[0];
    expect(await dev.task(done.id).getAttribute('data-status')).toBe('done');
    await expect.poll(() => dev.ssidName(1).textContent()).toBe('Lab-Workbench');
  });

  it('an SSID in the overview opens its editor in the tree: a new Wi-Fi name in two clicks', async () => {
    const path = 'Device.WiFi.SSID.2.SSID';
    await dev.editSsidFromOverview(2);
    await dev.row(path).and(app.page.locator('[aria-selected="true"]')).waitFor();
    expect(await dev.row(path).getByTestId('editor-input').inputValue()).toBe('HomeNet-5G');
    expect(await dev.details.getAttribute('data-path')).toBe(path);
    await app.page.mouse.move(0, 0);
    await app.screenshot('device-overview-ssid-edit');
    await app.page.keyboard.press('Escape');
    await expect.poll(() => dev.editorInput.count()).toBe(0);
  });

  it('search says when it shows only the best matches, and how to narrow them', async () => {
    await dev.search.fill('SSID');
    await expect.poll(() => dev.searchSummary.textContent()).toMatch(/^More than 200 matches, the best 200 shown \(exact names first\): add a word/);
    // What support staff mean by "SSID" comes first.
    const first = app.page.locator('[data-testid^="search-result-"]');
    expect(await first.nth(0).getAttribute('data-testid')).toBe('search-result-Device.WiFi.SSID.');
    expect(await first.nth(1).getAttribute('data-testid')).toBe('search-result-Device.WiFi.SSID.1.SSID');
    await dev.search.fill('HomeNet-5G');
    await expect.poll(() => dev.searchSummary.textContent()).toBe('1 match — choose one to show it in the tree');
    await app.page.keyboard.press('Escape');
  });

  it('refuses a bad value inline and sends nothing (keyboard: Enter edits, Escape cancels)', async () => {
    const before = (await app.api.invoke('task.list', { deviceId: id })).length;
    await dev.row(SSID).click();
    await app.page.keyboard.press('Enter');
    await dev.editorInput.fill('x'.repeat(40));
    await app.page.keyboard.press('Enter');
    await expect.poll(() => dev.editorError.textContent()).toBe('too long: 40 characters, at most 32 allowed');
    await dev.editorSave.click();
    await app.page.waitForTimeout(500);
    expect((await app.api.invoke('task.list', { deviceId: id })).length).toBe(before);
    await app.page.keyboard.press('Escape');
    await expect.poll(() => dev.editorInput.count()).toBe(0);
    // The keyboard is back on the row: arrows move on from it.
    await expect.poll(() => dev.focusedPath()).toBe(SSID);
    await app.page.keyboard.press('ArrowDown');
    expect(await dev.focusedPath()).not.toBe(SSID);
    expect(await dev.value(SSID).textContent()).toBe('Lab-Workbench');
  });

  it('adds and deletes a NAT port-mapping instance', async () => {
    const table = 'Device.NAT.PortMapping.';
    await dev.reveal('NAT.PortMapping.', table);
    await dev.expand(table);
    await dev.rowButton('add', table);
    await expect.poll(async () => (await tasksOf('AddObject'))[0]?.status, { timeout: 30_000 }).toBe('done');
    const n = ((await tasksOf('AddObject'))[0].result as { InstanceNumber: number }).InstanceNumber;
    const instance = `${table}${n}.`;
    // The page reveals the new instance once the tree has it.
    await dev.row(instance).and(app.page.locator('[aria-selected="true"]')).waitFor({ timeout: 10_000 });
    await dev.rowButton('delete', instance);
    await dev.confirmOk.click();
    await expect.poll(async () => (await tasksOf('DeleteObject'))[0]?.status, { timeout: 30_000 }).toBe('done');
    await expect.poll(() => dev.row(instance).count(), { timeout: 10_000 }).toBe(0);
    expect((await app.api.invoke('parameter.list', { deviceId: id, path: instance })).length).toBe(0);
  });

  it('shows a hostile value as text: no element is created, no script runs', async () => {
    const path = 'Device.WiFi.SSID.2.SSID';
    const t = await app.api.invoke('task.enqueue', {
      deviceId: id, rpc: 'SetParameterValues', args: { ParameterList: [{ Name: path, Value: XSS }], ParameterKey: 'e2e-xss' },
    });
    await expect.poll(async () => (await app.api.invoke('task.list', { deviceId: id })).find((x) => x.id === t.id)?.status, { timeout: 30_000 }).toBe('done');
    await dev.reveal('SSID.2.SSID', path);
    await expect.poll(() => dev.value(path).textContent(), { timeout: 10_000 }).toBe(XSS);
    await expect.poll(() => dev.ssidName(2).textContent()).toBe(XSS);
    expect(await dev.details.getByTestId('details-value').textContent()).toBe(XSS);
    expect(await dev.root.locator('img').count()).toBe(0);
    await app.page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
  });

  it('task panel: a queued task is cancelled, a fault is explained in words and retried', async () => {
    const gpv = await app.api.invoke('task.enqueue', {
      deviceId: id, rpc: 'GetParameterValues', args: { ParameterNames: ['Device.DeviceInfo.UpTime'] }, contact: false,
    });
    await expect.poll(() => dev.task(gpv.id).getAttribute('data-status')).toBe('queued');
    await app.page.getByTestId(`task-cancel-${gpv.id}`).click();
    await expect.poll(() => dev.task(gpv.id).getAttribute('data-status')).toBe('cancelled');

    // DiagnosticsState=None fits the model (the ACS sends it) but the CPE takes only Requested:
    // it answers 9003 with a SetParameterValuesFault 9007. (A read-only parameter is refused before sending.)
    const diag = 'Device.IP.Diagnostics.IPPing.DiagnosticsState';
    const bad = await app.api.invoke('task.enqueue', {
      deviceId: id, rpc: 'SetParameterValues', args: { ParameterList: [{ Name: diag, Value: 'None' }], ParameterKey: '' },
    });
    await expect.poll(() => dev.task(bad.id).getAttribute('data-status'), { timeout: 30_000 }).toBe('failed');
    const fault = dev.task(bad.id).getByTestId('task-fault');
    await expect.poll(() => fault.textContent()).toMatch(/Device\.IP\.Diagnostics\.IPPing\.DiagnosticsState: 9007 Invalid parameter value/);
    const before = (await tasksOf('SetParameterValues')).length;
    await app.page.getByTestId(`task-retry-${bad.id}`).click();
    await expect.poll(async () => (await tasksOf('SetParameterValues')).length).toBe(before + 1);
    await expect.poll(async () => (await tasksOf('SetParameterValues'))[0].status, { timeout: 30_000 }).toBe('failed');
  });

  it('reboots: the task completes and the device informs again with 1 BOOT', async () => {
    const before = (await app.api.invoke('device.get', { id }))!.lastInform;
    await dev.action('reboot').click();
    await dev.confirmOk.click();
    await expect.poll(async () => (await tasksOf('Reboot'))[0]?.status, { timeout: 30_000 }).toBe('done');
    const reboot = (await tasksOf('Reboot'))[0];
    await expect.poll(() => dev.task(reboot.id).getAttribute('data-status')).toBe('done');
    await expect.poll(async () => {
      const d = await app.api.invoke('device.get', { id });
      return !!d && d.lastInform !== before && d.lastEvents.some((e) => e.EventCode === '1 BOOT');
    }, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => dev.events.textContent(), { timeout: 10_000 }).toContain('1 BOOT');
    // The task says the reboot is over, not that it is still to come.
    await expect.poll(() => dev.task(reboot.id).getByTestId('task-result').textContent()).toMatch(/^rebooted; back at .*M Reboot/);
    await dev.action('contact').click();
    await expect.poll(() => dev.contactResult.getAttribute('data-method')).toBe('connection-request');
    await app.page.mouse.move(0, 0);
    await dev.tasks.scrollIntoViewIfNeeded();
    await app.screenshot('device-tasks');
  });

  it('factory reset asks for the serial number before it can be confirmed', async () => {
    const serial = (await app.api.invoke('device.get', { id }))!.deviceId.SerialNumber;
    await dev.action('factory-reset').click();
    expect(await dev.confirmOk.isDisabled()).toBe(true);
    await app.page.getByTestId('confirm-input').fill('wrong');
    expect(await dev.confirmOk.isDisabled()).toBe(true);
    await app.page.getByTestId('confirm-input').fill(serial);
    expect(await dev.confirmOk.isEnabled()).toBe(true);
    await app.page.getByTestId('confirm-cancel').click();
    await expect.poll(() => dev.confirmOk.count()).toBe(0);
    expect(await tasksOf('FactoryReset')).toEqual([]);
  });

  it('one clock: the header and the card read the same time, a done task keeps counting, the status says why (issue 14, items 1 and 3)', async () => {
    await dev.open(app.uiUrl, id);
    const task = await app.api.invoke('task.enqueue', {
      deviceId: id, rpc: 'GetParameterValues', args: { ParameterNames: ['Device.DeviceInfo.UpTime'] },
    });
    const when = app.page.getByTestId(`task-row-${task.id}`).getByTestId('task-when');
    const secs = async () => Number(/^done (\d+) s ago/.exec((await when.textContent()) ?? '')?.[1] ?? NaN);
    // It used to stay at the text of the render that showed it ("done 15 s ago" forever).
    await expect.poll(secs, { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
    const first = await secs();
    await expect.poll(secs, { timeout: 5_000 }).toBeGreaterThan(first);
    // Header and Last-inform card, read in one go, a few times: the same words every time (they used to tick 15 s and 1 s apart).
    const pairs: [string, string][] = [];
    for (let i = 0; i < 4; i++) {
      pairs.push(await app.page.evaluate(() => [
        document.querySelector('[data-testid="device-last-inform"]')?.textContent?.replace(/^Last inform /, '') ?? '',
        document.querySelector('[data-testid="overview-last-inform-ago"]')?.textContent ?? '',
      ] as [string, string]));
      await app.page.waitForTimeout(1100);
    }
    for (const [header, card] of pairs) expect(header).toBe(card);
    expect(pairs.some(([h]) => /\d+ s ago/.test(h))).toBe(true);
    // The status chip rests on evidence: a built-in virtual CPE running here, no periodic Inform.
    const chip = app.page.getByTestId('device-presence');
    await chip.hover();
    await expect.poll(() => app.page.getByRole('tooltip').textContent()).toMatch(/virtual CPE running in this workbench.*Periodic Inform is off/);
    expect(await chip.getAttribute('data-state')).toMatch(/^(online|in-session)$/);
    await app.screenshot('device-header-presence');
    await app.page.mouse.move(0, 0);
    await dev.tasks.scrollIntoViewIfNeeded();
    await app.screenshot('device-tasks-counting');
  });

  it('no console errors all along', () => {
    expect(app.consoleErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
