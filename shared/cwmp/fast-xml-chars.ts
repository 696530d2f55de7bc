// Characters and errors for the strict XML parser (fast-xml.ts): what XML
// allows as characters and, beyond ASCII, in names (ASCII names go through a
// lookup table in fast-xml.ts), and the error every well-formedness violation
// raises, with its line.
// Section numbers: XML = XML 1.0 5th ed., NS = Namespaces in XML 1.0 3rd ed.
import { XmlError } from './xml';

// Character codes are declared here, not imported (see fast-xml.ts).
const TAB = 9, LF = 10, CR = 13;

/** Non-ASCII NameStartChar, XML [4]. */
export function isStartCp(c: number): boolean {
  return (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xf6) || (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) || (c >= 0x37f && c <= 0x1fff) || c === 0x200c || c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) || (c >= 0x2c00 && c <= 0x2fef) || (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) || (c >= 0xfdf0 && c <= 0xfffd) || (c >= 0x10000 && c <= 0xeffff);
}

/** Non-ASCII NameChar, XML [4a]. */
export function isNameCp(c: number): boolean {
  return isStartCp(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

/** XML [2] Char, for character references (XML 4.1 WFC: Legal Character). */
export function isChar(c: number): boolean {
  return c === TAB || c === LF || c === CR || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff);
}

// Anything outside XML [2] Char: C0 controls other than TAB/LF/CR, U+FFFE/FFFF,
// and unpaired surrogates (a JS string need not be valid UTF-16). One regex
// pass over the whole document, not per character. The regex only finds
// candidates (every surrogate included) and pairs are checked here: with the
// pairing rules inside the regex (lookbehind) V8 loses its fast scan, and a
// 17 MB document holding one non-Latin-1 character took ~65 ms instead of ~15.
// eslint-disable-next-line no-control-regex
const SUSPECT_CHAR = /[\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/g;

/** Offset of the first character outside XML [2] Char, or -1. */
export function findBadChar(s: string): number {
  SUSPECT_CHAR.lastIndex = 0;
  for (let m = SUSPECT_CHAR.exec(s); m; m = SUSPECT_CHAR.exec(s)) {
    const i = m.index;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        SUSPECT_CHAR.lastIndex = i + 2; // a pair: one supplementary character
        continue;
      }
    }
    return i; // a control, U+FFFE/FFFF, an unpaired high or (pairs being consumed whole) low surrogate
  }
  return -1;
}

/** 1-based line of an offset, counting LF, CRLF and lone CR as one break each (XML 2.11). */
export function lineAt(s: string, off: number): number {
  let line = 1;
  for (let i = 0; i < off && i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) line++;
  }
  return line;
}

export function fail(s: string, off: number, msg: string): never {
  const line = lineAt(s, off);
  throw new XmlError('malformed', `${msg} (line ${line})`, line);
}

export function describe(s: string, p: number): string {
  return p >= s.length ? 'end of document' : `'${String.fromCodePoint(s.codePointAt(p) ?? 0)}'`;
}
