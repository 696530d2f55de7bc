// The independent referee: libxml2's xmllint against the official BBF schemas
// copied into resources/bbf, offline (--nonet + OASIS catalog), with the strict
// SOAP envelope wrapper (exactly one checked RPC per Body).
//
// Where the system has no xmllint (a machine with only Node and npm), the same
// libxml2 compiled to WebAssembly (the xmllint-wasm package) referees instead,
// fed the schema files directly; this file does not use the product's own
// checker code (electron/core/check), so a bug there cannot hide here.
// .ci/run installs libxml2-utils, so CI always uses the system binary.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemPart } from './system-parts';

const BBF = resolve(__dirname, '../../resources/bbf');

export interface SchemaVerdict { file: string; ok: boolean; errors: string }

function schemaFor(xml: string): { xsd: string; text: string } {
  const m = /urn:dslforum-org:cwmp-1-(\d)/.exec(xml);
  const minor = m ? Number(m[1]) : 0;
  if (minor === 0) return { xsd: 'cwmp-1-0.xsd', text: xml };
  if (minor === 1) return { xsd: 'cwmp-1-1.xsd', text: xml };
  // CWMP 1.2–1.4 share the cwmp-1-2 namespace; the non-standard 1-3/1-4
  // namespaces some CPEs use are checked as cwmp-1-2 against cwmp-1-4.xsd.
  return { xsd: 'cwmp-1-4.xsd', text: xml.replace(/urn:dslforum-org:cwmp-1-[34]/g, 'urn:dslforum-org:cwmp-1-2') };
}

function run(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((res) => {
    execFile('xmllint', args, { env: { ...process.env, XML_CATALOG_FILES: join(BBF, 'catalog.xml') }, maxBuffer: 64 << 20 },
      (err, _stdout, stderr) => res({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr: String(stderr) }));
  });
}

/** 'xmllint' (libxml2-utils) or 'xmllint-wasm' when the system has none (or TEST_SCHEMA_REFEREE=xmllint-wasm asks for it). */
export function refereeName(): 'xmllint' | 'xmllint-wasm' {
  if (process.env.TEST_SCHEMA_REFEREE === 'xmllint-wasm') return 'xmllint-wasm';
  return systemPart('xmllint').available ? 'xmllint' : 'xmllint-wasm';
}

/** Validate many messages; returns one verdict per message (same order). */
export async function validateMessages(xmls: string[]): Promise<SchemaVerdict[]> {
  const verdicts = await (refereeName() === 'xmllint' ? validateWithCli(xmls) : validateWithWasm(xmls));
  return verdicts.map((v, i) => notAnEnvelope(xmls[i]!) ?? mixedNamespaces(xmls[i]!) ?? v);
}

/** The root must be a SOAP 1.1 Envelope (the cwmp schemas alone accept a bare RPC element as a document). */
function notAnEnvelope(xml: string): SchemaVerdict | undefined {
  const root = /^\uFEFF?\s*(?:(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->)\s*)*<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)/.exec(xml);
  if (!root) return undefined; // not well-formed: xmllint says why
  const [, prefix, local] = root;
  const ns = new RegExp(`xmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*["']http://schemas\\.xmlsoap\\.org/soap/envelope/["']`);
  return local === 'Envelope' && ns.test(xml) ? undefined : { file: '', ok: false, errors: `the root element is ${prefix ? `${prefix}:` : ''}${local}, not a SOAP 1.1 Envelope` };
}

/**
 * One message, one CWMP namespace (checked before xmllint, as the kit's
 * validate-cwmp does): a schema alone accepts a cwmp-1-0 ID header in a
 * cwmp-1-2 message, since each namespace's elements are valid by themselves.
 */
function mixedNamespaces(xml: string): SchemaVerdict | undefined {
  const used = new Set(xml.match(/urn:dslforum-org:cwmp-\d+-\d+/g) ?? []);
  return used.size > 1 ? { file: '', ok: false, errors: `mixed CWMP namespaces: ${[...used].join(', ')}` } : undefined;
}

