// The schema referee itself: the system xmllint and its WebAssembly fallback
// (used where libxml2-utils is missing) give the same verdict on every kit
// sample, valid and invalid, so a machine without xmllint checks as strictly.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateMessages, validateWithCli, validateWithWasm } from '../support/schema';
import { systemPart } from '../support/system-parts';

const DIR = join(__dirname, '../fixtures/samples');
const samples = readdirSync(DIR).filter((f) => f.endsWith('.xml')).sort();
const texts = samples.map((f) => readFileSync(join(DIR, f), 'utf8'));
const hasCli = systemPart('xmllint').available;

describe('schema referee', () => {
  it('every valid-* sample validates, every invalid-* fails with a reason', async () => {
    const verdicts = await validateMessages(texts);
    expect(verdicts).toHaveLength(samples.length);
    samples.forEach((f, i) => {
      expect({ f, ok: verdicts[i]!.ok }).toEqual({ f, ok: f.startsWith('valid-') });
      if (!verdicts[i]!.ok) expect(verdicts[i]!.errors.length, f).toBeGreaterThan(0);
    });
    expect(samples.filter((f) => f.startsWith('invalid-')).length).toBeGreaterThan(10);
  });

  it.skipIf(!hasCli)('the system xmllint and xmllint-wasm agree message by message', async () => {
    const [cli, wasm] = [await validateWithCli(texts), await validateWithWasm(texts)];
    expect(cli.map((v) => v.ok)).toEqual(wasm.map((v) => v.ok));
  });
});
