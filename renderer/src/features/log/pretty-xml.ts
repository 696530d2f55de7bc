// Pretty-printing a CWMP body for reading, with a map from each element to
// the lines it occupies, so selecting a node in the decoded tree can highlight
// its XML. Works on the codec's element tree (shared/cwmp/xml.ts), not on
// text, so the indentation is right whatever the CPE sent. Prefixes are
// re-derived from namespaces, since the tree keeps URIs, not prefixes.
import { parseXml, type XElement } from '../../../../shared/cwmp/xml';

export interface PrettyNode {
  /** Stable id: the child index path from the root, e.g. '0.1.0'. */
  id: string;
  name: string;
  /** Namespace prefix shown (soap-env, cwmp, …) or ''. */
  prefix: string;
  attrs: [string, string][];
  text: string;
  children: PrettyNode[];
  /** 1-based first and last line in the pretty text. */
  from: number;
  to: number;
}

export interface PrettyXml { text: string; root: PrettyNode | null; error?: string }

const PREFIX: Record<string, string> = {
  'http://schemas.xmlsoap.org/soap/envelope/': 'soap-env',
  'http://schemas.xmlsoap.org/soap/encoding/': 'soap-enc',
  'http://www.w3.org/2001/XMLSchema-instance': 'xsi',
  'http://www.w3.org/2001/XMLSchema': 'xsd',
};

function prefixOf(ns: string): string {
  if (PREFIX[ns]) return PREFIX[ns];
  if (ns.startsWith('urn:dslforum-org:cwmp-')) return 'cwmp';
  return ns ? 'ns' : '';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attrList(el: XElement): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(el.attrs)) {
    if (k.startsWith('{')) {
      const uri = k.slice(1, k.indexOf('}'));
      const local = k.slice(k.indexOf('}') + 1);
      out.push([`${prefixOf(uri)}:${local}`, v]);
    } else if (!Object.keys(el.attrs).some((x) => x.startsWith('{') && x.endsWith(`}${k}`))) {
      out.push([k, v]);
    }
  }
  return out;
}

/** Bodies larger than this are shown raw: pretty-printing 16 MB in the renderer would freeze it. */
export const PRETTY_LIMIT = 2_000_000;

export function prettyXml(body: string): PrettyXml {
  if (!body.trim()) return { text: '', root: null };
  if (body.length > PRETTY_LIMIT) return { text: body, root: null, error: `body of ${body.length} characters shown as sent` };
  let root: XElement;
  try {
    root = parseXml(body);
  } catch (e) {
    return { text: body, root: null, error: (e as Error).message };
  }
  const lines: string[] = [];
  const namespaces = new Map<string, string>();
  const collect = (el: XElement) => {
    const p = prefixOf(el.ns);
    if (p && !namespaces.has(p)) namespaces.set(p, el.ns);
    for (const k of Object.keys(el.attrs)) {
      if (k.startsWith('{')) {
        const uri = k.slice(1, k.indexOf('}'));
        const ap = prefixOf(uri);
        if (!namespaces.has(ap)) namespaces.set(ap, uri);
        // xsi:type="xsd:string" names the XSD namespace in a value: declare it too.
        if (el.attrs[k].startsWith('xsd:') && !namespaces.has('xsd')) namespaces.set('xsd', 'http://www.w3.org/2001/XMLSchema');
      }
    }
    for (const c of el.children) collect(c);
  };
  collect(root);
  const walk = (el: XElement, id: string, depth: number, isRoot: boolean): PrettyNode => {
    const prefix = prefixOf(el.ns);
    const qname = prefix ? `${prefix}:${el.name}` : el.name;
    const attrs = attrList(el);
    const decl = isRoot ? [...namespaces].map(([p, uri]) => ` xmlns:${p}="${esc(uri)}"`).join('') : '';
    const attrText = attrs.map(([k, v]) => ` ${k}="${esc(v)}"`).join('') + decl;
    const pad = '  '.repeat(depth);
    const node: PrettyNode = { id, name: el.name, prefix, attrs, text: el.children.length ? '' : el.text, children: [], from: lines.length + 1, to: 0 };
    if (el.children.length === 0) {
      lines.push(el.text === '' ? `${pad}<${qname}${attrText}/>` : `${pad}<${qname}${attrText}>${esc(el.text)}</${qname}>`);
    } else {
      lines.push(`${pad}<${qname}${attrText}>`);
      el.children.forEach((c, i) => node.children.push(walk(c, `${id}.${i}`, depth + 1, false)));
      lines.push(`${pad}</${qname}>`);
    }
    node.to = lines.length;
    return node;
  };
  const tree = walk(root, '0', 0, true);
  return { text: lines.join('\n'), root: tree };
}

export function findNode(root: PrettyNode | null, id: string): PrettyNode | undefined {
  if (!root) return undefined;
  if (root.id === id) return root;
  for (const c of root.children) {
    if (id === c.id || id.startsWith(`${c.id}.`)) return findNode(c, id);
  }
  return undefined;
}
