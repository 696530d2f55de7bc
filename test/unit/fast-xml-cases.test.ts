// Differential tests for the hand-written parser (shared/cwmp/fast-xml.ts)
// against the saxes-based reference (parseXmlSaxes): same trees for every
// document saxes accepts, a rejection (XmlError) for every document it refuses.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cwmpFault, serializeEnvelope } from '../../shared/cwmp';
import { parseXmlFast } from '../../shared/cwmp/fast-xml';
import type { CwmpBody, CwmpEnvelope, CwmpVersion, RpcName } from '../../shared/cwmp/types';
import { XmlError, parseXml, parseXmlSaxes, type XElement } from '../../shared/cwmp/xml';
import { RPC_SAMPLES } from '../support/rpc-samples';

const SAMPLES = join(__dirname, '../fixtures/samples');

type Outcome = { tree: XElement; error?: undefined } | { tree?: undefined; error: unknown };
function outcome(parse: (x: string) => XElement, x: string): Outcome {
  try {
    return { tree: parse(x) };
  } catch (error) {
    return { error };
  }
}

function expectSame(x: string): void {
  const want = parseXmlSaxes(x);
  expect(parseXmlFast(x), JSON.stringify(x)).toStrictEqual(want);
}

function errorOf(x: string): XmlError {
  const got = outcome(parseXmlFast, x);
  if (got.tree) throw new Error(`parseXmlFast accepted ${JSON.stringify(x)}`);
  expect(got.error, JSON.stringify(x)).toBeInstanceOf(XmlError);
  return got.error as XmlError;
}

function expectMalformed(x: string): XmlError {
  const e = errorOf(x);
  expect(e.kind, `${JSON.stringify(x)}: ${e.message}`).toBe('malformed');
  expect(e.line).toBeGreaterThanOrEqual(1);
  return e;
}

function envelopes(): string[] {
  const out: string[] = [];
  for (const version of ['1-0', '1-2'] as CwmpVersion[]) {
    (Object.keys(RPC_SAMPLES) as RpcName[]).forEach((name, i) => {
      const env = { version, header: { ID: `id-${i} <&>` }, body: { name, args: RPC_SAMPLES[name] } as CwmpBody };
      out.push(serializeEnvelope(env as CwmpEnvelope));
    });
    out.push(serializeEnvelope({ version, header: { ID: 'f1' }, body: { name: 'Fault', fault: cwmpFault(8000) } }));
    out.push(serializeEnvelope({
      version, header: { ID: 'f2', HoldRequests: true },
      body: { name: 'Fault', fault: cwmpFault(9003, undefined, [{ ParameterName: 'Device.X', FaultCode: 9007, FaultString: 'bad "x"' }]) },
    }));
    out.push(serializeEnvelope({ version, header: {}, body: null }));
  }
  return out;
}

