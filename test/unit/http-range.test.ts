import { describe, expect, it } from 'vitest';
import { addInterval, covers, parseRange } from '../../electron/core/files/http-range';

describe('parseRange (RFC 9110 §14, one range)', () => {
  const size = 1000;
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=500-', { kind: 'partial', start: 500, end: 999 }],
    ['bytes=900-5000', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['Bytes = 10-19', { kind: 'partial', start: 10, end: 19 }],
    ['bytes=0-1,5-6', { kind: 'full' }],
    ['items=0-5', { kind: 'full' }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=5-2', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=abc', { kind: 'unsatisfiable' }],
    ['bytes=1e3-', { kind: 'unsatisfiable' }],
    ['bytes', { kind: 'unsatisfiable' }],
    ['bytes=99999999999999999999-', { kind: 'unsatisfiable' }],
  ])('%s', (header, want) => {
    expect(parseRange(header, size)).toEqual(want);
  });
  it('nothing of an empty file can be asked for', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange(undefined, 0)).toEqual({ kind: 'full' });
  });
});

describe('served byte ranges', () => {
  it('merges overlapping and touching intervals and tells when the file is covered', () => {
    let l: [number, number][] = [];
    l = addInterval(l, 500, 1000);
    expect(covers(l, 1000)).toBe(false);
    l = addInterval(l, 0, 200);
    l = addInterval(l, 100, 300);
    expect(l).toEqual([[0, 300], [500, 1000]]);
    l = addInterval(l, 300, 500);
    expect(l).toEqual([[0, 1000]]);
    expect(covers(l, 1000)).toBe(true);
    expect(addInterval(l, 5, 5)).toBe(l);
  });
});
