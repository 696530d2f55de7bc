// The argument check is the schema (shared/api/schema.ts) and nothing else:
// every field a schema declares is accepted through validateArgs, and a field
// added to a schema reaches the handler over a real transport with no other edit.
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { INVOKE_CHANNELS, type Handlers } from '../../shared/api/contract';
import { createApi } from '../../shared/api/create-api';
import { inProcessTransport } from '../../shared/api/in-process';
import { INVOKE_SCHEMAS } from '../../shared/api/schema';
import { obj, str } from '../../shared/api/schema/fields';
import { validateArgs } from '../../shared/api/validate';
import { argsJsonSchema } from '../tools/api-table';

type Json = {
  type?: string; properties?: Record<string, Json>; required?: string[]; items?: Json; enum?: unknown[]; anyOf?: Json[];
  minimum?: number; maximum?: number; exclusiveMinimum?: number; minItems?: number; maxLength?: number;
};

/** A value the JSON Schema allows, built from the schema alone; `all` includes every optional field. */
function sample(js: Json, all: boolean): unknown {
  if (js.enum) return js.enum[0];
  if (js.anyOf) return sample(js.anyOf[0]!, all);
  switch (js.type) {
    case 'object': {
      const req = new Set(js.required ?? []);
      return Object.fromEntries(Object.entries(js.properties ?? {})
        .filter(([k]) => all || req.has(k))
        .map(([k, v]) => [k, sample(v, all)]));
    }
    case 'array': return Array.from({ length: Math.max(1, js.minItems ?? 0) }, () => sample(js.items ?? {}, all));
    case 'string': return 'AAAA'.slice(0, js.maxLength ?? 4);
    case 'integer': return js.minimum ?? 0;
    case 'number': return js.exclusiveMinimum !== undefined ? js.maximum ?? js.exclusiveMinimum + 1 : js.minimum ?? 0;
    case 'boolean': return true;
    case 'null': return null;
    default: return {}; // z.custom (task.enqueue's per-RPC args): a plain object
  }
}

describe('every field of every args schema', () => {
  it.each(INVOKE_CHANNELS.map((c) => [c]))('%s accepts its required fields alone, and every field at once', (channel) => {
    const js = argsJsonSchema(INVOKE_SCHEMAS[channel].args) as Json;
    for (const all of [false, true]) {
      const args = sample(js, all);
      expect(validateArgs(channel, args), JSON.stringify(args)).toEqual({ ok: true, args });
    }
    // …and nothing else.
    expect(validateArgs(channel, { ...(sample(js, true) as object), notAField: 1 }))
      .toEqual({ ok: false, error: `${channel}: args has unknown key "notAField"` });
  });
});

describe('a field added to an args schema', () => {
  const original = INVOKE_SCHEMAS['device.discover'];
  afterEach(() => { INVOKE_SCHEMAS['device.discover'] = original; });

  it('is accepted end to end, through registerHandlers and a transport, with no other edit', async () => {
    (INVOKE_SCHEMAS as Record<string, unknown>)['device.discover'] = {
      ...original, args: obj({ ...original.args.shape, note: str(64).optional() }),
    };
    const seen: unknown[] = [];
    const handlers = Object.fromEntries(INVOKE_CHANNELS.map((c) => [c, async (args: unknown) => { seen.push(args); return null; }])) as unknown as Handlers;
    const api = createApi(inProcessTransport(handlers, (() => () => undefined) as never));
    await api.invoke('device.discover', { id: 'a', note: 'hello' } as never);
    expect(seen).toEqual([{ id: 'a', note: 'hello' }]);
    await expect(api.invoke('device.discover', { id: 'a', note: 3 } as never)).rejects.toThrow('device.discover: args.note must be a string');
    await expect(api.invoke('device.discover', { id: 'a', note: 'x'.repeat(65) } as never)).rejects.toThrow('args.note must be at most 64 characters');
  });

  it('is typed from the schema (z.infer), so callers and handlers see it too', () => {
    const extended = obj({ ...original.args.shape, note: str(64).optional() });
    const value: z.infer<typeof extended> = { id: 'a', note: 'typed' };
    expect(extended.safeParse(value).success).toBe(true);
  });
});