// xmllint-wasm has no network and no catalog: each schemaLocation becomes the
// local file that resources/bbf/catalog.xml maps it to.
const LOCATIONS: [RegExp, string][] = [
  [/schemaLocation="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/?"/g, 'schemaLocation="soap-envelope-1.1-strict.xsd"'],
  [/schemaLocation="http:\/\/schemas\.xmlsoap\.org\/soap\/encoding\/?"/g, 'schemaLocation="soap-encoding-1.1.xsd"'],
  [/schemaLocation="https?:\/\/www\.broadband-forum\.org\/cwmp\/([^"/]+)"/g, 'schemaLocation="$1"'],
];
const XSD_FILES = [
  'cwmp-1-0.xsd', 'cwmp-1-1.xsd', 'cwmp-1-2.xsd', 'cwmp-1-3.xsd', 'cwmp-1-4.xsd',
  'soap-envelope-1.1-strict.xsd', 'soap-envelope-1.1.xsd', 'soap-encoding-1.1.xsd',
];
let xsds: Map<string, string> | undefined;

function localXsd(name: string): string {
  xsds ??= new Map(XSD_FILES.map((f) => [f, LOCATIONS.reduce((t, [re, to]) => t.replace(re, to), readFileSync(join(BBF, f), 'utf8'))]));
  return xsds.get(name)!;
}

export async function validateWithWasm(xmls: string[]): Promise<SchemaVerdict[]> {
  const { validateXML } = await import('xmllint-wasm');
  const verdicts: SchemaVerdict[] = new Array(xmls.length);
  const groups = new Map<string, number[]>();
  xmls.forEach((xml, idx) => {
    const { xsd } = schemaFor(xml);
    if (!groups.has(xsd)) groups.set(xsd, []);
    groups.get(xsd)!.push(idx);
  });
  for (const [xsd, idxs] of groups) {
    const preload = XSD_FILES.filter((f) => f !== xsd).map((f) => ({ fileName: f, contents: localXsd(f) }));
    for (let i = 0; i < idxs.length; i += 200) {
      const batch = idxs.slice(i, i + 200);
      const res = await validateXML({
        xml: batch.map((idx) => ({ fileName: `m${idx}.xml`, contents: schemaFor(xmls[idx]!).text })),
        schema: { fileName: xsd, contents: localXsd(xsd) }, preload, maxMemoryPages: 4096,
      });
      for (const idx of batch) {
        const file = `m${idx}.xml`;
        const errors = res.errors.filter((e) => e.loc?.fileName === file || e.rawMessage.includes(`${file} fails`)).map((e) => e.rawMessage);
        verdicts[idx] = { file, ok: res.rawOutput.includes(`${file} validates`) && errors.length === 0, errors: errors.join('\n') };
      }
    }
  }
  return verdicts;
}

export async function validateWithCli(xmls: string[]): Promise<SchemaVerdict[]> {
  const dir = await mkdtemp(join(tmpdir(), 'cwmp-schema-'));
  try {
    const groups = new Map<string, { file: string; idx: number }[]>();
    await Promise.all(xmls.map(async (xml, idx) => {
      const { xsd, text } = schemaFor(xml);
      const file = join(dir, `m${idx}.xml`);
      await writeFile(file, text);
      if (!groups.has(xsd)) groups.set(xsd, []);
      groups.get(xsd)!.push({ file, idx });
    }));
    const verdicts: SchemaVerdict[] = new Array(xmls.length);
    for (const [xsd, files] of groups) {
      for (let i = 0; i < files.length; i += 200) {
        const batch = files.slice(i, i + 200);
        const { stderr } = await run(['--nonet', '--noout', '--schema', join(BBF, xsd), ...batch.map((f) => f.file)]);
        for (const f of batch) {
          const lines = stderr.split('\n').filter((l) => l.startsWith(f.file + ':') || l.includes(`${f.file} fails`));
          const ok = stderr.includes(`${f.file} validates`);
          verdicts[f.idx] = { file: f.file, ok, errors: lines.join('\n').replaceAll(dir, '') };
        }
      }
    }
    return verdicts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Throws with every invalid message listed. */
export async function expectAllSchemaValid(xmls: string[], what = 'ACS message'): Promise<number> {
  const verdicts = await validateMessages(xmls);
  const bad = verdicts.map((v, i) => ({ v, xml: xmls[i] })).filter((x) => !x.v.ok);
  if (bad.length) {
    const detail = bad.slice(0, 5).map((b) => `${b.v.errors}\n--- message ---\n${b.xml.slice(0, 2000)}`).join('\n\n');
    throw new Error(`${bad.length} of ${xmls.length} ${what}s are not schema-valid:\n${detail}`);
  }
  return xmls.length;
}
