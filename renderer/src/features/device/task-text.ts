// Tasks in words: what was asked, what came back, and why it failed, for the
// task panel. Argument and result names are those of TR-069 Annex A.
import { explainFault } from '../../../../shared/cwmp/faults';
import type { RpcBodies } from '../../../../shared/cwmp/types';
import type { DeviceSummary, TaskRecord } from '../../../../shared/model/records';
import { formatTime } from '../../lib/format';

/** Notification attribute values (TR-069 A.3.2.4; 3–6 added in Amd 5 for lightweight notifications). */
export const NOTIFICATION_LABELS: Record<number, string> = {
  0: 'off', 1: 'passive', 2: 'active', 3: 'passive lightweight', 4: 'passive + passive lightweight',
  5: 'active lightweight', 6: 'passive + active lightweight',
};

export function notificationLabel(n: number | undefined): string {
  return n === undefined ? 'unknown' : NOTIFICATION_LABELS[n] ?? `value ${n}`;
}

function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function names(list: string[]): string {
  if (list.length === 0) return '(none)';
  const shown = list.slice(0, 2).join(', ');
  return list.length > 2 ? `${shown} +${list.length - 2} more` : shown;
}

export function taskTitle(t: TaskRecord): string {
  if (t.origin === 'discovery') return 'Discovery';
  return t.rpc;
}

/** The arguments in one line: "Device.WiFi.SSID.1.SSID = "Lab"", "Device.NAT.PortMapping.". */
export function argsSummary(t: TaskRecord): string {
  const a = t.args as unknown;
  switch (t.rpc) {
    case 'SetParameterValues': {
      const list = (a as RpcBodies['SetParameterValues']).ParameterList ?? [];
      const first = list[0];
      if (!first) return '(no parameters)';
      const one = `${first.Name} = ${JSON.stringify(clip(first.Value, 40))}`;
      return list.length > 1 ? `${one} +${list.length - 1} more` : one;
    }
    case 'GetParameterValues':
    case 'GetParameterAttributes':
      return names((a as RpcBodies['GetParameterValues']).ParameterNames ?? []);
    case 'GetParameterNames': {
      const g = a as RpcBodies['GetParameterNames'];
      return `${g.ParameterPath || '(root)'}${g.NextLevel ? ' (next level)' : ''}`;
    }
    case 'SetParameterAttributes': {
      const list = (a as RpcBodies['SetParameterAttributes']).ParameterList ?? [];
      const first = list[0];
      if (!first) return '(no parameters)';
      const what = [
        first.NotificationChange ? `notification ${notificationLabel(first.Notification)}` : '',
        first.AccessListChange ? `access ${first.AccessList.length ? first.AccessList.join(',') : 'ACS only'}` : '',
      ].filter(Boolean).join(', ');
      return `${first.Name}: ${what || 'no change'}${list.length > 1 ? ` +${list.length - 1} more` : ''}`;
    }
    case 'AddObject':
    case 'DeleteObject':
      return (a as RpcBodies['AddObject']).ObjectName;
    case 'Reboot':
    case 'ScheduleInform':
      return (a as RpcBodies['Reboot']).CommandKey ? `CommandKey ${(a as RpcBodies['Reboot']).CommandKey}` : '';
    case 'Download':
    case 'ScheduleDownload':
      return `${(a as RpcBodies['Download']).FileType} from ${clip((a as RpcBodies['Download']).URL, 50)}`;
    case 'Upload':
      return `${(a as RpcBodies['Upload']).FileType} to ${clip((a as RpcBodies['Upload']).URL, 50)}`;
    default:
      return '';
  }
}

/** The device as the task list needs it: when it last informed, and with which events. */
export type InformSeen = Pick<DeviceSummary, 'lastInform' | 'lastEvents'>;

/** A reboot or reset the device has come back from: said so once its next Inform is in (TR-069 §3.7.1.5 events). */
function cameBack(t: TaskRecord, device: InformSeen | undefined, event: string): string | undefined {
  if (!device?.lastInform || !t.finished || device.lastInform <= t.finished) return undefined;
  const codes = device.lastEvents.map((e) => e.EventCode);
  const at = formatTime(device.lastInform);
  return codes.includes(event) ? `back at ${at} (${codes.join(', ')})` : `the device has informed since (${at})`;
}

