// The quirk catalogue the "Add virtual CPE" dialog shows and the simulator's
// parser must agree on every name and value: a quirk the UI offers that the
// parser refuses (or ignores) would fail only when someone picks it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPAT_SWITCHES } from '../../shared/model/compat';
import { QUIRK_CATALOG, QUIRK_CATALOG_NAMES, quirkInfo, quirkSpec } from '../../shared/model/quirk-catalog';
import { QUIRK_NAMES, parseQuirk, parseQuirks } from '../../electron/sim/quirks';

/** The member names of `interface Quirks`, read from the source (types are gone at run time). */
function quirksInterfaceMembers(): string[] {
  const src = readFileSync(join(__dirname, '../../electron/sim/quirks.ts'), 'utf8');
  const body = /export interface Quirks \{([\s\S]*?)\n\}/.exec(src)?.[1] ?? '';
  return [...body.matchAll(/^\s{2}(\w+)\?:/gm)].map((m) => m[1]);
}

describe('quirk catalogue', () => {
  it('names exactly the members of the Quirks interface, each once', () => {
    const members = quirksInterfaceMembers();
    expect(members.length).toBeGreaterThan(10);
    expect([...QUIRK_CATALOG_NAMES].sort()).toEqual([...members].sort());
    expect(new Set(QUIRK_CATALOG_NAMES).size).toBe(QUIRK_CATALOG_NAMES.length);
    expect([...QUIRK_NAMES]).toEqual([...QUIRK_CATALOG_NAMES]);
  });

  it('every entry, as the dialog builds it, parses to that quirk switched on', () => {
    for (const q of QUIRK_CATALOG) {
      const parsed = parseQuirk(quirkSpec(q.name)) as Record<string, unknown>;
      expect(Object.keys(parsed), q.name).toEqual([q.name]);
      expect(parsed[q.name], q.name).toBeTruthy();
    }
  });

  it('every value choice is accepted as given', () => {
    const expected: Record<string, (v: string) => unknown> = {
      crDigestAlgorithm: (v) => v, transferFault: (v) => v, charset: (v) => v,
      rejectRootGpn: (v) => (v === '9002' ? 9002 : true),
    };
    for (const q of QUIRK_CATALOG) {
      if (q.value.kind !== 'choice') continue;
      expect(expected[q.name], `a choice quirk without an expectation here: ${q.name}`).toBeDefined();
      for (const c of q.value.choices) {
        expect((parseQuirk(`${q.name}=${c}`) as Record<string, unknown>)[q.name], `${q.name}=${c}`).toBe(expected[q.name](c));
      }
    }
    expect(() => parseQuirk('crDigestAlgorithm=SHA-512')).toThrow(/needs one of SHA-256, MD5-sess, SHA-256-sess, MD5/);
    expect(() => parseQuirk('transferFault')).toThrow(/transferFault needs one of/);
  });

  it('text values travel as typed; the bare name takes the default', () => {
    expect(parseQuirk(quirkSpec('namespace', 'urn:dslforum-org:cwmp-1-2'))).toEqual({ namespace: 'urn:dslforum-org:cwmp-1-2' });
    expect(parseQuirk(quirkSpec('namespace', '  '))).toEqual({ namespace: 'urn:dslforum-org:cwmp-1-3' });
    expect(quirkSpec('gzip', 'ignored')).toBe('gzip');
    expect(parseQuirks(QUIRK_CATALOG.map((q) => quirkSpec(q.name)))).toMatchObject({ rejectXmlDeclaration: true, crDigestAlgorithm: 'SHA-256' });
  });

  it('descriptions fit one line, and a switch it teaches exists', () => {
    for (const q of QUIRK_CATALOG) {
      expect(q.description, q.name).not.toMatch(/\n/);
      expect(q.description.length, q.name).toBeLessThanOrEqual(110);
      const teaches = (q as { teaches?: string }).teaches;
      if (teaches) expect(COMPAT_SWITCHES, q.name).toContain(teaches);
    }
    expect(quirkInfo('REJECTXMLDECLARATION')?.name).toBe('rejectXmlDeclaration');
    expect(quirkInfo('nope')).toBeUndefined();
    expect(() => parseQuirk('nope')).toThrow(/unknown quirk "nope"/);
  });
});
