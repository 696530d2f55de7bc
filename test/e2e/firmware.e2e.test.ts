// Firmware staging and file transfers in Chromium against the real headless
// server: an image staged through the file input, pushed to a virtual CPE
// (progress, TransferComplete with its times, the reboot and the new
// SoftwareVersion), an injected failure with its fault in words, a bulk push
// with a warning and an unreachable file server, a CPE whose "done" the file
// server's evidence disputes, and a configuration backup viewed as text and saved.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VirtualCpe } from '../../electron/sim/virtual-cpe';
import type { Quirks } from '../../electron/sim/quirks';
import type { FirmwareFile, TransferRecord } from '../../shared/model/transfers';
import { FirmwareScreen } from './firmware.page';
import { describeE2e, launchApp, type E2eApp } from './support/app';

const IMAGE = 'hgw5000-fw.bin';
// The virtual CPE takes its new SoftwareVersion from the first line; 3 MiB so bytes are served over several progress ticks.
const CONTENT = Buffer.concat([Buffer.from('version=9.9.9\n'), randomBytes(3 * 1024 * 1024)]);
const CR = { host: '127.0.0.1', username: 'acs', password: 'workbench' };

let app: E2eApp;
let fw: FirmwareScreen;
let src = '';
let good = '';
let file: FirmwareFile;
const cpes: VirtualCpe[] = [];

