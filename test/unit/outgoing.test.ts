// How SetParameterValues values are written per the device's compatibility
// profile (electron/core/acs/outgoing.ts).
import { describe, expect, it } from 'vitest';
import { writeBoolean, writeDateTime } from '../../electron/core/acs/outgoing';

describe('writeBoolean', () => {
  it('follows the style, or echoes the device in auto', () => {
    expect(writeBoolean(true, 'digits', 'true')).toBe('1');
    expect(writeBoolean(false, 'words', '1')).toBe('false');
    expect(writeBoolean(true, 'auto', '0')).toBe('1');
    expect(writeBoolean(false, 'auto', 'true')).toBe('false');
    expect(writeBoolean(true, 'auto', undefined)).toBe('true');
  });
});

describe('writeDateTime', () => {
  it('adds or drops the fraction, keeps the zone', () => {
    expect(writeDateTime('2026-12-08T10:00:00Z', true)).toBe('2026-12-08T10:00:00.000Z');
    expect(writeDateTime('2026-12-08T10:00:00.25+01:00', false)).toBe('2026-12-08T10:00:00+01:00');
    expect(writeDateTime('2026-12-08T10:00:00.25', true)).toBe('2026-12-08T10:00:00.25');
    expect(writeDateTime('2026-12-08T10:00:00', false)).toBe('2026-12-08T10:00:00');
  });
  it('leaves the Unknown Time and anything it does not recognise alone', () => {
    expect(writeDateTime('0001-01-01T00:00:00Z', true)).toBe('0001-01-01T00:00:00Z');
    expect(writeDateTime('not a date', true)).toBe('not a date');
  });
});