/** What a done task gave back, in words; `device` tells whether a reboot or reset is over. */
export function resultSummary(t: TaskRecord, device?: InformSeen): string {
  if (t.status !== 'done') return '';
  const r = (t.result ?? {}) as Record<string, unknown>;
  const list = Array.isArray(r.ParameterList) ? r.ParameterList : undefined;
  const total = typeof r.total === 'number' ? r.total : list?.length;
  if (t.origin === 'discovery') {
    return `${Number(r.names ?? 0).toLocaleString('en-US')} names, ${Number(r.parameters ?? 0).toLocaleString('en-US')} values`;
  }
  switch (t.rpc) {
    case 'SetParameterValues':
    case 'DeleteObject':
      // Status 1: applied, committed after a reboot or similar (A.3.2.1 / A.3.2.7).
      return r.Status === 1 ? 'accepted; takes effect once the device applies it (Status 1)' : t.rpc === 'DeleteObject' ? 'deleted' : 'applied';
    case 'AddObject':
      return `instance ${String(r.InstanceNumber)} created${r.Status === 1 ? ' (takes effect later, Status 1)' : ''}`;
    case 'GetParameterValues':
      return `${total ?? 0} value${total === 1 ? '' : 's'} read`;
    case 'GetParameterNames':
      return `${total ?? 0} name${total === 1 ? '' : 's'} read`;
    case 'GetParameterAttributes': {
      const first = list?.[0] as RpcBodies['GetParameterAttributesResponse']['ParameterList'][number] | undefined;
      if (list?.length === 1 && first) {
        return `notification ${notificationLabel(first.Notification)}, access ${first.AccessList.length ? first.AccessList.join(', ') : 'ACS only'}`;
      }
      return `${total ?? 0} attribute sets read`;
    }
    case 'SetParameterAttributes':
      return 'attributes set';
    case 'Reboot': {
      const back = cameBack(t, device, 'M Reboot');
      return back ? `rebooted; ${back}` : 'the device accepted the reboot; it comes back with a 1 BOOT / M Reboot Inform';
    }
    case 'FactoryReset': {
      const back = cameBack(t, device, '0 BOOTSTRAP');
      return back ? `reset to factory settings; ${back}` : 'the device accepted the factory reset; it comes back with 0 BOOTSTRAP';
    }
    case 'Download':
    case 'Upload': {
      // Rule 2: where the file server's evidence disagrees with the CPE's word, the evidence is what the task says.
      const ev = r.Evidence as { verdict?: string; text?: string } | undefined;
      if (ev && ev.verdict !== 'confirmed' && ev.text) return ev.text;
      const tc = r.TransferComplete as RpcBodies['TransferComplete'] | undefined;
      if (tc) return tc.FaultStruct?.FaultCode ? `transfer failed: ${explainFault(tc.FaultStruct.FaultCode, tc.FaultStruct.FaultString)}` : 'transfer complete';
      return r.Status === 1 ? 'accepted; TransferComplete will follow' : 'transfer complete';
    }
    default:
      return 'done';
  }
}

export interface FaultLine { parameter?: string; text: string }

/** The fault in words: the overall explanation, then one line per parameter (SetParameterValuesFault). */
export function faultLines(t: TaskRecord): FaultLine[] {
  const out: FaultLine[] = [];
  if (t.fault) {
    out.push({ text: t.fault.explanation });
    for (const f of t.fault.SetParameterValuesFault ?? []) {
      out.push({ parameter: f.ParameterName, text: explainFault(f.FaultCode, f.FaultString) });
    }
  } else if (t.error) {
    out.push({ text: t.error });
  }
  return out;
}

/** Why this parameter's part of a failed SetParameterValues failed. */
export function faultFor(t: TaskRecord, path: string): string {
  const own = t.fault?.SetParameterValuesFault?.find((f) => f.ParameterName === path);
  if (own) return explainFault(own.FaultCode, own.FaultString);
  return t.fault?.explanation ?? t.error ?? 'failed';
}