describe('parseXmlFast: differential against saxes', () => {
  it('parseXml is the fast parser', () => {
    const x = envelopes()[0];
    expect(parseXml(x)).toStrictEqual(parseXmlFast(x));
  });

  it('shares frozen empty attrs and children (the tree is read-only)', () => {
    const root = parseXmlFast('<a><b/><c x="1"><d/></c></a>');
    const [b, c] = root.children;
    expect(b.attrs).toBe(c.children[0].attrs);
    expect(b.children).toBe(c.children[0].children);
    expect(() => { b.attrs.x = '1'; }).toThrow(TypeError);
    expect(() => b.children.push(root)).toThrow(TypeError);
    expect(Object.isFrozen(c.attrs)).toBe(false);
  });

  it('every sample file saxes accepts', () => {
    let n = 0;
    for (const f of readdirSync(SAMPLES).filter((f) => f.endsWith('.xml'))) {
      const x = readFileSync(join(SAMPLES, f), 'utf8');
      const want = outcome(parseXmlSaxes, x);
      if (want.tree) {
        expect(parseXmlFast(x), f).toStrictEqual(want.tree);
        n++;
      } else expect(errorOf(x).kind, f).toBe((want.error as XmlError).kind);
    }
    expect(n).toBeGreaterThan(15);
  });

  it('every generated envelope (every RPC, cwmp-1-0 and cwmp-1-2, faults, empty body)', () => {
    const xs = envelopes();
    expect(xs.length).toBeGreaterThan(60);
    for (const x of xs) expectSame(x);
  });

  const tricky: Record<string, string> = {
    'CDATA': '<a>x<![CDATA[<b>&amp; ]] ]]]]><![CDATA[>]]>y<![CDATA[]]></a>',
    'comments and PIs everywhere': '<?xml version="1.0"?>\n<!-- before --><?pi data?>\n<a><!-- in --><?p?>t<!----><?q  x ? y?></a>\n<!-- after --><?z?>\n',
    'comment holding single dashes and markup': '<a><!-- a - b <c> & --></a>',
    'entity and character references': '<a>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;&#0065;&#xe9;&#10;&#13;&#9;</a>',
    'references in attributes': '<a b="&lt;&#x9;x&#10;y&#13;&amp;&apos;" c=\'&quot;\'/>',
    'attribute value normalization': '<a b="x\ty\nz\r\nw\rv  u"/>',
    'line ends in text and CDATA': '<a>x\r\ny\rz\n<![CDATA[p\r\nq\rr]]></a>',
    'default namespaces': '<a xmlns="urn:a" x="1"><b/><c xmlns=""><d/></c><p:e xmlns:p="urn:p" p:x="1" y="2"/></a>',
    'nested redeclared prefixes': '<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2" p:at="v"><p:c/></p:b><p:d p:at="w"/></p:a>',
    'prefix declared after its use in the same tag': '<p:a p:x="1" xmlns:p="urn:p"/>',
    'same local name, prefixed and not': '<a xmlns:p="u" xmlns:q="v" p:x="1" x="2" q:x="3"/>',
    'xml prefix predeclared': '<a xml:lang="en" xmlns:xml="http://www.w3.org/XML/1998/namespace"><xml:b/></a>',
    'namespace URI with surrounding spaces (saxes trims)': '<a xmlns:p=" urn:x "><p:b/></a>',
    "'>' and both quote styles in attributes": '<a x=\'1>2\' y="it\'s" z=\'say "hi"\' w="]]>"/>',
    'white space inside tags': '<a\n  x = "1"\t\ny\n=\n\'2\'\n ></a\n><!-- -->',
    'self-closing with space': '<a><b /><c\t/></a>',
    'BOM': '\uFEFF<?xml version="1.0" encoding="UTF-8"?><a>x</a>',
    'BOM without declaration': '\uFEFF<a/>',
    'UTF-8 multibyte text': '<a>héllo € 😀 日本語 \u00a0</a>',
    'non-ASCII names': '<日本 属性="値" xmlns:ü="urn:ü"><ü:élément ü:ñ="1"/></日本>',
    'mixed content': '<a>x<b>1</b>y<![CDATA[z]]>w<c/>v</a>',
    'text holding ]] and >': '<a>]] ]]&gt; a>b ]</a>',
    'full XML declaration, single quotes': "<?xml version='1.0' encoding='utf-8' standalone='yes' ?><a/>",
    'XML declaration with line breaks': '<?xml\nversion\n=\n"1.0"\n?>\n<a/>',
    'PI named like xml-stylesheet': '<?xml version="1.0"?><?xml-stylesheet href="a.xsl"?><a/>',
    'names with dots, dashes, digits': '<a-b.c_1 x-y.z="1"><_u/></a-b.c_1>',
    'white space everywhere outside the root': ' \n\t\r\n<a/> \r\n',
    'deep nesting': `${'<d>'.repeat(300)}x${'</d>'.repeat(300)}`,
    'empty attribute values': '<a x="" y=\'\'/>',
    'U+FEFF inside text': '<a>\uFEFFx</a>',
    'many attributes': `<a ${Array.from({ length: 40 }, (_, i) => `a${i}="${i}"`).join(' ')}/>`,
  };
  for (const [what, x] of Object.entries(tricky)) {
    it(`tricky well-formed input: ${what}`, () => expectSame(x));
  }
});

