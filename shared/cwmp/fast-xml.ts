// A strict, hand-written XML 1.0 + Namespaces parser producing the same light
// tree as the saxes-based parseXmlSaxes (./xml.ts). Why: saxes walks the text
// one code point at a time through a state table; on a 17 MB,
// 100,000-parameter GetParameterValuesResponse parseXmlSaxes takes ~0.5 s,
// this ~0.15 s (JSON.parse of the same list ~0.05 s; see the timing test).
// Markup is found with indexOf, names with a lookup table, and character data
// is sliced out of the source in runs, decoded only when a run holds '&' or
// CR. Every well-formedness rule saxes enforces is enforced here too; the few
// places where this parser follows the specs and saxes does not are listed in
// test/unit/fast-xml-fuzz.test.ts (SAXES_LENIENCIES).
// Here: name scanning, comments and PIs, and the element loop. Characters
// and errors are in fast-xml-chars.ts, references and decoding in
// fast-xml-text.ts, namespace bindings in fast-xml-ns.ts.
// Section numbers: XML = XML 1.0 5th ed., NS = Namespaces in XML 1.0 3rd ed.
import { assertNoDtd, type XElement } from './xml';
import { describe, findBadChar, fail, isNameCp, isStartCp, lineAt } from './fast-xml-chars';
import { ROOT_SCOPE, checkBinding, type Scope } from './fast-xml-ns';
import { decode, find } from './fast-xml-text';

// Character codes are declared in each fast-xml module that compares against
// them, not imported: outside a bundle (vitest, the benchmarks) every use of
// an imported binding is a getter call, which made the 100,000-parameter
// parse ~50% slower. For the same reason the hot path (name scanning, the
// element loop) stays in fast-xml.ts and only colder work lives in the
// other fast-xml-*.ts files.
const TAB = 9, LF = 10, CR = 13, SP = 32, DQ = 34, AMP = 38, SQ = 39, SLASH = 47, COLON = 58;
const LT = 60, EQ = 61, GT = 62, QM = 63, BANG = 33;

// ASCII part of XML [4] NameStartChar (bit 1) and [4a] NameChar (bit 2). The
// colon is left out on purpose: scanQName treats it as the QName separator.
const CT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const start = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  const name = start || (c >= 48 && c <= 57) || c === 45 || c === 46;
  CT[c] = (start ? 1 : 0) | (name ? 2 : 0);
}

const isS = (c: number) => c === SP || c === LF || c === CR || c === TAB; // XML [3]

// XML [23] XMLDecl: version, then optional encoding [80] and standalone [32],
// in that order, '?' nowhere inside. Versions 1.x are read as 1.0 (XML 2.8).
const S_ = '[ \\t\\r\\n]';
const quoted = (v: string) => `(?:"${v}"|'${v}')`;
const DECL_RE = new RegExp(
  `^${S_}+version${S_}*=${S_}*${quoted('1\\.[0-9]+')}` +
  `(?:${S_}+encoding${S_}*=${S_}*${quoted('[A-Za-z][A-Za-z0-9._-]*')})?` +
  `(?:${S_}+standalone${S_}*=${S_}*${quoted('(?:yes|no)')})?${S_}*$`,
);

/** Position of the first colon of the last name scanned (-1 if none). */
let colonAt = -1;

/**
 * Scan an XML [4]/[5] Name that is also a NS [7] QName (or an NS [4] NCName
 * when `nc`): at most one colon, with a non-empty NCName on each side.
 * Returns the end offset, or -1 when no valid name starts at p.
 */
function scanQName(s: string, p: number, nc: boolean): number {
  let seg = p;
  colonAt = -1;
  for (;;) {
    let c = s.charCodeAt(p), step = 1, ok: boolean;
    if (c < 128) ok = (CT[c] & (p === seg ? 1 : 2)) !== 0;
    else {
      if (c >= 0xd800 && c <= 0xdbff) {
        c = s.codePointAt(p) as number;
        if (c > 0xffff) step = 2;
      }
      ok = c === c && (p === seg ? isStartCp(c) : isNameCp(c)); // c !== c: NaN past the end
    }
    if (!ok) {
      if (c !== COLON || nc || colonAt >= 0 || p === seg) return p === seg ? -1 : p;
      colonAt = p;
      seg = ++p;
      continue;
    }
    p += step;
  }
}

/** Error for a position where scanQName found no valid name. */
function badName(s: string, p: number, what: string): never {
  if (colonAt >= 0) fail(s, p, `${what}: '${s.slice(p, colonAt + 1)}' is not followed by a valid local name (NS [7] QName)`);
  return fail(s, p, `${what}: unexpected ${describe(s, p)}`);
}

