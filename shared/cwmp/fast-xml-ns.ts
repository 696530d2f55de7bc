// Namespaces in XML for the strict XML parser (fast-xml.ts): the two
// reserved bindings, the scope every document starts from, and the check of
// one declaration.
// Section numbers: XML = XML 1.0 5th ed., NS = Namespaces in XML 1.0 3rd ed.
import { fail } from './fast-xml-chars';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export type Scope = Map<string, string>;
// NS 3: the xml prefix is bound by definition; xmlns only ever names declarations.
export const ROOT_SCOPE: Scope = new Map([['xml', XML_NS], ['xmlns', XMLNS_NS]]);

/** NS 3 (Reserved Prefixes and Namespace Names) for one declaration. */
export function checkBinding(s: string, at: number, prefix: string, uri: string): void {
  if (prefix === 'xml' ? uri !== XML_NS : uri === XML_NS) fail(s, at, `the prefix xml and ${XML_NS} are bound only to each other`);
  if (prefix === 'xmlns' || uri === XMLNS_NS) fail(s, at, `the xmlns prefix and ${XMLNS_NS} cannot be declared`);
}
