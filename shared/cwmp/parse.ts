// SOAP envelope → CwmpEnvelope. Liberal in what it accepts (TR-069 quirks
// seen in the field: any prefixes, missing xsi:type, booleans as 0/1, missing
// soap-enc:arrayType, elements out of order, unknown extra elements), strict in
// what it refuses: DTDs, non-envelopes, foreign namespaces, unknown RPCs.
import { parseBoolean, fromXsdType } from './data-types';
import { EVENT_CODES } from './events';
import { OPERATION_FIELDS, RPC_FIELDS, isRpcName, type Field, type Scalar } from './rpc-schema';
import type { CwmpBody, CwmpEnvelope, CwmpFault, CwmpHeader, CwmpVersion, OperationStruct } from './types';
import { XmlError, child, parseXml, type XElement } from './xml';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const CWMP_NS_PREFIX = 'urn:dslforum-org:cwmp-';

export type ParseErrorKind = 'dtd' | 'malformed' | 'not-envelope' | 'namespace' | 'unknown-rpc' | 'multiple-rpcs';

export class CwmpParseError extends Error {
  constructor(
    readonly kind: ParseErrorKind,
    message: string,
    readonly detail: { line?: number; rpc?: string; version?: CwmpVersion; id?: string } = {},
  ) {
    super(message);
  }
}

export function cwmpVersionOf(ns: string): CwmpVersion | undefined {
  if (!ns.startsWith(CWMP_NS_PREFIX)) return undefined;
  const v = ns.slice(CWMP_NS_PREFIX.length);
  return (['1-0', '1-1', '1-2', '1-3', '1-4'] as const).find((x) => x === v);
}

export function parseEnvelope(xml: string): CwmpEnvelope {
  let root: XElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) throw new CwmpParseError(e.kind, e.message, { line: e.line });
    throw e;
  }
  if (root.name !== 'Envelope' || root.ns !== SOAP_ENV_NS) {
    const what = root.name === 'Envelope' ? `an Envelope in namespace "${root.ns}"` : `<${root.name}>`;
    throw new CwmpParseError('not-envelope', `expected a SOAP 1.1 Envelope (${SOAP_ENV_NS}), got ${what}`);
  }
  const headerEl = child(root, 'Header');
  const bodyEl = child(root, 'Body');
  if (!bodyEl) throw new CwmpParseError('not-envelope', 'the Envelope has no Body');

  let version: CwmpVersion | undefined;
  const noteNs = (ns: string) => {
    const v = cwmpVersionOf(ns);
    if (v && !version) version = v;
    return v;
  };
  const header: CwmpHeader = {};
  for (const h of headerEl?.children ?? []) {
    if (!noteNs(h.ns)) continue;
    const text = h.text.trim();
    if (h.name === 'ID') header.ID = h.text;
    else if (h.name === 'HoldRequests') header.HoldRequests = parseBoolean(text) ?? false;
    else if (h.name === 'NoMoreRequests') header.NoMoreRequests = parseBoolean(text) ?? false;
    else if (h.name === 'SessionTimeout') header.SessionTimeout = Number(text);
    else if (h.name === 'SupportedCWMPVersions') header.SupportedCWMPVersions = text;
    else if (h.name === 'UseCWMPVersion') header.UseCWMPVersion = text;
  }

  const items = bodyEl.children;
  if (items.length === 0) return { version: version ?? '1-0', header, body: null };
  if (items.length > 1) {
    throw new CwmpParseError('multiple-rpcs', `the Body holds ${items.length} elements; CWMP allows exactly one`, {
      version, id: header.ID,
    });
  }
  const el = items[0];
  if (el.ns === SOAP_ENV_NS && el.name === 'Fault') {
    const fault = readFault(el, noteNs);
    return { version: version ?? '1-0', header, body: { name: 'Fault', fault } };
  }
  const bodyVersion = cwmpVersionOf(el.ns);
  if (!bodyVersion) {
    throw new CwmpParseError('namespace', `<${el.name}> is in namespace "${el.ns}", not a CWMP namespace (${CWMP_NS_PREFIX}1-N)`, {
      id: header.ID, rpc: el.name,
    });
  }
  if (version && version !== bodyVersion) {
    throw new CwmpParseError('namespace', `the message mixes CWMP namespaces cwmp-${version} and cwmp-${bodyVersion}`, {
      id: header.ID, rpc: el.name, version: bodyVersion,
    });
  }
  version = bodyVersion;
  if (!isRpcName(el.name)) {
    throw new CwmpParseError('unknown-rpc', `unknown CWMP method "${el.name}"`, { rpc: el.name, version, id: header.ID });
  }
  const args = readFields(el, RPC_FIELDS[el.name]);
  if (el.name === 'Inform') canonicalEvents(args);
  return { version, header, body: { name: el.name, args } as CwmpBody };
}

/**
 * The standard EventCodes (TR-069 §3.7.1.5 Table 7) are matched whatever their
 * case: some CPEs send "1 Boot" or "m reboot", which the schema's pattern
 * (\d+( \S+)+) accepts; recording them as the table spells them lets every
 * consumer (bootstrap handling, boot time, firmware upgrades) recognise them.
 * The session log keeps the message as the CPE sent it.
 */
const EVENT_BY_UPPER = new Map(Object.keys(EVENT_CODES).map((c) => [c.toUpperCase(), c]));

