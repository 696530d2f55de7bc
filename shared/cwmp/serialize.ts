// CwmpEnvelope → SOAP 1.1 text, strictly in schema order with every required
// attribute (mustUnderstand on cwmp:ID, soap-enc:arrayType on arrays,
// xsi:type on every Value). Built as strings: the shapes are fixed and a
// template is several times faster than a generic XML builder on 100k-entry
// arrays.
import { formatDateTime, xsdType } from './data-types';
import { OPERATION_FIELDS, RPC_FIELDS, type Field, type Scalar } from './rpc-schema';
import type { CwmpEnvelope, CwmpFault, CwmpHeader, CwmpVersion, OperationStruct } from './types';
import { escapeXml } from './xml';

export function cwmpNamespace(v: CwmpVersion): string {
  return `urn:dslforum-org:cwmp-${v}`;
}

export interface SerializeOptions {
  /**
   * Start with the XML declaration (default true). XML 1.0 §2.8 makes it
   * optional for UTF-8; some CPE parsers fail on it (a device's compatibility profile).
   */
  xmlDeclaration?: boolean;
}

export function serializeEnvelope(env: CwmpEnvelope, opts: SerializeOptions = {}): string {
  const out: string[] = [];
  if (opts.xmlDeclaration !== false) out.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  out.push(
    '<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"',
    ' xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/"',
    ' xmlns:xsd="http://www.w3.org/2001/XMLSchema"',
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    ` xmlns:cwmp="${cwmpNamespace(env.version)}">\n`,
  );
  writeHeader(out, env.header);
  if (!env.body) {
    out.push('<soap-env:Body/>\n');
  } else if (env.body.name === 'Fault') {
    out.push('<soap-env:Body>\n');
    writeFault(out, env.body.fault);
    out.push('</soap-env:Body>\n');
  } else {
    const name = env.body.name;
    const fields = RPC_FIELDS[name];
    out.push('<soap-env:Body>\n');
    if (fields.length === 0) out.push(`<cwmp:${name}/>\n`);
    else {
      out.push(`<cwmp:${name}>\n`);
      writeFields(out, env.body.args as unknown as Record<string, unknown>, fields);
      out.push(`</cwmp:${name}>\n`);
    }
    out.push('</soap-env:Body>\n');
  }
  out.push('</soap-env:Envelope>\n');
  return out.join('');
}

function writeHeader(out: string[], h: CwmpHeader): void {
  const parts: string[] = [];
  if (h.ID !== undefined) parts.push(`<cwmp:ID soap-env:mustUnderstand="1">${escapeXml(h.ID)}</cwmp:ID>`);
  if (h.HoldRequests !== undefined) {
    parts.push(`<cwmp:HoldRequests soap-env:mustUnderstand="1">${h.HoldRequests ? 'true' : 'false'}</cwmp:HoldRequests>`);
  }
  // CWMP 1.4 headers (cwmp-1-3.xsd, cwmp-1-4.xsd): the mustUnderstand values the schema notes require.
  if (h.SessionTimeout !== undefined) {
    parts.push(`<cwmp:SessionTimeout soap-env:mustUnderstand="0">${h.SessionTimeout}</cwmp:SessionTimeout>`);
  }
  if (h.SupportedCWMPVersions !== undefined) {
    parts.push(`<cwmp:SupportedCWMPVersions soap-env:mustUnderstand="0">${escapeXml(h.SupportedCWMPVersions)}</cwmp:SupportedCWMPVersions>`);
  }
  if (h.UseCWMPVersion !== undefined) {
    parts.push(`<cwmp:UseCWMPVersion soap-env:mustUnderstand="1">${escapeXml(h.UseCWMPVersion)}</cwmp:UseCWMPVersion>`);
  }
  if (parts.length) out.push('<soap-env:Header>\n', parts.join('\n'), '\n</soap-env:Header>\n');
}

