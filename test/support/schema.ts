// The independent referee: libxml2's xmllint against the official BBF schemas
// copied into resources/bbf, offline (--nonet + OASIS catalog), with the strict
// SOAP envelope wrapper (exactly one checked RPC per Body).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

/** Validate many messages; returns one verdict per message (same order). */
export async function validateMessages(xmls: string[]): Promise<SchemaVerdict[]> {
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
