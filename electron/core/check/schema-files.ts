// The official BBF CWMP schemas as in-memory files for xmllint-wasm, and the
// choice of schema for one message — the same mapping as
// resources/bbf/catalog.xml and the test referee (test/support/schema.ts):
//
//   urn:dslforum-org:cwmp-1-0 -> cwmp-1-0.xsd
//   urn:dslforum-org:cwmp-1-1 -> cwmp-1-1.xsd
//   urn:dslforum-org:cwmp-1-2 -> cwmp-1-4.xsd   (CWMP 1.2-1.4 share the
//       cwmp-1-2 namespace, TR-069 Amd 6 §A.1; cwmp-1-4.xsd includes 1-3 and 1-2)
//   urn:dslforum-org:cwmp-1-3/-1-4 (non-standard, seen in the field)
//       -> rewritten to cwmp-1-2 and checked against cwmp-1-4.xsd, with a note
//
// xmllint-wasm cannot fetch anything: every schemaLocation (the SOAP
// namespaces, the broadband-forum.org URLs) is rewritten to the local file
// name, and the SOAP envelope namespace points at the strict wrapper
// (soap-envelope-1.1-strict.xsd: exactly one known RPC per Body), exactly as
// catalog.xml maps it for the command-line xmllint.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SchemaFile { fileName: string; contents: string }

export interface SchemaSet {
  /** The main schema per checked file name. */
  main: Map<string, SchemaFile>;
  /** Everything the main schemas import, include or redefine. */
  preload: SchemaFile[];
}

const MAIN = ['cwmp-1-0.xsd', 'cwmp-1-1.xsd', 'cwmp-1-4.xsd'] as const;
const PRELOAD = [
  'soap-envelope-1.1-strict.xsd', 'soap-envelope-1.1.xsd', 'soap-encoding-1.1.xsd', 'cwmp-1-2.xsd', 'cwmp-1-3.xsd',
] as const;

/** schemaLocation="…" → local names, as catalog.xml maps them. */
export function localizeSchema(text: string): string {
  return text
    .replace(/schemaLocation="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/?"/g, 'schemaLocation="soap-envelope-1.1-strict.xsd"')
    .replace(/schemaLocation="http:\/\/schemas\.xmlsoap\.org\/soap\/encoding\/?"/g, 'schemaLocation="soap-encoding-1.1.xsd"')
    .replace(/schemaLocation="https?:\/\/www\.broadband-forum\.org\/cwmp\/([^"/]+)"/g, 'schemaLocation="$1"');
}

export function loadSchemaSet(bbfDir: string): SchemaSet {
  const read = (fileName: string): SchemaFile => ({ fileName, contents: localizeSchema(readFileSync(join(bbfDir, fileName), 'utf8')) });
  return { main: new Map(MAIN.map((n) => [n, read(n)])), preload: PRELOAD.map(read) };
}

export interface SchemaPlan {
  /** Schema to check against, or undefined when the namespace has none (then `problem` says why). */
  xsd?: string;
  /** The text xmllint sees: namespace and encoding declaration normalised, same line numbers. */
  text: string;
  note?: string;
  problem?: string;
}

const CWMP_NS = /urn:dslforum-org:cwmp-(\d+)-(\d+)/;

/**
 * Picks the schema from the first CWMP namespace in the text (like the
 * referee). The body was decoded from its charset already, and xmllint-wasm
 * hands libxml2 UTF-8: an XML declaration naming another encoding would make
 * it misread the bytes, so it is rewritten (same line, same line numbers).
 */
export function planSchema(body: string): SchemaPlan {
  let text = body.replace(/^(\uFEFF?<\?xml[^>]*?\bencoding\s*=\s*)(["'])([^"']*)\2/, (s, pre: string, q: string, enc: string) =>
    (/^utf-?8$/i.test(enc) ? s : `${pre}${q}UTF-8${q}`));
  const m = CWMP_NS.exec(text);
  if (!m) return { xsd: 'cwmp-1-0.xsd', text, note: 'no CWMP namespace in the message; checked against cwmp-1-0.xsd' };
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (major === 1 && minor === 0) return { xsd: 'cwmp-1-0.xsd', text };
  if (major === 1 && minor === 1) return { xsd: 'cwmp-1-1.xsd', text };
  if (major === 1 && minor === 2) return { xsd: 'cwmp-1-4.xsd', text };
  if (major === 1 && (minor === 3 || minor === 4)) {
    text = text.replace(/urn:dslforum-org:cwmp-1-[34]\b/g, 'urn:dslforum-org:cwmp-1-2');
    return {
      xsd: 'cwmp-1-4.xsd', text,
      note: `urn:dslforum-org:cwmp-1-${minor} is not a BBF namespace (CWMP 1.2–1.4 all use urn:dslforum-org:cwmp-1-2, TR-069 Amd 6 §A.1); checked as cwmp-1-2`,
    };
  }
  return { text, problem: `unsupported CWMP namespace ${m[0]} (known: cwmp-1-0, cwmp-1-1, cwmp-1-2)` };
}
