// README.md's API table and shared/api/channels.ts are generated from the API
// schemas; this fails when they are stale. Regenerate with `npm run api-table`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../shared/api/contract';
import { EVENT_SCHEMAS, INVOKE_SCHEMAS } from '../../shared/api/schema';
import { argsJsonSchema, renderChannels, renderFields, withTable } from '../tools/api-table';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const CHANNELS = fileURLToPath(new URL('../../shared/api/channels.ts', import.meta.url));
const write = process.env.API_TABLE_WRITE === '1';
const HOW = 'out of date with shared/api/schema.ts: run `npm run api-table`';

describe('generated from the API schemas', () => {
  it('README.md API table is current', () => {
    const now = readFileSync(README, 'utf8');
    const want = withTable(now);
    if (write && want !== now) writeFileSync(README, want);
    else expect(now, `README.md API table is ${HOW}`).toBe(want);
  });

  it('shared/api/channels.ts is current, and the channel lists are the schema keys', () => {
    const now = readFileSync(CHANNELS, 'utf8');
    const want = renderChannels();
    if (write && want !== now) writeFileSync(CHANNELS, want);
    else {
      expect(now, `shared/api/channels.ts is ${HOW}`).toBe(want);
      expect([...INVOKE_CHANNELS]).toEqual(Object.keys(INVOKE_SCHEMAS));
      expect([...EVENT_CHANNELS]).toEqual(Object.keys(EVENT_SCHEMAS));
    }
  });

  it('every channel has a description and an args schema zod can describe', () => {
    for (const [channel, c] of Object.entries(INVOKE_SCHEMAS)) {
      expect(c.description.length, channel).toBeGreaterThan(10);
      expect(argsJsonSchema(c.args), channel).toMatchObject({ type: 'object', additionalProperties: false });
    }
  });

  it('renders fields, nesting, arrays of objects and short enums', () => {
    expect(renderFields(argsJsonSchema(INVOKE_SCHEMAS['device.discover'].args))).toBe('{id, path?}');
    expect(renderFields(argsJsonSchema(INVOKE_SCHEMAS['uploads.read'].args))).toBe("{id, offset?, maxBytes?, encoding?: 'text'|'base64'}");
    expect(renderFields(argsJsonSchema(INVOKE_SCHEMAS['settings.update'].args)))
      .toContain("cpeAuth?: {scheme?: 'none'|'basic'|'digest', username?, password?}");
    expect(renderFields(argsJsonSchema(INVOKE_SCHEMAS['transfer.download'].args)))
      .toContain('windows?: [{start, end, mode?, userMessage?, maxRetries?}]');
  });
});