/** Skip a comment, PI or (misplaced) XML declaration starting at lt; returns the offset after it. */
function skipMisc(s: string, lt: number): number {
  const c = s.charCodeAt(lt + 1);
  if (c === BANG && s.startsWith('--', lt + 2)) {
    // XML [15]: '--' may only appear as part of the closing '-->'.
    const e = s.indexOf('--', lt + 4);
    if (e < 0) fail(s, lt, 'unterminated comment');
    if (s.charCodeAt(e + 2) !== GT) fail(s, e, "'--' is not allowed inside a comment");
    return e + 3;
  }
  // XML [16]-[17]: PITarget is a Name other than [Xx][Mm][Ll] (NS 3: no colon), then S or '?>'.
  const te = scanQName(s, lt + 2, true);
  if (te < 0) badName(s, lt + 2, 'processing instruction without a valid target');
  if (te - lt === 5 && s.slice(lt + 2, te).toLowerCase() === 'xml') {
    fail(s, lt, 'the XML declaration is only allowed at the very start of the document');
  }
  const t = s.charCodeAt(te);
  if (t === QM && s.charCodeAt(te + 1) === GT) return te + 2;
  if (!isS(t)) fail(s, te, `unexpected ${describe(s, te)} after processing instruction target`);
  const e = s.indexOf('?>', te);
  if (e < 0) fail(s, lt, 'unterminated processing instruction');
  return e + 2;
}

/** An open element; `dflt` is scope.get('') ?? '', `kids` where its children start in the kids stack. */
interface Frame {
  qname: string; name: string; ns: string; attrs: Record<string, string>; text: string;
  scope: Scope; dflt: string; open: number; kids: number;
}

/** A prefixed name split once per document; `key` caches `{uri}local` for the last uri seen. */
interface QName { prefix: string; local: string; uri: string | undefined; key: string }

/**
 * The same string for the same name, from a small direct-mapped cache checked
 * with startsWith: a document repeats a handful of names hundreds of
 * thousands of times, and this saves slicing and retaining a copy of each.
 */
function intern(cache: (string | undefined)[], s: string, start: number, end: number): string {
  const len = end - start;
  const h = (len * 33 + s.charCodeAt(start) * 7 + s.charCodeAt(end - 1)) & 511;
  const c = cache[h];
  if (c !== undefined && c.length === len && s.startsWith(c, start)) return c;
  return (cache[h] = s.slice(start, end));
}

function split(qnames: Map<string, QName>, qname: string, colon: number): QName {
  let q = qnames.get(qname);
  if (q === undefined) qnames.set(qname, (q = { prefix: qname.slice(0, colon), local: qname.slice(colon + 1), uri: undefined, key: '' }));
  return q;
}

// Elements without attributes or children share these (frozen, so a stray
// write fails loudly): on a 100,000-parameter message that is 700,000 fewer
// objects, and allocation is what dominates large messages. The tree is
// read-only for its one consumer, parse.ts.
const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_CHILDREN: XElement[] = Object.freeze([]) as unknown as XElement[];