function canonicalEvents(args: Record<string, unknown>): void {
  for (const e of (args.Event ?? []) as { EventCode: string }[]) {
    e.EventCode = EVENT_BY_UPPER.get(e.EventCode.toUpperCase()) ?? e.EventCode;
  }
}

/**
 * The cwmp:Fault of a SOAP Fault. SOAP 1.1 §4.4 puts application detail in
 * <detail> and TR-069 A.5 puts the cwmp:Fault there; some CPEs nest <detail>
 * inside <faultstring>, so it is looked for anywhere below the SOAP Fault.
 */
function findCwmpFault(fault: XElement): XElement | undefined {
  const queue = [...fault.children];
  for (let i = 0; i < queue.length; i++) {
    const c = queue[i]!;
    if (c.name === 'Fault' && (cwmpVersionOf(c.ns) || child(c, 'FaultCode'))) return c;
    queue.push(...c.children);
  }
  return undefined;
}

function readFault(el: XElement, noteNs: (ns: string) => unknown): CwmpFault {
  const code = child(el, 'faultcode')?.text.trim() ?? 'Server';
  const cwmpFaultEl = findCwmpFault(el);
  if (cwmpFaultEl) noteNs(cwmpFaultEl.ns);
  const spv = (cwmpFaultEl?.children ?? [])
    .filter((c) => c.name === 'SetParameterValuesFault')
    .map((c) => ({
      ParameterName: child(c, 'ParameterName')?.text.trim() ?? '',
      FaultCode: toInt(child(c, 'FaultCode')?.text),
      FaultString: child(c, 'FaultString')?.text ?? '',
    }));
  return {
    faultcode: /client/i.test(code) ? 'Client' : 'Server',
    faultstring: faultText(child(el, 'faultstring')),
    detail: {
      FaultCode: toInt(child(cwmpFaultEl ?? el, 'FaultCode')?.text),
      FaultString: child(cwmpFaultEl ?? el, 'FaultString')?.text ?? '',
      ...(spv.length ? { SetParameterValuesFault: spv } : {}),
    },
  };
}

/** The faultstring's own words: with a <detail> inside it (the quirk above), its text around the element, trimmed. */
function faultText(el: XElement | undefined): string {
  if (!el) return '';
  return el.children.length ? el.text.trim() : el.text;
}

function toInt(s: string | undefined): number {
  const n = Number((s ?? '').trim());
  return Number.isFinite(n) ? n : 0;
}

function scalar(type: Scalar, el: XElement | undefined): unknown {
  const raw = el?.text ?? '';
  switch (type) {
    case 'string': return raw;
    case 'dateTime': return raw.trim();
    case 'boolean': return parseBoolean(raw) ?? false;
    default: return toInt(raw);
  }
}

/** Children by name, tolerant of order (we read by name, not position). */
function readFields(el: XElement, fields: readonly Field[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let byName: Map<string, XElement> | undefined;
  const find = (name: string): XElement | undefined => {
    if (el.children.length < 8) return child(el, name);
    if (!byName) {
      byName = new Map();
      for (const c of el.children) if (!byName.has(c.name)) byName.set(c.name, c);
    }
    return byName.get(name);
  };
  for (const f of fields) {
    switch (f.kind) {
      case 'scalar':
        if (f.optional && !find(f.name)) break;
        out[f.name] = scalar(f.type, find(f.name));
        break;
      case 'struct': {
        const c = find(f.name);
        out[f.name] = readFields(c ?? EMPTY_EL, f.fields);
        break;
      }
      case 'array': {
        const c = find(f.name);
        const items = c ? c.children : [];
        out[f.name] = typeof f.of === 'string'
          ? items.map((it) => scalar(f.of as Scalar, it))
          : items.map((it) => readFields(it, f.of as Field[]));
        break;
      }
      case 'repeated':
        out[f.name] = el.children.filter((c) => c.name === f.name).map((c) => readFields(c, f.fields));
        break;
      case 'value': {
        const v = find('Value');
        // A stray character in xsi:type (field quirk): surrounding whitespace
        // ("xsd:string\n") still names the type, as XML Schema's collapse of a
        // QName would have it (Part 2 §3.2.18); anything else ("xsd:int;")
        // names none, and the value is kept as sent with no type guessed.
        // Either way the message checker (libxml2) flags the message.
        const type = v ? fromXsdType((v.attrs[`{${XSI_NS}}type`] ?? v.attrs.type)?.trim()) : undefined;
        out.Value = v?.text ?? '';
        if (type) out.Type = type;
        break;
      }
      case 'operations':
        out[f.name] = el.children.filter((c) => c.name === f.name).map(readOperation);
        break;
    }
  }
  return out;
}

function readOperation(el: XElement): OperationStruct {
  const xsiType = (el.attrs[`{${XSI_NS}}type`] ?? el.attrs.type ?? '').trim();
  const local = xsiType.slice(xsiType.indexOf(':') + 1).replace(/OpStruct$/, '');
  const op = (['Install', 'Update', 'Uninstall'] as const).find((o) => o === local) ?? 'Install';
  const out: Record<string, string> = { Op: op };
  for (const name of OPERATION_FIELDS[op]) out[name] = child(el, name)?.text ?? '';
  return out as unknown as OperationStruct;
}

const EMPTY_EL: XElement = { name: '', ns: '', attrs: {}, children: [], text: '' };
