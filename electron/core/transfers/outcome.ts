// A transfer's state in words, for the people reading the firmware page:
// what the CPE said (TransferComplete, A.3.3.2, with the fault explained per
// A.5.1), or, when it said nothing before the deadline, what the workbench
// saw: was the file fully served, did the device reboot, did its
// SoftwareVersion change. A success is only called done when that evidence
// agrees with the CPE's word (A.3.2.8 Status 0, or TransferComplete without
// a fault); where they disagree, the text says both (transfer-claims.ts).
import { explainFault } from '../../../shared/cwmp/faults';
import { formatBytes } from '../../../shared/model/format';
import type { TransferEvidence, TransferRecord } from '../../../shared/model/transfers';

export const fmtBytes = formatBytes;

function duration(fromIso?: string, toIso?: string): string {
  const ms = Date.parse(toIso ?? '') - Date.parse(fromIso ?? '');
  if (!Number.isFinite(ms) || ms < 0 || (fromIso ?? '').startsWith('0001-')) return '';
  if (ms < 1000) return ' (under a second)';
  const s = Math.round(ms / 1000);
  return s < 120 ? ` (${s} s)` : ` (${Math.round(s / 60)} min)`;
}

function versionSentence(t: TransferRecord): string {
  const before = t.softwareVersionBefore;
  const after = t.softwareVersionAfter;
  if (before === undefined || after === undefined) return '';
  if (before !== after) return ` SoftwareVersion ${before} → ${after}.`;
  // A firmware image takes effect by rebooting into it (A.3.2.8): the same version after the reboot is evidence too.
  const rebooted = t.fileType === '1 Firmware Upgrade Image' && t.evidence?.bootEvents?.includes('1 BOOT');
  return rebooted ? ` SoftwareVersion still ${after} after the reboot: the new image does not seem to be running.` : ` SoftwareVersion still ${after}.`;
}

/** Exact byte counts ("1,234,567"): the evidence is quoted as the file server counted it. */
function exact(n: number): string {
  return n.toLocaleString('en-US');
}

/** "the CPE says the download is done (DownloadResponse Status 0)"; in the past: "the CPE reported the download done (…)". */
function claimWords(t: TransferRecord, past = false): string {
  const what = t.kind === 'Upload' ? 'upload' : 'download';
  const via = t.claim?.via === 'Status 0' ? `${t.kind}Response Status 0` : 'TransferComplete without a fault';
  if (past) return `the CPE reported the ${what} done (${via})`;
  return t.claim?.via === 'Status 0' ? `the CPE says the ${what} is done (${via})` : `the CPE says the ${what} succeeded (${via})`;
}

/** What the file server saw, for a claim it does not back: "it never fetched the file: 0 of 1,234,567 bytes served". */
function shortfallWords(t: TransferRecord, served: number): string {
  if (t.kind === 'Upload') return 'no file arrived at the workbench';
  const size = t.size ?? 0;
  if (served === 0) return `it never fetched the file: 0 of ${exact(size)} bytes served`;
  if (served < size) return `it did not fetch all of the file: ${exact(served)} of ${exact(size)} bytes served`;
  return `it did not fetch all of the file: ${exact(served)} bytes served, but not every part of the ${exact(size)}-byte file`;
}

/** The evidence behind a success, as a sentence. */
function backingSentence(t: TransferRecord): string {
  if (t.kind === 'Upload') return t.uploadId ? ` The file arrived (${fmtBytes(t.size ?? 0)}).` : '';
  return ` The file server served all ${exact(t.size ?? 0)} bytes.`;
}

/** The summary of a success, by how the CPE's word and the evidence stand (see TransferClaim). */
function succeededText(t: TransferRecord): string {
  const what = t.kind === 'Upload' ? 'upload' : 'download';
  const how = t.kind === 'AutonomousTransferComplete'
    ? `The CPE reported an autonomous ${t.autonomous?.isDownload ? 'download' : 'upload'} of ${t.autonomous?.transferURL || 'a file'}`
    : t.responseStatus === 0
      ? `The CPE completed the ${what} at once, answering ${t.kind}Response Status 0`
      : `TransferComplete: the CPE reports success`;
  const times = `${duration(t.startTime, t.completeTime)}.`;
  // An autonomous transfer (A.3.3.3) used a URL of the CPE's choosing: nothing here saw it.
  if (t.kind === 'AutonomousTransferComplete' || t.claim?.verdict === 'unverified') {
    return `Reported done by the CPE; not verified (the file is not served by the workbench). ${how}${times}${versionSentence(t)}`;
  }
  if (t.claim?.verdict === 'late') {
    return `Done, but late: ${claimWords(t, true)} before it had fetched the file; it fetched all ${exact(t.size ?? 0)} bytes afterwards${duration(t.claim.at, t.claim.confirmedAt)}.${versionSentence(t)}`;
  }
  // Records from before claims were checked carry no claim: their text stays as it was.
  return `Done. ${how}${times}${t.claim ? backingSentence(t) : ''}${versionSentence(t)}`;
}

