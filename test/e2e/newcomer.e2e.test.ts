// A newcomer's first minutes, in one flow through the UI only (issue 3,
// acceptance 1): open the workbench, add a virtual CPE, see it in the list,
// open its tree, edit the Wi-Fi SSID and watch the task complete, add and
// delete a port mapping, reboot and see the device come back.
import { afterAll, beforeAll, expect } from 'vitest';
import type { TaskRecord } from '../../shared/model/records';
import { DeviceScreen } from './device.page';
import { DevicesScreen } from './devices.page';
import { itE2e, launchApp, type E2eApp } from './support/app';

let app: E2eApp;
beforeAll(async () => { app = await launchApp(); });
afterAll(async () => { await app?.close(); });

itE2e('newcomer flow, UI only', async () => {
  const { page } = app;
  const list = new DevicesScreen(page);
  const dev = new DeviceScreen(page);
  await page.getByTestId('device-empty').waitFor();
  await list.openAddVirtualCpe('TR-181');
  await list.confirmAddVirtualCpe();
  const id = await expect.poll(async () => (await app.api.invoke('device.list', {}))[0]?.id, { timeout: 30_000 }).toBeTruthy()
    .then(async () => (await app.api.invoke('device.list', {}))[0].id);
  const row = list.row(id);
  await row.waitFor();
  await expect.poll(async () => (await app.api.invoke('device.get', { id }))?.discovery.status, { timeout: 60_000 }).toBe('done');
  await app.screenshot('newcomer-list');
  await row.click();
  await dev.root.waitFor();
  const tasks = async (rpc: string): Promise<TaskRecord[]> =>
    (await app.api.invoke('task.list', { deviceId: id })).filter((t) => t.rpc === rpc && t.origin !== 'discovery').reverse();

  const ssid = 'Device.WiFi.SSID.1.SSID';
  await dev.reveal('WiFi.SSID.1.SSID', ssid);
  await dev.rowButton('edit', ssid);
  await dev.editorInput.fill('My-First-SSID');
  await dev.editorSave.click();
  await expect.poll(async () => (await tasks('SetParameterValues'))[0]?.status, { timeout: 30_000 }).toBe('done');
  await expect.poll(() => dev.value(ssid).textContent()).toBe('My-First-SSID');
  await app.screenshot('newcomer-ssid');

  const table = 'Device.NAT.PortMapping.';
  await dev.reveal('NAT.PortMapping.', table);
  await dev.rowButton('add', table);
  await expect.poll(async () => (await tasks('AddObject'))[0]?.status, { timeout: 30_000 }).toBe('done');
  const n = ((await tasks('AddObject'))[0].result as { InstanceNumber: number }).InstanceNumber;
  await dev.row(`${table}${n}.`).waitFor();
  await dev.rowButton('delete', `${table}${n}.`);
  await dev.confirmOk.click();
  await expect.poll(() => dev.row(`${table}${n}.`).count(), { timeout: 30_000 }).toBe(0);

  const before = (await app.api.invoke('device.get', { id }))!.lastInform;
  await dev.action('reboot').click();
  await dev.confirmOk.click();
  await expect.poll(async () => (await tasks('Reboot'))[0]?.status, { timeout: 30_000 }).toBe('done');
  await expect.poll(() => dev.events.textContent(), { timeout: 30_000 }).toContain('1 BOOT');
  expect((await app.api.invoke('device.get', { id }))!.lastInform).not.toBe(before);
  await app.screenshot('newcomer-rebooted');
  expect(app.consoleErrors).toEqual([]);
});
