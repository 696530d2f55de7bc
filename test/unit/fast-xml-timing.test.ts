// How the hand-written parser (shared/cwmp/fast-xml.ts) compares with the
// saxes-based reference and JSON.parse on a large message. Printed, not
// asserted; the two trees must still agree.
import { describe, expect, it } from 'vitest';
import { serializeEnvelope } from '../../shared/cwmp';
import { parseXmlFast } from '../../shared/cwmp/fast-xml';
import { parseXmlSaxes } from '../../shared/cwmp/xml';

describe('parseXmlFast: timing (printed, not asserted)', () => {
  it('100,000-parameter GetParameterValuesResponse', () => {
    const ParameterList = Array.from({ length: 100_000 }, (_, i) => ({
      Name: `Device.IP.Interface.${i % 50}.IPv4Address.${i}.IPAddress`,
      Value: `192.168.${(i >> 8) & 255}.${i & 255} some text`,
      Type: 'string' as const,
    }));
    const xml = serializeEnvelope({ version: '1-2', header: { ID: 'big' }, body: { name: 'GetParameterValuesResponse', args: { ParameterList } } });
    const json = JSON.stringify(ParameterList);
    // One untimed warm-up round (JIT, heap growth), then best of N rounds with
    // the three parsers interleaved so each sees the same heap state.
    const runs: [string, () => unknown][] = [['JSON.parse', () => JSON.parse(json)], ['fast', () => parseXmlFast(xml)], ['saxes', () => parseXmlSaxes(xml)]];
    const best: Record<string, number> = {};
    const rounds = Number(process.env.FX_ROUNDS) || 3;
    for (let round = -1; round < rounds; round++) {
      for (const [name, f] of runs) {
        const t0 = performance.now();
        f();
        const t = performance.now() - t0;
        if (round >= 0) best[name] = Math.min(best[name] ?? Infinity, t);
      }
    }
    const { 'JSON.parse': tJson, fast: tFast, saxes: tSaxes } = best;
    console.log(
      `100k GPVR (${(xml.length / 1e6).toFixed(1)} MB XML, ${(json.length / 1e6).toFixed(1)} MB JSON), best of ${rounds} after a warm-up round: ` +
      `parseXmlFast ${tFast.toFixed(0)} ms, parseXmlSaxes ${tSaxes.toFixed(0)} ms, JSON.parse ${tJson.toFixed(0)} ms; ` +
      `fast/JSON ${(tFast / tJson).toFixed(2)}x (target <= 3x), saxes/fast ${(tSaxes / tFast).toFixed(1)}x`,
    );
    const fast = parseXmlFast(xml);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(parseXmlSaxes(xml)));
    expect(fast.children[1].children[0].children[0].children).toHaveLength(100_000);
  });
});
