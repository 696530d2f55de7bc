import { describe, expect, it } from 'vitest';
import type { TransferRecord } from '../../shared/model/transfers';
import { describeTransfer, evidenceText, fmtBytes } from '../../electron/core/transfers/outcome';

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
});
