// Inform EventCodes (TR-069 Amd 6 §3.7.1.5 Table 7) with what each means for
// the person reading a session.

export const EVENT_CODES: Record<string, string> = {
  '0 BOOTSTRAP': 'First contact with this ACS (new device, factory reset, or ACS URL changed): the ACS should reconfigure it.',
  '1 BOOT': 'The CPE has (re)booted.',
  '2 PERIODIC': 'Periodic Inform (ManagementServer.PeriodicInformInterval).',
  '3 SCHEDULED': 'Inform requested by an earlier ScheduleInform.',
  '4 VALUE CHANGE': 'A parameter with notification on changed value.',
  '5 KICKED': 'A web browser was kicked to the ACS (Kicked RPC).',
  '6 CONNECTION REQUEST': 'The ACS asked the CPE to connect (connection request).',
  '7 TRANSFER COMPLETE': 'A Download or Upload finished; a TransferComplete follows.',
  '8 DIAGNOSTICS COMPLETE': 'A diagnostic test (ping, traceroute, …) finished.',
  '9 REQUEST DOWNLOAD': 'The CPE wants a file; a RequestDownload follows.',
  '10 AUTONOMOUS TRANSFER COMPLETE': 'A transfer the ACS did not ask for finished.',
  '11 DU STATE CHANGE COMPLETE': 'A ChangeDUState finished; a DUStateChangeComplete follows.',
  '12 AUTONOMOUS DU STATE CHANGE COMPLETE': 'A software module changed state on its own.',
  '13 WAKEUP': 'The CPE woke from a low-power state.',
  '14 HEARTBEAT': 'Heartbeat Inform (CWMP 1.4 HeartbeatPolicy).',
  'M Reboot': 'Reboot requested by the ACS (Reboot RPC); CommandKey echoes it.',
  'M ScheduleInform': 'Inform requested by ScheduleInform; CommandKey echoes it.',
  'M Download': 'Download requested by the ACS finished.',
  'M ScheduleDownload': 'ScheduleDownload requested by the ACS finished.',
  'M Upload': 'Upload requested by the ACS finished.',
  'M ChangeDUState': 'ChangeDUState requested by the ACS finished.',
};

export function explainEvent(code: string): string {
  if (EVENT_CODES[code]) return EVENT_CODES[code];
  if (code.startsWith('X ')) return 'Vendor-specific event.';
  return 'Unknown event code.';
}

/** TR-069 §3.7.1.5: 0 BOOTSTRAP/1 BOOT etc. that are not retained across sessions when undelivered. */
export const SINGLE_EVENTS = new Set(['0 BOOTSTRAP', '1 BOOT', '2 PERIODIC', '3 SCHEDULED', '4 VALUE CHANGE', '6 CONNECTION REQUEST']);
