// The CPE's transfer queue: Download, Upload and ScheduleDownload requests
// from accepted to TransferComplete (TR-069 Amd 6 A.3.2.8, A.4.1.5, A.4.1.8),
// listed by GetQueuedTransfers / GetAllQueuedTransfers (A.4.1.6, A.4.1.7)
// and cancellable until they start (CancelTransfer, A.4.1.9).
import type { AllQueuedTransferStruct, EventStruct, FaultStruct, RpcBodies } from '../../shared/cwmp/types';
import { formatDateTime } from '../../shared/cwmp';
import { CpeFault } from './cpe-state';
import type { TransferFaultQuirk } from './quirks';
import { downloadFile, imageVersion, uploadFile, type TransferOutcome } from './file-transfer';
import type { TransferArgs } from './rpc-handlers';

export interface TransferResult {
  kind: TransferArgs['kind'];
  commandKey: string;
  fileType: string;
  outcome: TransferOutcome;
  /** TransferComplete to send (absent under the noTransferComplete quirk). */
  transferComplete?: RpcBodies['TransferComplete'];
  /** Events that go with it: 7 TRANSFER COMPLETE + M Download/M Upload/M ScheduleDownload. */
  events: EventStruct[];
  /** For a successful firmware image: the version the device runs after its reboot. */
  installVersion?: string;
}

export interface TransferHost {
  /** Seconds → milliseconds (tests shrink time). */
  delayMs(seconds: number): number;
  currentVersion(): string;
  /** Contents of an Upload by FileType. */
  uploadBody(fileType: string): { body: Buffer; contentType: string };
  /** A downloaded '3 Vendor Configuration File': returns a fault when unusable. */
  applyConfig(body: Buffer): FaultStruct | null;
  suppressTransferComplete: boolean;
  /** Injected failure (quirk transferFault). */
  transferFault?: TransferFaultQuirk;
  rejectUnauthorized?: boolean;
  done(result: TransferResult): void;
}

interface Transfer {
  args: TransferArgs;
  state: 1 | 2 | 3;   // A.4.1.6: 1 not yet started, 2 in progress, 3 completed
  timers: NodeJS.Timeout[];
  lastFault?: FaultStruct;
}

const MAX_QUEUED = 16;
const FILE_TYPES = /^(1 Firmware Upgrade Image|2 Web Content|3 Vendor Configuration File|4 Tone File|5 Ringer File|X [0-9A-F]{6} .+)$/;
const UPLOAD_TYPES = /^([12] Vendor (Configuration|Log) File|[34] Vendor (Configuration|Log) File \d+|X [0-9A-F]{6} .+)$/;

export class TransferQueue {
  private readonly queue: Transfer[] = [];
  /** CommandKeys of transfers that started or ended: cancelling them is 9021. */
  private readonly started = new Set<string>();

  constructor(private readonly host: TransferHost) {}

