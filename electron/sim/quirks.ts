// Ways a virtual CPE can misbehave, all off by default. Each one mirrors a
// behaviour real CPEs show in the field (collected from GenieACS and FreeACS
// issue trackers), so an ACS can be tested against it on purpose. Their names,
// descriptions and value choices are listed in shared/model/quirk-catalog.ts.
import { QUIRK_CATALOG_NAMES, quirkInfo, type QuirkName } from '../../shared/model/quirk-catalog';

export interface Quirks {
  /** Booleans travel as 0/1 in GPV/Inform, and SetParameterValues refuses "true"/"false" (9007). */
  booleansAsNumbers?: boolean;
  /** GetParameterNames on '' or the root object faults (true = 9005; or the code to use). */
  rejectRootGpn?: boolean | 9002 | 9005;
  /** Parameter values are sent without xsi:type. */
  noXsiType?: boolean;
  /** GetParameterNames responses list parameters only, no object entries ending in '.'. */
  omitParentObjects?: boolean;
  /** After a 401 challenge the CPE closes the TCP connection and answers on a new one. */
  dropAfterChallenge?: boolean;
  /** No TransferComplete (nor 7 TRANSFER COMPLETE) after a successful download. */
  noTransferComplete?: boolean;
  /**
   * A failed file transfer, to show the failure paths: 'unreachable' (the
   * file server cannot be contacted: 9015, 9011 for uploads), 'corrupt' (the
   * image fails its checksum: 9018), 'rejectFileType' (the Download itself
   * is refused with 9003, see transfers.ts).
   */
  transferFault?: TransferFaultQuirk;
  /** Request bodies are gzip-compressed (Content-Encoding: gzip). */
  gzip?: boolean;
  /** Charset of request bodies: 'utf-8' (default), 'iso-8859-1' or 'utf-16'. */
  charset?: string;
  /** No HTTP keep-alive: every message on a new TCP connection; the session rests on cookies. */
  newConnectionPerRequest?: boolean;
  /** Set-Cookie is ignored (no Cookie header is ever sent). */
  noCookies?: boolean;
  /** The Inform breaks the schema: its EventCodes do not match the "\d+( \S+)+" pattern. */
  invalidMessage?: boolean;
  /** Adds <root>X_ACME_Debug, a parameter the official data model does not define. */
  vendorParameter?: boolean;
  /** Namespace URN used instead of urn:dslforum-org:cwmp-1-N (e.g. the non-standard cwmp-1-3). */
  namespace?: string;
  // Behaviours of real CPE stacks (issue 10), one quirk each:
  /** The request after an AddObjectResponse (the ACS's read of the new instance) makes the CPE drop the session. */
  dropAfterAddObject?: boolean;
  /** The connection-request server challenges with Basic (over plain HTTP) instead of Digest. */
  crBasic?: boolean;
  /** The connection-request server's Digest algorithm: 'MD5' (default), 'MD5-sess', 'SHA-256' or 'SHA-256-sess'. */
  crDigestAlgorithm?: string;
  /** DownloadResponse Status 0 ("done") for a Download the CPE never fetches. */
  downloadNotFetched?: boolean;
  /** The CPE's XML parser fails on an XML declaration: it drops the session when an ACS message starts with `<?xml`. */
  rejectXmlDeclaration?: boolean;
  /** The CPE's SOAP Faults carry `<detail>` (and the cwmp:Fault) inside `<faultstring>`. */
  faultDetailInFaultstring?: boolean;
  /** A partial-path GetParameterValues (a name ending in '.') makes the CPE drop the session without answering. */
  dropOnPartialPath?: boolean;
  /** A partial-path GetParameterValues is answered with the object itself (`<Name>X.</Name>`, empty value), no children. */
  partialPathAsObject?: boolean;
}

export type TransferFaultQuirk = 'unreachable' | 'corrupt' | 'rejectFileType';

// The names come from the shared catalogue (the UI's picker lists the same
// ones); these two checks fail the typecheck when a quirk is added to one and
// not the other.
type Missing<A, B> = Exclude<A, B> extends never ? true : { missing: Exclude<A, B> };
const everyQuirkCatalogued: Missing<keyof Quirks, QuirkName> = true;
const everyCatalogueEntryAQuirk: Missing<QuirkName, keyof Quirks> = true;
void everyQuirkCatalogued; void everyCatalogueEntryAQuirk;

export const QUIRK_NAMES: readonly (keyof Quirks)[] = QUIRK_CATALOG_NAMES;

/** The value choices the catalogue lists for a quirk, matched case-insensitively. */
function choice(name: QuirkName, value: string | undefined): string | undefined {
  const v = quirkInfo(name)!.value;
  const choices = v.kind === 'choice' ? v.choices : [];
  return choices.find((x) => x.toLowerCase() === (value ?? '').toLowerCase());
}

