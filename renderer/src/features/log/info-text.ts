// Wireshark's Info column, for CWMP: what a message says in one line (an
// Inform's events, the first parameters of a GPV/SPV and how many, a fault's
// code and text, a TransferComplete's CommandKey and outcome), and the
// one-line summary of a ParameterValueStruct in the decoded tree. Read from
// the generic element tree (not the strict codec), so a schema-invalid or
// odd message still gets a line; only rows on screen are computed (cached).
import { parseXml, type XElement } from '../../../../shared/cwmp/xml';
import type { LoggedMessage } from '../../../../shared/model/records';
import type { PrettyNode } from './pretty-xml';

/** Parameter names listed before "… (N)". */
const FIRST_NAMES = 2;
/** Bodies larger than this are scanned, not parsed, for their line (parsing a 16 MB GPV response would stall the list). */
const INFO_PARSE_LIMIT = 4_000_000;

const kid = (el: XElement | undefined, name: string) => el?.children.find((c) => c.name === name);
const text = (el: XElement | undefined, name: string) => kid(el, name)?.text.trim() ?? '';

function names(list: XElement | undefined, field: string | null): string {
  const items = list?.children ?? [];
  const shown = items.slice(0, FIRST_NAMES).map((c) => (field ? text(c, field) : c.text.trim())).filter(Boolean);
  if (items.length === 0) return '(none)';
  const more = items.length > shown.length ? ', …' : '';
  return `${shown.join(', ')}${more} (${items.length})`;
}

function faultLine(code: string, msg: string): string {
  return msg ? `${code} ${msg}` : code;
}

/** The one-line Info of an RPC element (Body's child). */
export function rpcInfo(rpc: XElement): string {
  switch (rpc.name) {
    case 'Inform': {
      const events = (kid(rpc, 'Event')?.children ?? []).map((e) => text(e, 'EventCode')).filter(Boolean);
      return events.length ? events.join(', ') : '(no events)';
    }
    case 'GetParameterValues':
    case 'GetParameterAttributes':
      return names(kid(rpc, 'ParameterNames'), null);
    case 'GetParameterNames':
      return `${text(rpc, 'ParameterPath') || '(root)'}${text(rpc, 'NextLevel') === 'true' || text(rpc, 'NextLevel') === '1' ? ' (next level)' : ''}`;
    case 'GetParameterValuesResponse':
    case 'SetParameterValues':
    case 'GetParameterAttributesResponse':
    case 'SetParameterAttributes':
    case 'GetParameterNamesResponse': {
      const list = kid(rpc, 'ParameterList');
      return names(list, 'Name');
    }
    case 'SetParameterValuesResponse':
      return `Status ${text(rpc, 'Status')}${text(rpc, 'Status') === '1' ? ' (applied after reboot)' : ''}`;
    case 'AddObject':
    case 'DeleteObject':
      return text(rpc, 'ObjectName');
    case 'AddObjectResponse':
      return `instance ${text(rpc, 'InstanceNumber')}, Status ${text(rpc, 'Status')}`;
    case 'Download':
    case 'ScheduleDownload':
      return [text(rpc, 'FileType'), text(rpc, 'URL'), text(rpc, 'CommandKey') && `CommandKey ${text(rpc, 'CommandKey')}`].filter(Boolean).join(' · ');
    case 'Reboot':
    case 'FactoryReset':
      return text(rpc, 'CommandKey') ? `CommandKey ${text(rpc, 'CommandKey')}` : '';
    case 'TransferComplete':
    case 'AutonomousTransferComplete': {
      const fs = kid(rpc, 'FaultStruct');
      const code = text(fs, 'FaultCode');
      const outcome = !code || code === '0' ? 'succeeded' : `failed: ${faultLine(code, text(fs, 'FaultString'))}`;
      const key = rpc.name === 'TransferComplete' ? `CommandKey ${text(rpc, 'CommandKey') || '""'}` : text(rpc, 'TransferURL');
      return `${key} · ${outcome}`;
    }
    case 'Fault': {
      const detail = kid(kid(rpc, 'detail'), 'Fault');
      const spv = (detail?.children ?? []).filter((c) => c.name === 'SetParameterValuesFault');
      const head = faultLine(text(detail, 'FaultCode') || text(rpc, 'faultcode'), text(detail, 'FaultString') || text(rpc, 'faultstring'));
      return spv.length ? `${head} · ${spv.map((c) => `${text(c, 'ParameterName')} ${text(c, 'FaultCode')}`).slice(0, FIRST_NAMES).join(', ')}` : head;
    }
    default:
      return '';
  }
}

/** The Info column of one message ('' when there is nothing to say beyond the RPC column). */
export function infoText(m: LoggedMessage): string {
  if (m.faultText && m.rpc === 'Fault') return m.faultText;
  if (!m.body.trim()) return '';
  if (m.body.length > INFO_PARSE_LIMIT) return scanInfo(m.body);
  let root: XElement;
  try {
    root = parseXml(m.body);
  } catch {
    // A body cut in memory (over 256 KiB) does not parse: its names are scanned, the count a lower bound.
    return m.note?.includes('body cut') ? scanInfo(m.body, true) : '';
  }
  const rpc = kid(root, 'Body')?.children[0];
  return rpc ? rpcInfo(rpc) : '';
}

/** A very large body's line without parsing it: the first names and how many (the lists are what make bodies large). */
function scanInfo(body: string, cut = false): string {
  const re = /<(?:[\w.-]+:)?Name>([^<]*)</g;
  const first: string[] = [];
  let n = 0;
  for (let hit = re.exec(body); hit; hit = re.exec(body)) if (n++ < FIRST_NAMES) first.push(hit[1]!.trim());
  return n ? `${first.join(', ')}${n > first.length ? ', …' : ''} (${cut ? '≥ ' : ''}${n})` : '';
}

const cache = new Map<string, string>();
const CACHE_MAX = 5000;

/** infoText, remembered per message (rows re-render on every batch; a body does not change). */
export function cachedInfo(m: LoggedMessage): string {
  const key = `${m.source ?? ''}|${m.sessionId}|${m.seq}|${m.body.length}`;
  let v = cache.get(key);
  if (v === undefined) {
    v = infoText(m);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, v);
  }
  return v;
}

/** `Name = Value (type)` for a ParameterValueStruct node of the decoded tree; undefined for other nodes. */
export function structSummary(node: PrettyNode): string | undefined {
  if (node.name !== 'ParameterValueStruct') return undefined;
  const name = node.children.find((c) => c.name === 'Name')?.text ?? '';
  const value = node.children.find((c) => c.name === 'Value');
  if (!value) return name;
  const type = value.attrs.find(([k]) => k.endsWith(':type') || k === 'type')?.[1];
  return `${name} = ${value.text}${type ? ` (${type})` : ''}`;
}
