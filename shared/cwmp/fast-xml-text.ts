// Character data for the strict XML parser (fast-xml.ts): entity and
// character references, and the decoding of text and attribute values (line
// ends, XML 2.11; attribute-value normalization, XML 3.3.3). decode runs only
// on runs that hold '&' or CR; plain runs are sliced without decoding.
// Section numbers: XML = XML 1.0 5th ed., NS = Namespaces in XML 1.0 3rd ed.
import { fail, isChar } from './fast-xml-chars';

// Character codes are declared here, not imported (see fast-xml.ts).
const TAB = 9, LF = 10, CR = 13, AMP = 38, LT = 60;

/** Replacement text of the reference between '&' and ';' (XML 4.1, 4.6). */
function entity(s: string, from: number, to: number): string {
  const name = s.slice(from, to);
  switch (name) {
    case 'lt': return '<';
    case 'gt': return '>';
    case 'amp': return '&';
    case 'quot': return '"';
    case 'apos': return "'";
  }
  if (name.charCodeAt(0) === 0x23 /* # */) {
    // XML [66] CharRef: '&#' [0-9]+ ';' | '&#x' [0-9a-fA-F]+ ';' (lower-case x only).
    const hex = name.charCodeAt(1) === 0x78;
    const digits = name.slice(hex ? 2 : 1);
    let ok = digits.length > 0;
    for (let i = 0; ok && i < digits.length; i++) {
      const d = digits.charCodeAt(i) | (hex ? 0x20 : 0);
      ok = (d >= 48 && d <= 57) || (hex && d >= 97 && d <= 102);
    }
    const cp = ok ? parseInt(digits, hex ? 16 : 10) : NaN;
    if (!isChar(cp)) fail(s, from, `malformed character reference &${name};`);
    return String.fromCodePoint(cp);
  }
  // No DTD is ever accepted, so no other entity can be declared (XML 4.1 WFC: Entity Declared).
  return fail(s, from, `undefined entity &${name};`);
}

/**
 * Decode character data s[from, to): references, and line ends (XML 2.11:
 * CRLF and lone CR become LF). In attribute values (`attr`) TAB, CR, LF and
 * CRLF become a space (XML 3.3.3) and '<' is refused (XML 3.1 WFC: No < in
 * Attribute Values). Built from slices between the special characters.
 */
export function decode(s: string, from: number, to: number, attr: boolean): string {
  let out = '', last = from;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === AMP) {
      const semi = s.indexOf(';', i + 1);
      if (semi < 0 || semi >= to) fail(s, i, "'&' must start an entity or character reference ending in ';'");
      out += s.slice(last, i) + entity(s, i + 1, semi);
      i = semi;
      last = semi + 1;
    } else if (c === CR) {
      out += s.slice(last, i) + (attr ? ' ' : '\n');
      if (s.charCodeAt(i + 1) === LF && i + 1 < to) i++;
      last = i + 1;
    } else if (attr && (c === LF || c === TAB)) {
      out += s.slice(last, i) + ' ';
      last = i + 1;
    } else if (attr && c === LT) {
      fail(s, i, "'<' is not allowed in an attribute value");
    }
  }
  return out + s.slice(last, to);
}

/** Index of `needle` at or after `from`, or s.length when absent. */
export function find(s: string, needle: string, from: number): number {
  const i = s.indexOf(needle, from);
  return i < 0 ? s.length : i;
}
