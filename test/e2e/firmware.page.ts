// Page object for the firmware screen, the push dialog and the device page's
// Transfers tab: the spec speaks in actions, the data-testid locators live here.
import type { Locator, Page } from 'playwright-core';

export class FirmwareScreen {
  constructor(readonly page: Page) {}

  // ---- the firmware screen ----
  get root(): Locator { return this.page.getByTestId('firmware-page'); }
  get empty(): Locator { return this.page.getByTestId('firmware-empty'); }
  get drop(): Locator { return this.page.getByTestId('firmware-drop'); }
  get fileInput(): Locator { return this.page.getByTestId('firmware-file-input'); }
  get transfersCard(): Locator { return this.page.getByTestId('firmware-transfers'); }
  fileRow(id: string): Locator { return this.page.getByTestId(`firmware-row-${id}`); }
  fileVersion(id: string): Locator { return this.page.getByTestId(`firmware-version-${id}`); }
  notice(severity: 'success' | 'info' | 'warning' | 'error'): Locator { return this.page.getByTestId(`notice-${severity}`); }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-firmware').click();
    await this.root.waitFor();
  }

  async addFile(path: string): Promise<void> {
    await this.fileInput.setInputFiles(path);
  }

  /** Drops a file made in the page onto the firmware screen, as a drag from the desktop would. */
  async dropFile(name: string, text: string): Promise<void> {
    await this.root.evaluate((el, f) => {
      const dt = new DataTransfer();
      dt.items.add(new File([f.text], f.name, { type: 'application/octet-stream' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }
    }, { name, text });
  }

  /** Remove → confirm (the backend may refuse: see notice('error')). */
  async remove(id: string): Promise<void> {
    await this.page.getByTestId(`firmware-remove-${id}`).click();
    await this.page.getByTestId('confirm-ok').click();
  }

  async editFile(id: string, meta: { oui?: string; productClass?: string; version?: string }): Promise<void> {
    await this.page.getByTestId(`firmware-edit-${id}`).click();
    for (const [k, v] of Object.entries(meta)) await this.page.getByTestId(`file-edit-${k}`).fill(v);
    await this.page.getByTestId('file-edit-save').click();
    await this.page.getByTestId('file-edit-dialog').waitFor({ state: 'detached' });
  }

  // ---- the push dialog ----
  get pushDialog(): Locator { return this.page.getByTestId('push-dialog'); }
  get previewUrl(): Locator { return this.page.getByTestId('push-preview-url'); }
  get previewOk(): Locator { return this.page.getByTestId('push-preview-ok'); }
  get warnings(): Locator { return this.page.getByTestId('push-warning'); }
  get confirm(): Locator { return this.page.getByTestId('push-confirm'); }
  pushDevice(id: string): Locator { return this.page.getByTestId(`push-device-${id}`); }
  pushFile(id: string): Locator { return this.page.getByTestId(`push-file-${id}`); }

  async openPush(fileId: string): Promise<void> {
    await this.page.getByTestId(`firmware-push-${fileId}`).click();
    await this.pushDialog.waitFor();
  }

  async setOption(name: 'delaySeconds' | 'concurrency' | 'deadlineMinutes', value: string): Promise<void> {
    await this.page.getByTestId(`push-${name}`).fill(value);
  }

  // ---- transfers (firmware screen and device page) ----
  get transferRows(): Locator { return this.page.locator('[data-testid^="transfer-row-"]'); }
  transferRow(id: string): Locator { return this.page.getByTestId(`transfer-row-${id}`); }

  async filterByDevice(id: string): Promise<void> {
    await this.page.getByTestId('transfer-device-filter').fill(id);
    await this.page.getByRole('option', { name: id, exact: true }).click();
  }
  transferState(id: string): Promise<string | null> { return this.transferRow(id).getAttribute('data-state'); }
  progress(id: string): Locator { return this.page.getByTestId(`transfer-progress-${id}`); }
  fault(id: string): Locator { return this.page.getByTestId(`transfer-fault-${id}`); }
  cancel(id: string): Locator { return this.page.getByTestId(`transfer-cancel-${id}`); }
  summary(id: string): Locator { return this.page.getByTestId(`transfer-summary-${id}`); }
  version(id: string): Locator { return this.page.getByTestId(`transfer-version-${id}`); }
  reboot(id: string): Locator { return this.page.getByTestId(`transfer-reboot-${id}`); }
  started(id: string): Locator { return this.page.getByTestId(`transfer-started-${id}`); }
  completed(id: string): Locator { return this.page.getByTestId(`transfer-completed-${id}`); }

  /**
   * Notes every data-state a transfer row shows from now on (a small file
   * goes from queued to succeeded in well under a second).
   */
  async recordStates(): Promise<(id: string) => Promise<string[]>> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __transferStates?: Record<string, string[]> };
      const seen = (w.__transferStates ??= {});
      const note = () => {
        for (const el of document.querySelectorAll('[data-testid^="transfer-row-"]')) {
          const id = el.getAttribute('data-testid')!.slice('transfer-row-'.length);
          const s = el.getAttribute('data-state') ?? '';
          const list = (seen[id] ??= []);
          if (list[list.length - 1] !== s) list.push(s);
        }
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
      note();
    });
    return (id) => this.page.evaluate((i) => (window as unknown as { __transferStates?: Record<string, string[]> }).__transferStates?.[i] ?? [], id);
  }

  // ---- the device page's Transfers tab ----
  get upgrade(): Locator { return this.page.getByTestId('device-upgrade'); }
  get deviceTransfers(): Locator { return this.page.getByTestId('device-transfers'); }
  get backupConfig(): Locator { return this.page.getByTestId('device-backup-config'); }
  get getLog(): Locator { return this.page.getByTestId('device-get-log'); }
  uploadRow(id: string): Locator { return this.page.getByTestId(`upload-row-${id}`); }
  uploadView(id: string): Locator { return this.page.getByTestId(`upload-view-${id}`); }
  get uploadText(): Locator { return this.page.getByTestId('upload-text'); }
  get uploadSave(): Locator { return this.page.getByTestId('upload-save'); }

  async openDevice(uiUrl: string, id: string): Promise<void> {
    await this.page.goto(`${uiUrl}#/device/${encodeURIComponent(id)}`);
    await this.page.getByTestId('device-overview').and(this.page.locator(':not([data-loading])')).waitFor();
  }

  async openDeviceTransfers(): Promise<void> {
    await this.page.getByTestId('device-tab-transfers').click();
    await this.deviceTransfers.waitFor();
  }
}