  /** Accepts a request (checks only what a CPE checks up front) and returns the post-session start. */
  accept(args: TransferArgs): () => void {
    if (this.queue.length >= MAX_QUEUED) throw new CpeFault(9004, 'the transfer queue is full');
    const isUpload = args.kind === 'Upload';
    if (!(isUpload ? UPLOAD_TYPES : FILE_TYPES).test(args.FileType)) throw new CpeFault(9003, `unsupported FileType "${args.FileType}"`);
    if (!/^https?:\/\//i.test(args.URL)) throw new CpeFault(9013, 'only http and https URLs are supported');
    // Injected: a device that does not take this kind of file. The Download
    // itself is refused: FileType is one of its arguments (9003); 9013 is
    // about the URL's protocol, and a refusal before any transfer has no
    // TransferComplete (whose codes, cwmp-1-2.xsd TransferCompleteFaultStruct,
    // exclude 9003 and 9013).
    if (!isUpload && this.host.transferFault === 'rejectFileType') {
      throw new CpeFault(9003, `this device does not accept FileType "${args.FileType}"`);
    }
    if (args.kind === 'ScheduleDownload') {
      const w = args.TimeWindowList;
      // A.4.1.8: one or two windows, in order, each ending after it starts.
      const bad = w.length < 1 || w.length > 2 || w.some((x) => x.WindowEnd <= x.WindowStart)
        || (w.length === 2 && w[1]!.WindowStart < w[0]!.WindowEnd);
      if (bad) throw new CpeFault(9003, 'invalid TimeWindowList');
    }
    const t: Transfer = { args, state: 1, timers: [] };
    this.queue.push(t);
    return () => this.schedule(t);
  }

  private schedule(t: Transfer): void {
    if (!this.queue.includes(t)) return; // cancelled during the session
    const a = t.args;
    if (a.kind === 'ScheduleDownload') {
      a.TimeWindowList.forEach((w, i) => {
        const last = i === a.TimeWindowList.length - 1;
        t.timers.push(timer(this.host.delayMs(w.WindowStart), () => void this.run(t, { last, windowEnd: w.WindowEnd })));
      });
      return;
    }
    t.timers.push(timer(this.host.delayMs(a.DelaySeconds), () => void this.run(t, { last: true })));
  }

  private async run(t: Transfer, w: { last: boolean; windowEnd?: number }): Promise<void> {
    if (t.state !== 1 || !this.queue.includes(t)) return;
    const a = t.args;
    t.state = 2;
    this.started.add(a.CommandKey);
    const req = { url: a.URL, username: a.Username, password: a.Password, rejectUnauthorized: this.host.rejectUnauthorized };
    let outcome: TransferOutcome;
    const fault = this.host.transferFault;
    if (fault === 'unreachable') {
      // Injected: the URL's host cannot be reached from this device (routing, NAT, a loopback URL).
      const now = formatDateTime(new Date());
      const host = /^[a-z]+:\/\/([^/]+)/i.exec(a.URL)?.[1] ?? a.URL;
      outcome = {
        fault: { FaultCode: a.kind === 'Upload' ? 9011 : 9015, FaultString: `cannot reach ${host}: no route to host` },
        startTime: now, completeTime: now, bytes: 0, head: Buffer.alloc(0),
      };
    } else if (a.kind === 'Upload') {
      const { body, contentType } = this.host.uploadBody(a.FileType);
      outcome = await uploadFile({ ...req, body, contentType });
    } else {
      // Only a configuration file is needed whole; of an image the head (its version line) is enough.
      outcome = await downloadFile({ ...req, fileSize: a.FileSize, keepBytes: a.FileType === '3 Vendor Configuration File' ? undefined : 0 });
      if (!outcome.fault.FaultCode && fault === 'corrupt') {
        outcome.fault = { FaultCode: 9018, FaultString: 'image checksum mismatch: the file is corrupted' };
      }
      // A.5.1 9018 "file corrupted or otherwise unusable": what a real CPE says of an empty image or one with no header it knows.
      if (!outcome.fault.FaultCode && a.FileType === '1 Firmware Upgrade Image') {
        if (outcome.bytes === 0) outcome.fault = { FaultCode: 9018, FaultString: 'the image is empty (0 bytes)' };
        else if (!imageVersion(outcome.head, a.TargetFileName || a.URL)) {
          outcome.fault = { FaultCode: 9018, FaultString: 'not a firmware image for this device: no version header' };
        }
      }
      if (!outcome.fault.FaultCode && a.FileType === '3 Vendor Configuration File') {
        const bad = this.host.applyConfig(outcome.body ?? Buffer.alloc(0));
        if (bad) outcome.fault = bad;
      }
    }
    if (!this.queue.includes(t)) return; // stopped meanwhile
    if (outcome.fault.FaultCode && a.kind === 'ScheduleDownload' && !w.last) {
      t.state = 1; // try again in the next window
      t.lastFault = outcome.fault;
      return;
    }
    if (outcome.fault.FaultCode && a.kind === 'ScheduleDownload') {
      outcome.fault = { FaultCode: 9020, FaultString: `no successful download within the time windows: ${outcome.fault.FaultString}` };
    }
    t.state = 3;
    this.remove(t);
    const ok = outcome.fault.FaultCode === 0;
    const result: TransferResult = { kind: a.kind, commandKey: a.CommandKey, fileType: a.FileType, outcome, events: [] };
    if (ok && a.kind !== 'Upload' && a.FileType === '1 Firmware Upgrade Image') {
      result.installVersion = imageVersion(outcome.head, a.TargetFileName || a.URL);
    }
    // The noTransferComplete quirk: some CPEs report a successful download only by rebooting.
    if (!(ok && a.kind !== 'Upload' && this.host.suppressTransferComplete)) {
      result.transferComplete = {
        CommandKey: a.CommandKey, FaultStruct: outcome.fault, StartTime: outcome.startTime, CompleteTime: outcome.completeTime,
      };
      result.events = [{ EventCode: '7 TRANSFER COMPLETE', CommandKey: '' }, { EventCode: `M ${a.kind}`, CommandKey: a.CommandKey }];
    }
    this.host.done(result);
  }

  private remove(t: Transfer): void {
    for (const x of t.timers) clearTimeout(x);
    const i = this.queue.indexOf(t);
    if (i >= 0) this.queue.splice(i, 1);
  }

  list(): AllQueuedTransferStruct[] {
    return this.queue.map((t) => ({
      CommandKey: t.args.CommandKey,
      State: t.state,
      IsDownload: t.args.kind !== 'Upload',
      FileType: t.args.FileType,
      FileSize: t.args.kind === 'Upload' ? 0 : t.args.FileSize,
      TargetFileName: t.args.kind === 'Upload' ? '' : t.args.TargetFileName,
    }));
  }

  /** A.4.1.9: only a transfer not yet started may be cancelled (9021 otherwise). */
  cancel(commandKey: string): void {
    const waiting = this.queue.filter((t) => t.args.CommandKey === commandKey);
    if (waiting.some((t) => t.state !== 1) || (!waiting.length && this.started.has(commandKey))) {
      throw new CpeFault(9021, `the transfer "${commandKey}" has already started`);
    }
    if (!waiting.length) throw new CpeFault(9003, `no queued transfer has CommandKey "${commandKey}"`);
    for (const t of waiting) this.remove(t);
  }

  /** Drops everything (factory reset, stop). */
  clear(): void {
    for (const t of [...this.queue]) this.remove(t);
    this.started.clear();
  }
}

function timer(ms: number, fn: () => void): NodeJS.Timeout {
  const t = setTimeout(fn, Math.max(0, ms));
  t.unref();
  return t;
}