/** The CWMP fault of a TransferComplete / AutonomousTransferComplete, or a fault answering the RPC, for the record. */
export function faultInfo(code: number, faultString: string): NonNullable<TransferRecord['fault']> {
  return { code, string: faultString, explanation: explainFault(code, faultString) };
}

/** What the workbench saw of a transfer, kept as evidence in case no TransferComplete comes. */
export function evidenceOf(t: TransferRecord): NonNullable<TransferRecord['evidence']> {
  const before = t.softwareVersionBefore;
  const after = t.softwareVersionAfter;
  return {
    fullyServed: t.fullyServed, bytesServed: t.bytesServed, rebootedAt: t.evidence?.rebootedAt, bootEvents: t.evidence?.bootEvents,
    softwareVersionChanged: before !== undefined && after !== undefined && before !== after,
  };
}

/** Evidence sentences and a verdict for a transfer that ended without TransferComplete. */
export function evidenceText(t: TransferRecord, e: TransferEvidence): string {
  const parts: string[] = [];
  const isDownload = t.kind !== 'Upload';
  if (isDownload) {
    parts.push(e.fullyServed
      ? `the file was served completely (${fmtBytes(t.size ?? e.bytesServed)})`
      : e.bytesServed > 0
        ? `only part of the file was served (${fmtBytes(e.bytesServed)} of ${fmtBytes(t.size ?? 0)})`
        : 'the CPE never fetched the file');
  } else {
    parts.push(t.uploadId ? `a file arrived (${fmtBytes(t.size ?? 0)})` : 'no file arrived');
  }
  parts.push(e.rebootedAt ? `the device rebooted (${(e.bootEvents ?? []).join(', ')} at ${e.rebootedAt})` : 'no reboot was seen');
  if (t.softwareVersionBefore !== undefined && t.softwareVersionAfter !== undefined) {
    parts.push(e.softwareVersionChanged
      ? `SoftwareVersion changed ${t.softwareVersionBefore} → ${t.softwareVersionAfter}`
      : `SoftwareVersion is still ${t.softwareVersionAfter}`);
  }
  let verdict: string;
  if (!isDownload) verdict = t.uploadId ? 'The upload most likely succeeded.' : 'The upload most likely failed.';
  else if (e.fullyServed && e.softwareVersionChanged) verdict = 'The upgrade most likely succeeded; the CPE did not report it.';
  else if (e.fullyServed && e.rebootedAt) verdict = 'The CPE fetched the file and rebooted, but runs the same version: the image may have been rejected.';
  else if (e.fullyServed) verdict = 'The CPE fetched the file but has not rebooted or reported anything.';
  else verdict = 'The transfer most likely failed (or the CPE fetched the file from elsewhere).';
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}. ${verdict}`;
}

/** The record's `summary`. */
export function describeTransfer(t: TransferRecord): string {
  if (t.claim?.verdict === 'pending' && (t.state === 'queued' || t.state === 'sent' || t.state === 'in-progress')) {
    const so = t.kind === 'Upload' ? (t.uploadId ? 'the file has arrived' : 'no file has arrived yet')
      : `the file server has served ${exact(t.bytesServed)} of ${exact(t.size ?? 0)} bytes so far`;
    return `Checking: ${claimWords(t)}; ${so}.`;
  }
  switch (t.state) {
    case 'waiting':
      return `Waiting for a free slot (bulk push, ${t.bulkConcurrency ?? 1} device(s) at a time).`;
    case 'queued':
      return `Queued: the ${t.kind} request goes out in the device's next session.`;
    case 'sent': {
      const delay = t.delaySeconds ? ` after ${t.delaySeconds} s` : '';
      const windows = t.windows?.length ? ` within its ${t.windows.length} time window(s)` : '';
      return `Accepted by the CPE (${t.kind}Response Status ${t.responseStatus ?? 1}): it will ${t.kind === 'Upload' ? 'send the file' : 'fetch the file'}${delay}${windows}.`;
    }
    case 'in-progress':
      return t.kind === 'Upload'
        ? 'Receiving the file from the CPE.'
        : `Transferring: ${fmtBytes(t.bytesServed)}${t.size ? ` of ${fmtBytes(t.size)} served (${Math.min(100, Math.floor((t.bytesServed / t.size) * 100))}%)` : ' served'}.`;
    case 'succeeded':
      return succeededText(t);
    case 'disputed':
      // The token stays valid (transfer-grants.ts): a fetch that completes later still turns this into done.
      return `Disputed: ${claimWords(t)}, but ${shortfallWords(t, t.bytesServed)}.${versionSentence(t)}`;
    case 'failed':
      if (t.fault) return `Failed: ${t.fault.explanation}`;
      return `Failed: ${t.error ?? 'no reason given'}`;
    case 'unknown':
      return `Unknown: no TransferComplete by ${t.deadline ?? 'the deadline'}. ${t.evidence ? evidenceText(t, t.evidence) : ''}`.trim();
    case 'cancelled':
      return `Cancelled${t.error ? `: ${t.error}` : '.'}`;
    default:
      return t.state;
  }
}
