import { describe, expect, it } from 'vitest';
import type { TransferRecord } from '../../shared/model/transfers';
import { describeTransfer, evidenceText, fmtBytes } from '../../electron/core/transfers/outcome';
import { evidenceAgrees, servedByWorkbench, taskWithEvidence } from '../../electron/core/transfers/transfer-claims';
import type { TaskRecord } from '../../shared/model/records';

const base: TransferRecord = {
  id: 't', deviceId: 'd', kind: 'Download', state: 'unknown', commandKey: 'wb-1', fileType: '1 Firmware Upgrade Image', url: 'http://h/t/x',
  created: '2026-01-01T00:00:00Z', bytesServed: 0, fullyServed: false, summary: '', size: 10 * 1024 * 1024,
  softwareVersionBefore: '1.0', softwareVersionAfter: '1.0', deadline: '2026-01-01T00:30:00Z',
};

describe('transfer outcome in words', () => {
  it('sizes', () => {
    expect(fmtBytes(512)).toBe('512 B');
    expect(fmtBytes(1536)).toBe('1.5 KiB');
    expect(fmtBytes(2 * 1024 ** 3)).toBe('2.0 GiB');
  });

  it('unknown: what was seen decides the verdict', () => {
    expect(evidenceText(base, { fullyServed: false, bytesServed: 0, softwareVersionChanged: false }))
      .toBe('The CPE never fetched the file; no reboot was seen; SoftwareVersion is still 1.0. The transfer most likely failed (or the CPE fetched the file from elsewhere).');
    expect(evidenceText(base, { fullyServed: false, bytesServed: 1024 * 1024, softwareVersionChanged: false }))
      .toMatch(/^Only part of the file was served \(1\.0 MiB of 10\.0 MiB\)/);
    expect(evidenceText(base, { fullyServed: true, bytesServed: base.size!, rebootedAt: '2026-01-01T00:05:00Z', bootEvents: ['1 BOOT'], softwareVersionChanged: false }))
      .toMatch(/the device rebooted \(1 BOOT at 2026-01-01T00:05:00Z\); SoftwareVersion is still 1\.0\. The CPE fetched the file and rebooted, but runs the same version: the image may have been rejected\.$/);
    expect(evidenceText(base, { fullyServed: true, bytesServed: base.size!, softwareVersionChanged: false }))
      .toMatch(/has not rebooted or reported anything\.$/);
    expect(evidenceText({ ...base, kind: 'Upload', uploadId: 'u', size: 2048 }, { fullyServed: false, bytesServed: 0, softwareVersionChanged: false }))
      .toMatch(/^A file arrived \(2\.0 KiB\).*The upload most likely succeeded\.$/);
  });

  it('each state has a sentence', () => {
    expect(describeTransfer({ ...base, state: 'waiting', bulkConcurrency: 3 })).toBe('Waiting for a free slot (bulk push, 3 device(s) at a time).');
    expect(describeTransfer({ ...base, state: 'queued' })).toBe("Queued: the Download request goes out in the device's next session.");
    expect(describeTransfer({ ...base, state: 'sent', responseStatus: 1, delaySeconds: 30 }))
      .toBe('Accepted by the CPE (DownloadResponse Status 1): it will fetch the file after 30 s.');
    expect(describeTransfer({ ...base, state: 'in-progress', bytesServed: 5 * 1024 * 1024 })).toBe('Transferring: 5.0 MiB of 10.0 MiB served (50%).');
    expect(describeTransfer({ ...base, state: 'failed', error: 'refused' })).toBe('Failed: refused');
    expect(describeTransfer({ ...base, state: 'cancelled' })).toBe('Cancelled.');
  });

  // A.3.2.8 Status 0 / A.3.3.2 TransferComplete without a fault, against what the file server served.
  describe('the CPE\'s word against the evidence', () => {
    const dl: TransferRecord = { ...base, size: 1234567, softwareVersionBefore: undefined, softwareVersionAfter: undefined };
    const at = '2026-01-01T00:10:00Z';

    it('disputed: never fetched, partly fetched, bytes enough but not every part', () => {
      const status0 = { ...dl, state: 'disputed' as const, responseStatus: 0, claim: { via: 'Status 0' as const, at, verdict: 'disputed' as const, bytesServed: 0 } };
      expect(describeTransfer(status0))
        .toBe('Disputed: the CPE says the download is done (DownloadResponse Status 0), but it never fetched the file: 0 of 1,234,567 bytes served.');
      const tc = { ...status0, responseStatus: 1, claim: { ...status0.claim, via: 'TransferComplete' as const }, bytesServed: 4096 };
      expect(describeTransfer(tc))
        .toBe('Disputed: the CPE says the download succeeded (TransferComplete without a fault), but it did not fetch all of the file: 4,096 of 1,234,567 bytes served.');
      expect(describeTransfer({ ...tc, bytesServed: 2000000 }))
        .toBe('Disputed: the CPE says the download succeeded (TransferComplete without a fault), but it did not fetch all of the file: 2,000,000 bytes served, but not every part of the 1,234,567-byte file.');
      expect(describeTransfer({ ...tc, kind: 'Upload', responseStatus: 0, claim: { ...tc.claim, via: 'Status 0' } }))
        .toBe('Disputed: the CPE says the upload is done (UploadResponse Status 0), but no file arrived at the workbench.');
    });

    it('pending: checking, with the bytes so far', () => {
      expect(describeTransfer({ ...dl, state: 'sent', responseStatus: 0, claim: { via: 'Status 0', at, verdict: 'pending', bytesServed: 0 } }))
        .toBe('Checking: the CPE says the download is done (DownloadResponse Status 0); the file server has served 0 of 1,234,567 bytes so far.');
    });

    it('done: confirmed with the bytes, late with a note, unverified without evidence', () => {
      const ok = { ...dl, state: 'succeeded' as const, responseStatus: 1, bytesServed: 1234567, fullyServed: true,
        startTime: '2026-01-01T00:00:00Z', completeTime: '2026-01-01T00:00:07Z', claim: { via: 'TransferComplete' as const, at, verdict: 'confirmed' as const, bytesServed: 1234567 } };
      expect(describeTransfer(ok)).toBe('Done. TransferComplete: the CPE reports success (7 s). The file server served all 1,234,567 bytes.');
      expect(describeTransfer({ ...ok, responseStatus: 0, claim: { ...ok.claim, via: 'Status 0', verdict: 'late', confirmedAt: '2026-01-01T00:10:12Z' } }))
        .toBe('Done, but late: the CPE reported the download done (DownloadResponse Status 0) before it had fetched the file; it fetched all 1,234,567 bytes afterwards (12 s).');
      expect(describeTransfer({ ...ok, claim: { ...ok.claim, verdict: 'unverified' } }))
        .toBe('Reported done by the CPE; not verified (the file is not served by the workbench). TransferComplete: the CPE reports success (7 s).');
      expect(describeTransfer({
        ...ok, kind: 'AutonomousTransferComplete', claim: undefined,
        autonomous: { announceURL: '', transferURL: 'http://vendor.example/fw.bin', isDownload: true, fileSize: 1, targetFileName: '' },
      })).toBe('Reported done by the CPE; not verified (the file is not served by the workbench). The CPE reported an autonomous download of http://vendor.example/fw.bin (7 s).');
      // Records from before claims were checked read as they did.
      expect(describeTransfer({ ...ok, claim: undefined })).toBe('Done. TransferComplete: the CPE reports success (7 s).');
    });

    it('a firmware image still on the old SoftwareVersion after the reboot is said', () => {
      const ok = { ...base, state: 'succeeded' as const, bytesServed: base.size!, fullyServed: true, claim: { via: 'TransferComplete' as const, at, verdict: 'confirmed' as const, bytesServed: base.size! } };
      const rebooted = { ...ok, evidence: { fullyServed: true, bytesServed: base.size!, rebootedAt: at, bootEvents: ['1 BOOT', 'M Download'], softwareVersionChanged: false } };
      expect(describeTransfer(rebooted)).toMatch(/ SoftwareVersion still 1\.0 after the reboot: the new image does not seem to be running\.$/);
      expect(describeTransfer(ok)).toMatch(/served all 10,485,760 bytes\. SoftwareVersion still 1\.0\.$/);
      expect(describeTransfer({ ...rebooted, fileType: '2 Web Content' })).toMatch(/ SoftwareVersion still 1\.0\.$/);
      expect(describeTransfer({ ...rebooted, softwareVersionAfter: '2.0' })).toMatch(/ SoftwareVersion 1\.0 → 2\.0\.$/);
    });

    it('what counts as evidence, and the verdict on the task', () => {
      expect(evidenceAgrees({ ...dl, bytesServed: 1234567, fullyServed: false })).toBe(false);
      expect(evidenceAgrees({ ...dl, fullyServed: true })).toBe(true);
      expect(evidenceAgrees({ ...dl, kind: 'Upload', uploadId: 'u' })).toBe(true);
      expect(evidenceAgrees({ ...dl, kind: 'Upload' })).toBe(false);
      expect(servedByWorkbench({ ...dl, token: 'a'.repeat(32) })).toBe(true);
      expect(servedByWorkbench({ ...dl })).toBe(false);
      expect(servedByWorkbench({ ...dl, kind: 'AutonomousTransferComplete', token: 'a'.repeat(32) })).toBe(false);
      const task: TaskRecord = {
        id: 'k', deviceId: 'd', rpc: 'Download', args: {} as TaskRecord['args'], status: 'done', origin: 'transfer', created: at, attempts: 1,
        result: { Status: 0, StartTime: at, CompleteTime: at },
      };
      const t = { ...dl, state: 'disputed' as const, summary: 'Disputed: …', claim: { via: 'Status 0' as const, at, verdict: 'disputed' as const, bytesServed: 0 } };
      expect(taskWithEvidence(task, t)).toEqual({
        ...task, result: { Status: 0, StartTime: at, CompleteTime: at, Evidence: { verdict: 'disputed', transferId: 't', bytesServed: 0, size: 1234567, text: 'Disputed: …' } },
      });
      expect(task.result).not.toHaveProperty('Evidence');
    });
  });
});