describe('parseXmlFast: malformed input', () => {
  const bad: Record<string, string> = {
    'mismatched tags': '<a><b></a></b>',
    'unclosed root': '<a><b></b>',
    'unclosed child': '<a><b></a>',
    'two roots': '<a/><b/>',
    'two roots, the second not closed': '<a></a><b>',
    'text before the root': 'x<a/>',
    'text after the root': '<a/>x',
    'reference outside the root': '<a/>&amp;',
    'CDATA outside the root': '<![CDATA[x]]><a/>',
    'undeclared element prefix': '<p:a/>',
    'undeclared attribute prefix': '<a p:x="1"/>',
    'prefix out of scope': '<a><b xmlns:p="u"/><p:c/></a>',
    'xmlns as an element prefix': '<xmlns:a/>',
    'unknown entity': '<a>&foo;</a>',
    'unknown entity in an attribute': '<a x="&foo;"/>',
    'entity without semicolon': '<a>&amp</a>',
    'bare ampersand': '<a>a & b</a>',
    'empty reference': '<a>&;</a>',
    'character reference to NUL': '<a>&#0;</a>',
    'character reference to a surrogate': '<a>&#xD800;</a>',
    'character reference beyond U+10FFFF': '<a>&#x110000;</a>',
    'upper-case X in character reference': '<a>&#X41;</a>',
    'bad digit in character reference': '<a>&#1a;</a>',
    "'<' in an attribute value": '<a x="<"/>',
    "'<' in a single-quoted attribute value": "<a x='a<b'/>",
    'unterminated comment': '<a><!-- x</a>',
    "'--' inside a comment": '<a><!-- x -- y --></a>',
    'comment ending in --->': '<a><!-- x ---></a>',
    'unterminated CDATA': '<a><![CDATA[x</a>',
    'unterminated attribute value': '<a x="1/>',
    'unterminated attribute value at EOF': '<a x="1',
    "']]>' in text": '<a>x]]>y</a>',
    'duplicate attribute': '<a x="1" x="2"/>',
    'duplicate expanded attribute name': '<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>',
    'duplicate namespace declaration': '<a xmlns:p="u" xmlns:p="v"/>',
    'no white space between attributes': '<a x="1"y="2"/>',
    'unquoted attribute value': '<a x=1/>',
    'attribute without value': '<a x/>',
    'attribute without value before >': '<a x>',
    "'/' not followed by '>'": '<a/ >',
    'space after <': '< a/>',
    'name starting with a digit': '<1a/>',
    'empty end tag': '<a></>',
    'end tag with an attribute': '<a></a x="1">',
    'end tag prefix differs': '<p:a xmlns:p="u" xmlns:q="u"></q:a>',
    'end tag longer name': '<a></ab>',
    'end tag without start tag': '</a>',
    'two colons in a name': '<a:b:c xmlns:a="u"/>',
    'empty prefix': '<:a/>',
    'empty local name': '<a: xmlns:a="u"/>',
    'empty document': '',
    'only white space': ' \n ',
    'only a comment': '<!-- x -->',
    'XML declaration not at the start': ' <?xml version="1.0"?><a/>',
    'XML declaration after the root': '<a/><?xml version="1.0"?>',
    'XML declaration without version': '<?xml encoding="UTF-8"?><a/>',
    'XML declaration with a bad version': '<?xml version="2.0"?><a/>',
    'XML declaration out of order': '<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>',
    'XML declaration missing white space': '<?xml version="1.0"encoding="UTF-8"?><a/>',
    'XML declaration unterminated': '<?xml version="1.0"<a/>',
    'upper-case XML PI target': '<a><?XML x?></a>',
    'PI without target': '<a><? x?></a>',
    'PI target with a colon': '<a><?a:b x?></a>',
    'unterminated PI': '<a><?pi x</a>',
    '<! markup other than comment or CDATA': '<a><!FOO></a>',
    'NUL character': '<a>\u0000</a>',
    'control character in an attribute': '<a x="\u0001"/>',
    'U+FFFF': '<a>\uffff</a>',
    'unpaired low surrogate': '<a>\udc00</a>',
    'empty namespace for a prefix (XML 1.0)': '<p:a xmlns:p=""/>',
    'rebinding the xml prefix': '<a xmlns:xml="urn:x"/>',
    'binding the XML namespace to another prefix': '<a xmlns:x="http://www.w3.org/XML/1998/namespace"/>',
    'declaring the xmlns prefix': '<a xmlns:xmlns="http://www.w3.org/2000/xmlns/"/>',
    'default namespace set to the xmlns namespace': '<a xmlns="http://www.w3.org/2000/xmlns/"/>',
    'BOM not at the start': ' \uFEFF<a/>',
    'EOF after <': '<a><',
    'EOF in a start tag': '<a x="1"',
    'EOF in an end tag': '<a></a',
  };
  for (const [what, x] of Object.entries(bad)) {
    it(`rejects: ${what}`, () => {
      expectMalformed(x);
      expect(() => parseXmlSaxes(x), 'saxes agrees').toThrow(XmlError);
    });
  }

  it('reports mismatched tags with both names and the line', () => {
    const e = expectMalformed('<?xml version="1.0"?>\n<a>\n  <b>\n  </c>\n</a>');
    expect(e.message).toMatch(/<\/c>.*<b>/);
    expect(e.line).toBe(4);
  });

  it('reports the line of other errors (CRLF counts once)', () => {
    expect(expectMalformed('<a>\r\n<b x="1"y="2"/></a>').line).toBe(2);
    expect(expectMalformed('<a>\n\n\n&foo;</a>').message).toMatch(/&foo;.*line 4/);
    expect(expectMalformed('<a>\n<p:b/></a>').message).toMatch(/prefix p/);
  });

  it('rejects every truncation of a valid envelope', () => {
    const x = serializeEnvelope({ version: '1-2', header: { ID: 'x1' }, body: { name: 'GetParameterValuesResponse', args: RPC_SAMPLES.GetParameterValuesResponse } });
    const last = x.lastIndexOf('>'); // cutting at or after it would leave a complete document
    const cuts = new Set<number>([0, 1, last - 1]);
    for (let i = 0; cuts.size < 50; i++) cuts.add(Math.floor(((i * 7919) % 1000) / 1000 * last));
    for (const k of cuts) expectMalformed(x.slice(0, k));
  });

  it('refuses DOCTYPE and ENTITY with kind dtd', () => {
    for (const x of [
      '<!DOCTYPE a><a/>',
      '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
      '<!doctype a><a/>',
      '<a><!-- <!ENTITY x "y"> --></a>',
    ]) expect(errorOf(x).kind, x).toBe('dtd');
  });
});