async function waitFor<T>(what: string, get: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  for (const end = Date.now() + ms; ;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The device's newest transfer (transfer.list answers newest first). */
async function newestTransfer(deviceId: string, kind?: TransferRecord['kind']): Promise<TransferRecord | undefined> {
  return (await app.api.invoke('transfer.list', { deviceId })).find((t) => !kind || t.kind === kind);
}

async function virtualCpe(serial: string, quirks: Quirks): Promise<string> {
  const cpe = new VirtualCpe({ acsUrl: app.acsUrl, model: 'tr181', serialNumber: serial, quirks, connectionRequest: CR, rebootDelayMs: 50 });
  cpes.push(cpe);
  await cpe.start();
  await waitFor(`${serial} to inform`, () => app.api.invoke('device.get', { id: cpe.deviceKey }));
  return cpe.deviceKey;
}

beforeAll(async () => {
  app = await launchApp();
  fw = new FirmwareScreen(app.page);
  src = await mkdtemp(join(tmpdir(), 'wb-fw-src-'));
  await writeFile(join(src, IMAGE), CONTENT);
  good = (await app.startCpe({ model: 'tr181' })).id;
  await waitFor('the virtual CPE to be discovered', async () => (await app.api.invoke('device.get', { id: good }))?.discovery.status === 'done');
});
afterAll(async () => {
  for (const c of cpes) await c.stop();
  await app?.close();
  if (src) await rm(src, { recursive: true, force: true });
});

describeE2e('firmware and file transfers', () => {
  it('stages an image through the file picker: size, SHA-256 and the version from its first line', async () => {
    await fw.open();
    await fw.empty.waitFor();
    expect(await fw.drop.count()).toBe(1);
    await app.screenshot('firmware-empty');
    await fw.addFile(join(src, IMAGE));
    file = await waitFor('the file in the library', async () => (await app.api.invoke('files.list', {}))[0]);
    expect(file.name).toBe(IMAGE);
    expect(file.size).toBe(CONTENT.length);
    await fw.fileRow(file.id).waitFor();
    await expect.poll(() => fw.fileVersion(file.id).textContent()).toBe('9.9.9');
    expect(await fw.fileRow(file.id).textContent()).toContain(file.sha256.slice(0, 12));
    // Details the push dialog compares with each device.
    await fw.editFile(file.id, { oui: '00D09E', productClass: 'HGW-5000' });
    await expect.poll(async () => (await app.api.invoke('files.list', {}))[0]?.productClass).toBe('HGW-5000');
    await expect.poll(() => fw.fileRow(file.id).textContent()).toContain('HGW-5000');
    await app.page.mouse.move(0, 0);
    await app.screenshot('firmware-library');
  });

  it('pushes it to a virtual CPE: preview, progress, TransferComplete, reboot and the new SoftwareVersion', async () => {
    await fw.openPush(file.id);
    await fw.pushDevice(good).click();
    await expect.poll(() => fw.previewUrl.textContent()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/t/<token>/${IMAGE.replace(/\./g, '\\.')}$`));
    await fw.previewOk.waitFor();
    expect(await fw.warnings.count()).toBe(0);
    expect(await fw.confirm.isEnabled()).toBe(true);
    await app.page.waitForTimeout(300); // the confirm button's colour transition
    await app.screenshot('firmware-push-dialog');

    const states = await fw.recordStates();
    await fw.confirm.click();
    await fw.pushDialog.waitFor({ state: 'detached' });
    const t = await waitFor('the transfer record', () => newestTransfer(good, 'Download'));
    await fw.transferRow(t.id).waitFor();
    await expect.poll(() => fw.transferState(t.id), { timeout: 60_000 }).toBe('succeeded');
    // The whole file went out: the bar is full and says so.
    await expect.poll(() => fw.progress(t.id).getAttribute('aria-valuenow')).toBe('100');
    expect(Number(await fw.progress(t.id).getAttribute('data-bytes'))).toBeGreaterThanOrEqual(CONTENT.length);
    const seen = await states(t.id);
    expect(seen[0]).toMatch(/queued|sent|in-progress/);
    expect(seen[seen.length - 1]).toBe('succeeded');
    // TransferComplete: the CPE's own times, the reboot, the version before → after.
    const done = (await app.api.invoke('transfer.list', { deviceId: good })).find((x) => x.id === t.id)!;
    expect(done.startTime).toBeTruthy();
    expect(done.completeTime).toBeTruthy();
    expect(await fw.started(t.id).textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(await fw.completed(t.id).textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
    await expect.poll(() => fw.summary(t.id).textContent()).toContain('TransferComplete');
    await expect.poll(() => fw.version(t.id).textContent()).toBe('5.4.1-build77 → 9.9.9');
    await expect.poll(() => fw.reboot(t.id).textContent()).toMatch(/Rebooted .*1 BOOT/);
    await app.page.mouse.move(0, 0);
    await fw.transfersCard.scrollIntoViewIfNeeded();
    await app.page.waitForTimeout(500); // the progress bar's fill animation
    await app.screenshot('firmware-transfers');
  });

  it('the device page shows the new SoftwareVersion, and the transfer in its Transfers tab', async () => {
    await fw.openDevice(app.uiUrl, good);
    await expect.poll(() => app.page.getByTestId('overview-firmware').textContent(), { timeout: 20_000 }).toBe('9.9.9');
    await fw.openDeviceTransfers();
    const t = (await newestTransfer(good, 'Download'))!;
    await expect.poll(() => fw.transferState(t.id)).toBe('succeeded');
    expect(await fw.deviceTransfers.textContent()).toContain(IMAGE);
  });

  it('a file in use cannot be removed; a delayed download can be cancelled on the CPE (CancelTransfer)', async () => {
    await fw.upgrade.click();
    await fw.pushDialog.waitFor();
    await fw.pushFile(file.id).click();
    await expect.poll(() => fw.warnings.allTextContents()).toEqual(['The device already runs 9.9.9']);
    await fw.setOption('delaySeconds', '3600');
    await fw.confirm.click();
    await fw.deviceTransfers.waitFor();
    const t = await waitFor('the delayed transfer', async () => {
      const x = await newestTransfer(good, 'Download');
      return x?.delaySeconds === 3600 ? x : undefined;
    });
    await expect.poll(() => fw.transferState(t.id), { timeout: 30_000 }).toBe('sent');
    // The backend refuses to remove a file a transfer in progress uses; the UI says why.
    await app.page.goto(`${app.uiUrl}#/firmware`);
    await fw.remove(file.id);
    await expect.poll(() => fw.notice('error').textContent()).toContain('is used by 1 transfer(s) in progress');
    expect((await app.api.invoke('files.list', {})).map((f) => f.id)).toContain(file.id);
    await fw.cancel(t.id).click();
    await expect.poll(() => fw.transferState(t.id), { timeout: 30_000 }).toBe('cancelled');
    await expect.poll(() => fw.summary(t.id).textContent()).toContain('CancelTransfer');
  });

  it('an injected failure (a corrupt image) shows its fault in words', async () => {
    const bad = await virtualCpe('FW-CORRUPT', { transferFault: 'corrupt' });
    await fw.openDevice(app.uiUrl, bad);
    await fw.upgrade.click();
    await fw.pushDialog.waitFor();
    await fw.pushFile(file.id).click();
    await expect.poll(() => fw.previewUrl.textContent()).toContain(IMAGE);
    await fw.confirm.click();
    // After a push from the device page its Transfers tab is shown.
    await fw.deviceTransfers.waitFor();
    const t = await waitFor('the transfer record', () => newestTransfer(bad, 'Download'));
    await expect.poll(() => fw.transferState(t.id), { timeout: 60_000 }).toBe('failed');
    await expect.poll(() => fw.fault(t.id).textContent()).toMatch(/^9018 Download failure: file corrupted or unusable: /);
    expect(await fw.version(t.id).textContent()).toBe('5.4.1-build77 → 5.4.1-build77');
    // The corrupt image was not installed: no reboot, only the Inform carrying TransferComplete.
    await expect.poll(() => fw.reboot(t.id).textContent()).toMatch(/^No reboot; reported in an Inform at .*M Download/);
    await app.page.mouse.move(0, 0);
    await app.page.waitForTimeout(500); // the progress bar's fill animation
    await app.screenshot('device-transfers');
  });

  it('bulk push: a warning for a device already on the version, and an unreachable file server in words (9015)', async () => {
    const unreachable = await virtualCpe('FW-UNREACH', { transferFault: 'unreachable' });
    await app.page.goto(`${app.uiUrl}#/firmware`);
    await fw.openPush(file.id);
    await fw.pushDevice(good).click();
    await fw.pushDevice(unreachable).click();
    await expect.poll(() => fw.warnings.allTextContents()).toContainEqual(expect.stringContaining('already runs 9.9.9'));
    await fw.setOption('concurrency', '2');
    expect(await fw.confirm.textContent()).toBe('Push anyway to 2 devices');
    await app.screenshot('firmware-push-bulk');
    await fw.confirm.click();
    await fw.pushDialog.waitFor({ state: 'detached' });
    const tu = await waitFor('the bulk transfer', () => newestTransfer(unreachable, 'Download'));
    const tg = await waitFor('the bulk transfer', async () => {
      const t = await newestTransfer(good, 'Download');
      return t?.bulkId === tu.bulkId ? t : undefined;
    });
    await expect.poll(() => fw.transferState(tu.id), { timeout: 60_000 }).toBe('failed');
    await expect.poll(() => fw.fault(tu.id).textContent()).toMatch(/^9015 Download failure: unable to contact file server/);
    await expect.poll(() => fw.transferState(tg.id), { timeout: 60_000 }).toBe('succeeded');
    // Filter by device: only its transfers stay.
    await fw.filterByDevice(unreachable);
    await expect.poll(() => fw.transferRows.count()).toBe(1);
    expect(await fw.transferRow(tu.id).count()).toBe(1);
  });

  it('a CPE that answers Status 0 and never fetches the file: disputed in the warning colour, not green "done"', async () => {
    const liar = await virtualCpe('FW-NOTFETCHED', { downloadNotFetched: true });
    const t = await app.api.invoke('transfer.download', { deviceId: liar, fileId: file.id });
    await fw.openDevice(app.uiUrl, liar);
    await fw.openDeviceTransfers();
    await expect.poll(() => fw.transferState(t.id), { timeout: 30_000 }).toBe('disputed');
    expect(await fw.summary(t.id).textContent()).toBe(
      `Disputed: the CPE says the download is done (DownloadResponse Status 0), but it never fetched the file: 0 of ${CONTENT.length.toLocaleString('en-US')} bytes served. SoftwareVersion still 5.4.1-build77.`,
    );
    expect(await app.page.getByTestId(`transfer-state-${t.id}`).getAttribute('class')).toContain('MuiChip-colorWarning');
    await app.page.getByTestId(`transfer-disputed-${t.id}`).waitFor();
    expect(await fw.progress(t.id).getAttribute('class')).toContain('MuiLinearProgress-colorWarning');
  });

  it('a file dropped on the page joins the library (type guessed from its name) and can be removed', async () => {
    await app.page.goto(`${app.uiUrl}#/firmware`);
    await fw.root.waitFor();
    await fw.dropFile('lab-settings.cfg', '<config>lab</config>\n');
    const added = await waitFor('the dropped file', async () => (await app.api.invoke('files.list', {})).find((f) => f.name === 'lab-settings.cfg'));
    expect(added.fileType).toBe('3 Vendor Configuration File');
    await expect.poll(() => fw.page.getByTestId(`firmware-type-${added.id}`).textContent()).toBe('Configuration file');
    await fw.remove(added.id);
    await expect.poll(() => fw.fileRow(added.id).count()).toBe(0);
    expect((await app.api.invoke('files.list', {})).map((f) => f.id)).toEqual([file.id]);
  });

  it('backs up the configuration in two clicks: viewed as text, saved as a file', async () => {
    await fw.openDevice(app.uiUrl, good);
    await fw.openDeviceTransfers();
    const before = (await app.api.invoke('uploads.list', { deviceId: good })).length;
    await fw.backupConfig.click();
    const upload = await waitFor('the uploaded configuration', async () => {
      const list = await app.api.invoke('uploads.list', { deviceId: good });
      return list.length > before ? list[0] : undefined;
    });
    expect(upload.fileType).toBe('1 Vendor Configuration File');
    await fw.uploadRow(upload.id).waitFor();
    const t = (await newestTransfer(good, 'Upload'))!;
    await expect.poll(() => fw.transferState(t.id), { timeout: 30_000 }).toBe('succeeded');
    await fw.uploadView(upload.id).click();
    await expect.poll(() => fw.uploadText.textContent()).toContain('<Parameter name="Device.');
    const text = (await fw.uploadText.textContent())!;
    expect(text).toContain('<DeviceConfig');
    // Shown as text: the XML is not turned into elements.
    expect(await fw.uploadText.locator('*').count()).toBe(0);
    await app.page.mouse.move(0, 0);
    await app.screenshot('upload-view');
    const [download] = await Promise.all([app.page.waitForEvent('download'), fw.uploadSave.click()]);
    expect(download.suggestedFilename()).toBe(`${good}-${upload.name}`);
    const saved = await readFile((await download.path())!);
    expect(saved.length).toBe(upload.size);
    expect(saved.toString('utf8')).toContain('<DeviceConfig');
    await app.page.keyboard.press('Escape');
  });

  it('no console errors all along', () => {
    expect(app.consoleErrors).toEqual([]);
  });
});
