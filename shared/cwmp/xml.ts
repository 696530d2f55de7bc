// A small element tree for CWMP messages. Measured on this machine (issue 2
// note): fast-xml-parser needs ~1.1 s for a 100,000-parameter
// GetParameterValuesResponse, a saxes pass ~0.3 s (0.5-0.7 s with the tree);
// parseXml now uses the hand-written strict parser in ./fast-xml.ts, and the
// saxes version stays as parseXmlSaxes, the reference for its differential
// tests. One light tree keeps every message on the same parsing path.
// Entities beyond the five predefined ones are never expanded: documents with
// a DOCTYPE or ENTITY are refused before any parsing (TR-069 Amd 6 §3.4.1
// forbids DTDs; this also stops entity bombs).
import { SaxesParser } from 'saxes';
import { parseXmlFast } from './fast-xml';

/** Read-only: parseXml shares one frozen empty `attrs` and `children` between elements. */
export interface XElement {
  /** Local name, prefix stripped. */
  name: string;
  /** Namespace URI ('' when none). */
  ns: string;
  /** Attributes by local name; namespaced attributes also under `{uri}local`. */
  attrs: Record<string, string>;
  children: XElement[];
  text: string;
}

export class XmlError extends Error {
  constructor(
    readonly kind: 'dtd' | 'malformed',
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * Refuse any DTD before parsing (no DOCTYPE, no ENTITY declarations). '<!'
 * is rare in CWMP (comments, CDATA), so hopping between its occurrences is
 * about twice as fast as a case-insensitive regex over a 17 MB body.
 */
export function assertNoDtd(xml: string): void {
  for (let i = xml.indexOf('<!'); i >= 0; i = xml.indexOf('<!', i + 2)) {
    const word = xml.slice(i + 2, i + 9).toUpperCase();
    const kind = word.startsWith('DOCTYPE') ? 'DOCTYPE' : word.startsWith('ENTITY') ? 'ENTITY' : undefined;
    if (!kind) continue;
    const line = xml.slice(0, i).split('\n').length;
    throw new XmlError('dtd', `${kind} declarations are not allowed in CWMP messages (line ${line})`, line);
  }
}

export function parseXml(xml: string): XElement {
  return parseXmlFast(xml);
}

/** The saxes-based parser parseXml used before ./fast-xml.ts; kept as the reference for differential tests. */
export function parseXmlSaxes(xml: string): XElement {
  assertNoDtd(xml);
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XElement[] = [];
  let root: XElement | undefined;
  let error: XmlError | undefined;
  parser.on('error', (e) => {
    if (!error) error = new XmlError('malformed', e.message, parser.line);
    throw error;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    const a = tag.attributes as Record<string, { local: string; uri: string; value: string; prefix: string }>;
    for (const k in a) {
      const at = a[k];
      if (at.prefix === 'xmlns' || k === 'xmlns') continue;
      attrs[at.local] = at.value;
      if (at.uri) attrs[`{${at.uri}}${at.local}`] = at.value;
    }
    const el: XElement = { name: tag.local ?? tag.name, ns: tag.uri ?? '', attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else if (!root) root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof XmlError) throw e;
    throw new XmlError('malformed', (e as Error).message, parser.line);
  }
  if (error) throw error;
  if (!root) throw new XmlError('malformed', 'no root element');
  return root;
}

export function child(el: XElement, name: string): XElement | undefined {
  for (const c of el.children) if (c.name === name) return c;
  return undefined;
}

/** Element text; whitespace-only content of an element with children is ignored. */
export function textOf(el: XElement | undefined): string {
  return el ? el.text : '';
}

const ESC_TEST = /[&<>"\r]/;
const ESC_RE = /[&<>"\r]/g;
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

/** Escape text and attribute content. Characters XML 1.0 cannot carry are dropped. */
export function escapeXml(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(s)
    ? s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '') // eslint-disable-line no-control-regex
    : s;
  return ESC_TEST.test(clean) ? clean.replace(ESC_RE, (c) => ESC[c]) : clean;
}
