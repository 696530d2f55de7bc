// Accepted and refused arguments for the firmware/transfer/upload channels
// (shared/api/schema/transfers.ts), merged into validate.test.ts's table.
import type { TRANSFER_CHANNELS } from '../../shared/api/schema/transfers';

const long = (n: number) => 'x'.repeat(n);

export const TRANSFER_CASES: { [C in keyof typeof TRANSFER_CHANNELS]: { good: unknown[]; bad: [unknown, string][] } } = {
  'files.list': { good: [{}], bad: [[{ all: 1 }, 'unknown key "all"']] },
  'files.add': {
    good: [{ path: '/tmp/fw.bin' }, { path: '/tmp/fw.bin', fileType: '1 Firmware Upgrade Image', oui: '', version: '1.2.3', name: 'fw.bin' }],
    bad: [[{}, 'args.path is required'], [{ path: '' }, 'args.path must not be empty'], [{ path: '/a', oui: long(7) }, 'args.oui must be at most 6'],
      [{ path: '/a', name: long(129) }, 'args.name must be at most 128']],
  },
  'files.upload': {
    good: [{ name: 'fw.bin', offset: 0, bytes: 'AAAA' }, { uploadId: 'u1', name: 'fw.bin', offset: 3, bytes: '', done: true }],
    bad: [[{ name: 'fw.bin', offset: 0, bytes: 'A' }, 'args.bytes must be base64'], [{ name: 'fw.bin', offset: -1, bytes: '' }, 'args.offset must be an integer'],
      [{ name: 'fw.bin', offset: 0, bytes: 'A'.repeat(699_056) }, 'at most 512 KiB'], [{ offset: 0, bytes: '' }, 'args.name is required']],
  },
  'files.update': { good: [{ id: 'f', version: '' }], bad: [[{ id: 'f', size: 3 }, 'unknown key "size"']] },
  'files.remove': { good: [{ id: 'f' }], bad: [[{}, 'args.id is required']] },
  'transfer.preview': { good: [{ deviceId: 'a' }, { deviceId: 'a', fileId: 'f' }], bad: [[{ fileId: 'f' }, 'args.deviceId is required']] },
  'transfer.download': {
    good: [{ deviceId: 'a', fileId: 'f' }, {
      deviceId: 'a', fileId: 'f', delaySeconds: 0, credentials: true, targetFileName: '', successURL: '', failureURL: '', fileSize: 0,
      windows: [{ start: 0, end: 60 }, { start: 120, end: 180, mode: '2 Immediately', maxRetries: -1 }], deadlineSeconds: 60,
    }],
    bad: [
      [{ deviceId: 'a', fileId: 'f', windows: [{ start: 10, end: 5 }] }, 'each window must end after it starts'],
      [{ deviceId: 'a', fileId: 'f', windows: [{ start: 0, end: 60 }, { start: 30, end: 90 }] }, 'the second window must start after the first ends'],
      [{ deviceId: 'a', fileId: 'f', windows: [] }, 'must have 1 to 2 items'],
      [{ deviceId: 'a', fileId: 'f', delaySeconds: -1 }, 'args.delaySeconds must be an integer'],
      [{ deviceId: 'a', fileId: 'f', URL: 'http://x/' }, 'unknown key "URL"'],
    ],
  },
  'transfer.upload': {
    good: [{ deviceId: 'a', fileType: '1 Vendor Configuration File' }, { deviceId: 'a', fileType: '3 Vendor Configuration File 2', maxBytes: 1024 }],
    bad: [[{ deviceId: 'a' }, 'args.fileType is required'], [{ deviceId: 'a', fileType: 'x', maxBytes: 0 }, 'args.maxBytes must be an integer']],
  },
  'transfer.list': { good: [{}, { deviceId: 'a', bulkId: 'b' }], bad: [[{ state: 'x' }, 'unknown key "state"']] },
  'transfer.cancel': { good: [{ id: 't' }], bad: [[{ id: 1 }, 'args.id must be a string']] },
  'transfer.queued': { good: [{ deviceId: 'a', waitSeconds: 0 }], bad: [[{ deviceId: 'a', waitSeconds: 121 }, 'between 0 and 120']] },
  'transfer.bulkDownload': {
    good: [{ deviceIds: ['a', 'b'], fileId: 'f', concurrency: 2 }],
    bad: [[{ deviceIds: [], fileId: 'f', concurrency: 2 }, 'must have 1 to 10000 items'], [{ deviceIds: ['a'], fileId: 'f', concurrency: 0 }, 'args.concurrency'],
      [{ deviceIds: [3], fileId: 'f', concurrency: 1 }, 'args.deviceIds[0] must be a string']],
  },
  'uploads.list': { good: [{}, { deviceId: 'a' }], bad: [[{ deviceId: '' }, 'must not be empty']] },
  'uploads.read': {
    good: [{ id: 'u' }, { id: 'u', offset: 10, maxBytes: 1024, encoding: 'base64' }],
    bad: [[{ id: 'u', maxBytes: 1024 * 1024 + 1 }, 'args.maxBytes must be an integer'], [{ id: 'u', encoding: 'hex' }, 'args.encoding must be one of text, base64']],
  },
  'uploads.remove': { good: [{ id: 'u' }], bad: [[{ id: '' }, 'must not be empty']] },
};
