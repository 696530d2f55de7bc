// Differential tests for the hand-written parser (shared/cwmp/fast-xml.ts)
// against the saxes-based reference (parseXmlSaxes): same trees for every
// document saxes accepts, a rejection (XmlError) for every document it refuses.
// Hand-picked cases here; random documents in fast-xml-fuzz.test.ts, the
// timing in fast-xml-timing.test.ts.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeEnvelope } from '../../shared/cwmp';
import { parseXmlFast } from '../../shared/cwmp/fast-xml';
import { XmlError, parseXml, parseXmlSaxes } from '../../shared/cwmp/xml';
import { RPC_SAMPLES } from '../support/rpc-samples';
import { envelopes, errorOf, expectMalformed, expectSame, outcome } from '../support/xml-differential';

const SAMPLES = join(__dirname, '../fixtures/samples');

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
    'unpaired low surrogate after a pair': '<a>\ud83d\ude00\udc00</a>',
    'unpaired high surrogate before markup': '<a>é\ud83d</a>',
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
      '<a><!-- <!Entity x "y"> --></a>',
    ]) expect(errorOf(x).kind, x).toBe('dtd');
    expect(errorOf('<a>\n<!-- x -->\n<!DOCTYPE a></a>').message).toMatch(/DOCTYPE declarations are not allowed in CWMP messages \(line 3\)/);
    // '<!' that is not a declaration is left to the parser.
    expect(parseXmlFast('<a><!-- x --><![CDATA[<!DOC]]></a>').text).toBe('<!DOC');
  });

  it('accepts supplementary characters (surrogate pairs) in text and attributes, as saxes does', () => {
    for (const x of ['<a>\ud83d\ude00 ok \ud83d\ude00</a>', '<a x="\ud83d\ude00"/>', '<a>é\u20ac\ud83d\ude00</a>']) expectSame(x);
  });
});