export function parseXmlFast(s: string): XElement {
  assertNoDtd(s);
  const bad = findBadChar(s);
  if (bad >= 0) fail(s, bad, `character U+${s.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`);
  const n = s.length;
  let pos = s.charCodeAt(0) === 0xfeff ? 1 : 0; // byte order mark (XML 4.3.3)
  if (s.startsWith('<?xml', pos) && (isS(s.charCodeAt(pos + 5)) || s.charCodeAt(pos + 5) === QM)) {
    const e = s.indexOf('?', pos + 5);
    if (e < 0 || s.charCodeAt(e + 1) !== GT || !DECL_RE.test(s.slice(pos + 5, e))) fail(s, pos, 'malformed XML declaration');
    pos = e + 2;
  }

  const cache: (string | undefined)[] = new Array(512);
  const splits = new Map<string, QName>();
  // Attributes of the tag being read: qualified name (then expanded name), value, colon offset, position.
  const aName: string[] = [], aVal: string[] = [], aColon: number[] = [], aPos: number[] = [];
  // Open elements. An element object is built only when it closes, with its
  // final text and an exactly sized children array (sliced from `kids`, the
  // children of all open elements): fewer and smaller allocations, which is
  // what dominates on large messages.
  const frames: Frame[] = [], kids: XElement[] = [];
  let kn = 0, depth = 0, top: Frame | undefined, root: XElement | undefined;
  let scope = ROOT_SCOPE, dflt = '';
  // Next '&', CR and ']]>' at or after pos (s.length when none): each found by
  // one indexOf and reused until passed, so deciding whether a text run needs
  // decoding or holds ']]>' costs nothing per run.
  let nextAmp = -1, nextCr = -1, nextCdEnd = -1;

  while (pos < n) {
    const lt = s.indexOf('<', pos);
    const end = lt < 0 ? n : lt;
    if (end > pos) {
      if (top === undefined) {
        // XML [1], [27]: only S, comments and PIs outside the root element.
        for (let i = pos; i < end; i++) if (!isS(s.charCodeAt(i))) fail(s, i, 'text is not allowed outside the root element');
      } else {
        if (nextAmp < pos) nextAmp = find(s, '&', pos);
        if (nextCr < pos) nextCr = find(s, '\r', pos);
        if (nextCdEnd < pos) nextCdEnd = find(s, ']]>', pos);
        if (nextCdEnd < end) fail(s, nextCdEnd, "']]>' is not allowed in character data"); // XML [14]
        top.text += nextAmp < end || nextCr < end ? decode(s, pos, end, false) : s.slice(pos, end);
      }
    }
    if (lt < 0) break;
    const c = s.charCodeAt(lt + 1);

    if (c === SLASH) {
      // XML [42] ETag, WFC: Element Type Match.
      if (top === undefined) fail(s, lt, 'end tag without a matching start tag');
      const qn = top.qname;
      let p = lt + 2;
      if (s.startsWith(qn, p)) {
        p += qn.length;
        while (isS(s.charCodeAt(p))) p++;
      }
      if (p === lt + 2 || s.charCodeAt(p) !== GT) {
        const e = scanQName(s, lt + 2, false);
        const found = e < 0 ? '' : s.slice(lt + 2, e);
        if (found === qn) fail(s, p, `unexpected ${describe(s, p)} in end tag </${qn}>`);
        fail(s, lt, `end tag </${found}> does not match start tag <${qn}> opened on line ${lineAt(s, top.open)}`);
      }
      pos = p + 1;
      const k0 = top.kids;
      const children = kn > k0 ? kids.slice(k0, kn) : NO_CHILDREN;
      const el: XElement = { name: top.name, ns: top.ns, attrs: top.attrs, children, text: top.text };
      kn = k0;
      if (--depth > 0) {
        kids[kn++] = el;
        top = frames[depth - 1];
        ({ scope, dflt } = top);
      } else [root, top, scope, dflt] = [el, undefined, ROOT_SCOPE, ''];
      continue;
    }

    if (c === BANG && s.startsWith('[CDATA[', lt + 2)) {
      // XML [18]-[21]: literal text up to the first ']]>', only inside the root element.
      if (top === undefined) fail(s, lt, 'CDATA section outside the root element');
      const e = s.indexOf(']]>', lt + 9);
      if (e < 0) fail(s, lt, 'unterminated CDATA section');
      if (nextCr < lt) nextCr = find(s, '\r', lt);
      const t = s.slice(lt + 9, e);
      top.text += nextCr < e ? t.replace(/\r\n?/g, '\n') : t;
      pos = e + 3;
      continue;
    }
    if (c === BANG || c === QM) {
      if (c === BANG && !s.startsWith('--', lt + 2)) fail(s, lt, `unexpected '<!' markup`);
      pos = skipMisc(s, lt);
      continue;
    }

    // XML [40] STag / [44] EmptyElemTag.
    if (top === undefined && root !== undefined) fail(s, lt, 'a document has exactly one root element');
    let p = scanQName(s, lt + 1, false);
    if (p < 0) badName(s, lt + 1, "expected an element name after '<'");
    const qname = intern(cache, s, lt + 1, p);
    const eColon = colonAt < 0 ? -1 : colonAt - lt - 1;
    let count = 0, selfClose = false;
    for (;;) {
      let k = s.charCodeAt(p);
      if (k === GT) { p++; break; }
      if (k === SLASH) {
        if (s.charCodeAt(p + 1) !== GT) fail(s, p, `'/' not followed by '>' in <${qname}>`);
        selfClose = true;
        p += 2;
        break;
      }
      // XML [40]: attributes are preceded by white space.
      if (!isS(k)) fail(s, p, `unexpected ${describe(s, p)} in start tag <${qname}>`);
      do p++; while (isS(s.charCodeAt(p)));
      k = s.charCodeAt(p);
      if (k === GT || k === SLASH) continue;
      // XML [41] Attribute ::= Name Eq AttValue; [25] Eq ::= S? '=' S?
      const an = p;
      p = scanQName(s, p, false);
      if (p < 0) badName(s, an, `bad attribute name in start tag <${qname}>`);
      aName[count] = intern(cache, s, an, p);
      aColon[count] = colonAt < 0 ? -1 : colonAt - an;
      aPos[count] = an;
      while (isS(s.charCodeAt(p))) p++;
      if (s.charCodeAt(p) !== EQ) fail(s, p, `attribute ${aName[count]} has no value`);
      do p++; while (isS(s.charCodeAt(p)));
      const qc = s.charCodeAt(p);
      if (qc !== DQ && qc !== SQ) fail(s, p, `value of attribute ${aName[count]} must be quoted`);
      const ve = s.indexOf(qc === DQ ? '"' : "'", p + 1);
      if (ve < 0) fail(s, p, `unterminated value of attribute ${aName[count]}`);
      let plain = true;
      for (let i = p + 1; i < ve; i++) {
        const v = s.charCodeAt(i);
        if (v === AMP || v === LT || v < SP) { plain = false; break; }
      }
      aVal[count++] = plain ? s.slice(p + 1, ve) : decode(s, p + 1, ve, true);
      p = ve + 1;
    }

    // NS 3/6.1: this tag's declarations are in scope for its own name and attributes.
    // saxes trims declared URIs; kept for identical output.
    let sc = scope, dns = dflt;
    for (let i = 0; i < count; i++) {
      const an = aName[i];
      const col = aColon[i];
      let prefix: string;
      if (col < 0 && an === 'xmlns') prefix = '';
      else if (col === 5 && an.startsWith('xmlns')) prefix = an.slice(6);
      else continue;
      const uri = aVal[i].trim();
      if (prefix !== '' && uri === '') fail(s, aPos[i], `namespace prefix ${prefix} cannot be undeclared in XML 1.0`); // NS 5
      checkBinding(s, aPos[i], prefix, uri);
      if (sc === scope) sc = new Map(scope);
      sc.set(prefix, uri);
      if (prefix === '') dns = uri;
    }
    let name = qname, ns: string;
    if (eColon < 0) ns = dns; // NS 6.2: the default namespace applies to unprefixed elements
    else {
      const q = split(splits, qname, eColon);
      const uri = q.prefix === 'xmlns' ? undefined : sc.get(q.prefix);
      if (uri === undefined) fail(s, lt, `undeclared namespace prefix ${q.prefix} in <${qname}>`); // NS 5 (Prefix Declared)
      ns = uri;
      name = q.local;
    }
    const attrs = count > 0 ? {} as Record<string, string> : NO_ATTRS;
    for (let i = 0; i < count; i++) {
      const an = aName[i];
      const col = aColon[i];
      let key = an;
      // NS 6.2: no default namespace for attributes; prefixed ones are keyed by local name and {uri}local.
      if (col >= 0) {
        const q = split(splits, an, col);
        const uri = sc.get(q.prefix);
        if (uri === undefined) fail(s, aPos[i], `undeclared namespace prefix ${q.prefix} on attribute ${an}`);
        if (q.uri !== uri) [q.uri, q.key] = [uri, `{${uri}}${q.local}`];
        key = q.key;
        if (q.prefix !== 'xmlns') {
          attrs[q.local] = aVal[i];
          attrs[key] = aVal[i];
        }
      } else if (an !== 'xmlns') attrs[an] = aVal[i];
      aName[i] = key; // XML 3.1 WFC: Unique Att Spec; NS 6.3: unique expanded names
      for (let j = 0; j < i; j++) if (aName[j] === key) fail(s, aPos[i], `duplicate attribute ${an} in <${qname}>`);
    }
    if (selfClose) {
      const el: XElement = { name, ns, attrs, children: NO_CHILDREN, text: '' };
      if (top === undefined) root = el;
      else kids[kn++] = el;
    } else {
      // Frames are reused: one per depth, not one per element.
      let f = frames[depth];
      if (f === undefined) frames[depth] = f = { qname, name, ns, attrs, text: '', scope: sc, dflt: dns, open: lt, kids: kn };
      else {
        f.qname = qname; f.name = name; f.ns = ns; f.attrs = attrs; f.text = '';
        f.scope = sc; f.dflt = dns; f.open = lt; f.kids = kn;
      }
      depth++;
      top = f;
      scope = sc;
      dflt = dns;
    }
    pos = p;
  }
  if (top !== undefined) fail(s, n, `element <${top.qname}> opened on line ${lineAt(s, top.open)} is never closed`);
  if (root === undefined) fail(s, n, 'no root element');
  return root;
}