function choicesOf(name: QuirkName): string {
  const v = quirkInfo(name)!.value;
  return v.kind === 'choice' ? v.choices.join(', ') : '';
}

/** 'gzip', 'charset=iso-8859-1', 'rejectRootGpn=9002', 'namespace=urn:dslforum-org:cwmp-1-3' (for the CLI). */
export function parseQuirk(spec: string): Quirks {
  const eq = spec.indexOf('=');
  const name = (eq < 0 ? spec : spec.slice(0, eq)).trim();
  const value = eq < 0 ? undefined : spec.slice(eq + 1).trim();
  const known = QUIRK_NAMES.find((q) => q.toLowerCase() === name.toLowerCase());
  if (!known) throw new Error(`unknown quirk "${name}" (known: ${QUIRK_NAMES.join(', ')})`);
  switch (known) {
    case 'charset':
      return { charset: value ?? 'iso-8859-1' };
    case 'namespace':
      return { namespace: value ?? 'urn:dslforum-org:cwmp-1-3' };
    case 'crDigestAlgorithm': {
      const a = choice(known, value);
      if (!a) throw new Error(`crDigestAlgorithm needs one of ${choicesOf(known)}`);
      return { crDigestAlgorithm: a };
    }
    case 'rejectRootGpn':
      return { rejectRootGpn: value === '9002' ? 9002 : true };
    case 'transferFault': {
      const f = choice(known, value) as TransferFaultQuirk | undefined;
      if (!f) throw new Error(`transferFault needs one of ${choicesOf(known)}`);
      return { transferFault: f };
    }
    default:
      if (value !== undefined && !/^(true|1|yes|on)$/i.test(value)) return {};
      return { [known]: true } as Quirks;
  }
}

export function parseQuirks(specs: readonly string[]): Quirks {
  return Object.assign({}, ...specs.flatMap((s) => s.split(',')).filter(Boolean).map(parseQuirk)) as Quirks;
}

/** Node Buffer encoding and the label sent in Content-Type / the XML declaration. */
export function charsetOf(q: Quirks): { encoding: 'utf8' | 'latin1' | 'utf16le'; label: string } {
  const c = (q.charset ?? 'utf-8').toLowerCase().replace(/[^a-z0-9]/g, '');
  if (c === 'iso88591' || c === 'latin1') return { encoding: 'latin1', label: 'ISO-8859-1' };
  if (c.startsWith('utf16')) return { encoding: 'utf16le', label: 'UTF-16' };
  return { encoding: 'utf8', label: 'UTF-8' };
}

/** Applies the text-level quirks to a serialized envelope (before charset encoding). */
export function rewriteMessage(xml: string, q: Quirks): string {
  let out = xml;
  if (q.noXsiType) out = out.replace(/<Value xsi:type="[^"]*">/g, '<Value>');
  if (q.namespace) out = out.replace(/urn:dslforum-org:cwmp-1-\d/g, q.namespace);
  if (q.faultDetailInFaultstring) {
    // SOAP 1.1 §4.4 makes <detail> a sibling of <faultstring>; this CPE writes it inside.
    out = out.replace(/<faultstring>([\s\S]*?)<\/faultstring>\s*(<detail>[\s\S]*<\/detail>)/, '<faultstring>$1$2</faultstring>');
  }
  return out;
}

/** Breaks an EventCode against the schema pattern (invalidMessage quirk): "1 BOOT" → "1_BOOT". */
export function breakEventCode(code: string): string {
  return code.replace(/ /g, '_');
}

/**
 * The behaviours where a CPE stack gives up on a session (issue 10): the
 * reason the CPE logs, or null to go on. See SessionSpec.dropOn.
 */
export function dropOn(q: Quirks, xml: string, body: { name: string; args?: unknown } | undefined, previous: string | undefined): string | null {
  if (q.rejectXmlDeclaration && xml.trimStart().startsWith('<?xml')) {
    return 'XML parser error: unexpected XML declaration; dropping the session (quirk rejectXmlDeclaration)';
  }
  if (!body) return null;
  if (q.dropAfterAddObject && previous === 'AddObject' && body.name !== 'Fault') {
    return `crashed on the ${body.name} after AddObject; dropping the session (quirk dropAfterAddObject)`;
  }
  if (q.dropOnPartialPath && body.name === 'GetParameterValues'
    && ((body.args as { ParameterNames?: string[] }).ParameterNames ?? []).some((n) => n.endsWith('.'))) {
    return 'crashed on a partial-path GetParameterValues; dropping the session (quirk dropOnPartialPath)';
  }
  return null;
}