// Deterministic PRNG (mulberry32) so a failure names a reproducible seed.
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)], chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const NAMES = ['a', 'b', 'Item', 'x-y', 'v.1', 'n_2', 'é', 'Value'];
const TEXTS = ['x', ' ', '\n  ', 'a b', '&amp;', '&lt;x&gt;', '&#65;', '&#x1F600;', 'é€', '😀', 'a>b', ']]', '&quot;&apos;', '\r\n', '\r', '\t', '1;2', '&#13;'];
const VALUES = ['1', '', 'a b', '&amp;', '>', "it's", 'say "hi"', '&#x20;', 'x\ny', 'urn:x', ' t ', 'a\r\nb\tc\rd', '&#13;&#10;', ']]>'];
const WS = ['', ' ', '\n', '\t '];
const MISC = ['<!-- c -->', '<!---->', '<?pi x?>', '<?pi?>', ' ', '\n'];
const DECLS = ['<?xml version="1.0"?>', "<?xml version='1.0' encoding='UTF-8'?>", '<?xml version="1.0" standalone="no" ?>'];
const PREFIXES = ['p', 'q'];

function genElement(r: Rng, depth: number, declared: string[]): string {
  const scope = [...declared];
  let attrs = '';
  const nAttrs = r.int(4);
  for (let i = 0; i < nAttrs; i++) {
    const quote = r.chance(0.5) ? '"' : "'";
    const value = r.pick(VALUES).replace(quote === '"' ? /"/g : /'/g, quote === '"' ? '&quot;' : '&apos;');
    const kind = r.int(6);
    let name: string;
    if (kind === 0) {
      const p = r.pick(PREFIXES);
      scope.push(p);
      name = `xmlns:${p}`;
    } else if (kind === 1) name = 'xmlns';
    else if (kind === 2 && scope.length) name = `${r.pick(scope)}:${r.pick(NAMES)}`;
    else if (kind === 3) name = 'xml:lang';
    else name = r.pick(NAMES);
    const v = name.startsWith('xmlns') ? r.pick(['urn:a', 'urn:b', '', ' urn:c ']) : value;
    attrs += ` ${name}${r.pick(WS)}=${r.pick(WS)}${quote}${v}${quote}`;
  }
  const prefix = scope.length && r.chance(0.4) ? `${r.pick(scope)}:` : r.chance(0.03) ? 'z:' : '';
  const name = prefix + r.pick(NAMES);
  if (depth > 3 || r.chance(0.2)) return `<${name}${attrs}${r.pick(WS)}/>`;
  let body = '';
  const n = r.int(5);
  for (let i = 0; i < n; i++) {
    const k = r.int(10);
    if (k < 4) body += r.pick(TEXTS);
    else if (k < 7) body += genElement(r, depth + 1, scope);
    else if (k === 7) body += `<![CDATA[${r.pick(['x', '<a>&amp;', ']]', '\r\n'])}]]>`;
    else body += r.pick(MISC);
  }
  return `<${name}${attrs}${r.pick(WS)}>${body}</${name}${r.pick(WS)}>`;
}

function genDocument(r: Rng): string {
  let x = r.chance(0.1) ? '\uFEFF' : '';
  if (r.chance(0.5)) x += r.pick(DECLS);
  for (let i = r.int(3); i > 0; i--) x += r.pick(MISC);
  x += genElement(r, 0, []);
  for (let i = r.int(3); i > 0; i--) x += r.pick(MISC);
  return x;
}

const INSERTS = ['<', '>', '&', '"', "'", '/', ':', ' ', ']', '-', '?', '!', ';', '=', 'a', '\r', '#', 'x'];
function mutate(r: Rng, x: string): string {
  const i = r.int(x.length + 1);
  switch (r.int(4)) {
    case 0: return x.slice(0, i) + x.slice(i + 1); // delete a code unit
    case 1: return x.slice(0, i) + x.slice(i, i + 1) + x.slice(i); // duplicate one
    case 2: return x.slice(0, i) + r.pick(INSERTS) + x.slice(i);
    default: return x.slice(0, i) + x.slice(i + 1, i + 2) + x.slice(i, i + 1) + x.slice(i + 2); // swap two
  }
}

/**
 * Documents saxes accepts although XML 1.0 / Namespaces in XML call them
 * malformed; parseXmlFast follows the specs and rejects them. Each entry pairs
 * a test for the construct with the error parseXmlFast must give for it, so a
 * different rejection of such a document still fails the fuzz test.
 */
const SAXES_LENIENCIES: { what: string; test: RegExp; error: RegExp }[] = [
  // An unpaired surrogate is not a Char (XML [2]); saxes combines a lone high
  // surrogate with whatever code unit follows it.
  { what: 'unpaired surrogate', test: /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, error: /character U\+D[89AB].. is not allowed/ },
  // A QName's local part must be an NCName (NS [7]-[8]): saxes accepts `p:1a`.
  { what: 'local part not an NCName', test: /[<\s/][^\s<>/='"?!:]+:[-.0-9\u00B7\u0300-\u036F\u203F\u2040]/, error: /is not followed by a valid local name/ },
  // XML 2.8: a 1.0 processor reads version 1.x as 1.0; saxes switches to XML
  // 1.1 rules for any version but exactly "1.0" (e.g. "1.00"), which allow
  // undeclaring a prefix (Namespaces 1.1) and references to C0 controls (&#x2;).
  {
    what: 'version 1.x read as XML 1.1', test: /^\uFEFF?<\?xml[^?]*version\s*=\s*(["'])1\.(?!0\1)/,
    error: /cannot be undeclared in XML 1\.0|malformed character reference &#x?0*[0-9a-f]{1,2};/i,
  },
  // XML [16]: the PI target is followed by S or '?>'; saxes accepts `<?pi?x?>`.
  { what: "PI target followed by '?' without '>'", test: /<\?[^\s?]+\?[^>]/, error: /after processing instruction target/ },
];

function saxesLeniency(x: string, error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : '';
  return SAXES_LENIENCIES.find((l) => l.test.test(x) && l.error.test(message))?.what;
}

describe('parseXmlFast: randomized differential fuzz', () => {
  const ENVELOPES = envelopes();
  // FX_FUZZ=200000 (and FX_SEED) run a longer search locally.
  const docs = Number(process.env.FX_FUZZ) || 5000;
  const firstSeed = Number(process.env.FX_SEED) || 1;
  it(`agrees with saxes on ${docs} small random documents`, () => {
    const counts = { accepted: 0, rejected: 0, leniency: {} as Record<string, number> };
    for (let seed = firstSeed; seed < firstSeed + docs; seed++) {
      const r = prng(seed);
      // Every fifth document is a real envelope with one to three mutations.
      let x = seed % 5 === 0 ? r.pick(ENVELOPES) : genDocument(r);
      for (let m = seed % 5 === 0 ? 1 + r.int(3) : r.chance(0.6) ? 1 + r.int(2) : 0; m > 0; m--) x = mutate(r, x);
      const want = outcome(parseXmlSaxes, x);
      const got = outcome(parseXmlFast, x);
      const where = `seed ${seed}: ${JSON.stringify(x)}`;
      if (got.error !== undefined) {
        expect(got.error, where).toBeInstanceOf(XmlError);
        const { kind, line } = got.error as XmlError;
        expect(kind, where).toBe('malformed');
        expect(line, where).toBeGreaterThanOrEqual(1);
        expect(line, where).toBeLessThanOrEqual(x.split(/\r\n?|\n/).length);
      }
      if (want.tree) {
        const leniency = got.error !== undefined ? saxesLeniency(x, got.error) : undefined;
        if (leniency) {
          counts.leniency[leniency] = (counts.leniency[leniency] ?? 0) + 1;
          continue;
        }
        expect(got.error && (got.error as Error).message, where).toBeUndefined();
        expect(got.tree, where).toStrictEqual(want.tree);
        counts.accepted++;
      } else {
        expect(got.tree, `${where} (saxes: ${(want.error as Error).message})`).toBeUndefined();
        counts.rejected++;
      }
    }
    console.log('fuzz:', counts);
    expect(counts.accepted).toBeGreaterThan(docs / 4);
    expect(counts.rejected).toBeGreaterThan(docs / 4);
  });

  it('rejects the saxes leniencies it was built to reject', () => {
    for (const x of ['<a>\ud800x</a>', '<a>\udbff-</a>', '<p:1a xmlns:p="u"/>', '<a xmlns:p="u" p:-x="1"/>', '<?pi?x?><a/>']) {
      expect(parseXmlSaxes(x), `saxes accepts ${x}`).toBeDefined();
      expect(saxesLeniency(x, expectMalformed(x)), x).toBeDefined();
    }
  });
});

describe('parseXmlFast: timing (printed, not asserted)', () => {
  it('100,000-parameter GetParameterValuesResponse', () => {
    const ParameterList = Array.from({ length: 100_000 }, (_, i) => ({
      Name: `Device.IP.Interface.${i % 50}.IPv4Address.${i}.IPAddress`,
      Value: `192.168.${(i >> 8) & 255}.${i & 255} some text`,
      Type: 'string' as const,
    }));
    const xml = serializeEnvelope({ version: '1-2', header: { ID: 'big' }, body: { name: 'GetParameterValuesResponse', args: { ParameterList } } });
    const json = JSON.stringify(ParameterList);
    // One untimed warm-up round (JIT, heap growth), then best of N rounds with
    // the three parsers interleaved so each sees the same heap state.
    const runs: [string, () => unknown][] = [['JSON.parse', () => JSON.parse(json)], ['fast', () => parseXmlFast(xml)], ['saxes', () => parseXmlSaxes(xml)]];
    const best: Record<string, number> = {};
    const rounds = Number(process.env.FX_ROUNDS) || 3;
    for (let round = -1; round < rounds; round++) {
      for (const [name, f] of runs) {
        const t0 = performance.now();
        f();
        const t = performance.now() - t0;
        if (round >= 0) best[name] = Math.min(best[name] ?? Infinity, t);
      }
    }
    const { 'JSON.parse': tJson, fast: tFast, saxes: tSaxes } = best;
    console.log(
      `100k GPVR (${(xml.length / 1e6).toFixed(1)} MB XML, ${(json.length / 1e6).toFixed(1)} MB JSON), best of ${rounds} after a warm-up round: ` +
      `parseXmlFast ${tFast.toFixed(0)} ms, parseXmlSaxes ${tSaxes.toFixed(0)} ms, JSON.parse ${tJson.toFixed(0)} ms; ` +
      `fast/JSON ${(tFast / tJson).toFixed(2)}x (target <= 3x), saxes/fast ${(tSaxes / tFast).toFixed(1)}x`,
    );
    const fast = parseXmlFast(xml);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(parseXmlSaxes(xml)));
    expect(fast.children[1].children[0].children[0].children).toHaveLength(100_000);
  });
});