function writeFault(out: string[], f: CwmpFault): void {
  out.push(
    '<soap-env:Fault>\n',
    `<faultcode>${f.faultcode}</faultcode>\n`,
    `<faultstring>${escapeXml(f.faultstring || 'CWMP fault')}</faultstring>\n`,
    '<detail>\n<cwmp:Fault>\n',
    `<FaultCode>${f.detail.FaultCode}</FaultCode>\n`,
    `<FaultString>${escapeXml(f.detail.FaultString)}</FaultString>\n`,
  );
  for (const p of f.detail.SetParameterValuesFault ?? []) {
    out.push(
      '<SetParameterValuesFault>',
      `<ParameterName>${escapeXml(p.ParameterName)}</ParameterName>`,
      `<FaultCode>${p.FaultCode}</FaultCode>`,
      `<FaultString>${escapeXml(p.FaultString)}</FaultString>`,
      '</SetParameterValuesFault>\n',
    );
  }
  out.push('</cwmp:Fault>\n</detail>\n</soap-env:Fault>\n');
}

function scalarText(type: Scalar, v: unknown): string {
  switch (type) {
    case 'boolean': return v ? 'true' : 'false';
    case 'int': case 'unsignedInt': return String(Math.trunc(Number(v ?? 0)) || 0);
    case 'dateTime':
      if (v instanceof Date) return formatDateTime(v);
      return typeof v === 'string' && v ? v : '0001-01-01T00:00:00Z';
    default: return escapeXml(v == null ? '' : String(v));
  }
}

function writeFields(out: string[], obj: Record<string, unknown>, fields: readonly Field[]): void {
  for (const f of fields) {
    const v = obj[f.name];
    switch (f.kind) {
      case 'scalar':
        if (f.optional && v === undefined) break;
        out.push(`<${f.name}>${scalarText(f.type, v)}</${f.name}>`);
        break;
      case 'struct':
        out.push(`<${f.name}>`);
        writeFields(out, (v ?? {}) as Record<string, unknown>, f.fields);
        out.push(`</${f.name}>`);
        break;
      case 'array': {
        const items = (v ?? []) as unknown[];
        out.push(`<${f.name} soap-enc:arrayType="${f.arrayType}[${items.length}]">`);
        if (typeof f.of === 'string') {
          for (const it of items) out.push(`<${f.item}>${scalarText(f.of, it)}</${f.item}>`);
        } else {
          for (const it of items) {
            out.push(`<${f.item}>`);
            writeFields(out, it as Record<string, unknown>, f.of);
            out.push(`</${f.item}>\n`);
          }
        }
        out.push(`</${f.name}>`);
        break;
      }
      case 'repeated':
        for (const it of (v ?? []) as Record<string, unknown>[]) {
          out.push(`<${f.name}>`);
          writeFields(out, it, f.fields);
          out.push(`</${f.name}>`);
        }
        break;
      case 'value': {
        const type = (obj.Type as Parameters<typeof xsdType>[0] | undefined) ?? 'string';
        out.push(`<Value xsi:type="${xsdType(type)}">${escapeXml(String(obj.Value ?? ''))}</Value>`);
        break;
      }
      case 'operations':
        for (const op of (v ?? []) as OperationStruct[]) {
          out.push(`<Operations xsi:type="cwmp:${op.Op}OpStruct">`);
          const rec = op as unknown as Record<string, unknown>;
          for (const name of OPERATION_FIELDS[op.Op]) {
            // Every operation field is minOccurs=0 except Install/URL and
            // Uninstall/UUID; an empty UUID would break its pattern facet.
            const required = (op.Op === 'Install' && name === 'URL') || (op.Op === 'Uninstall' && name === 'UUID');
            if (required || (rec[name] !== undefined && rec[name] !== '')) {
              out.push(`<${name}>${escapeXml(String(rec[name] ?? ''))}</${name}>`);
            }
          }
          out.push('</Operations>');
        }
        break;
    }
    out.push('\n');
  }
}
