// The settings form and the shared settings rules: only changes are sent,
// passwords only when typed, bad values explained per field, and errors from
// any layer mapped back to their field.
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../shared/api/contract';
import { checkSettingsUpdate, formatSettingsErrors, settingsErrorsFromMessage } from '../../shared/api/settings-rules';
import { formFromSettings, isEmptyUpdate, updateFromForm } from '../../renderer/src/features/settings/settings-form';

const BASE: Settings = {
  cwmpHost: '0.0.0.0', cwmpPort: 7547, cpeAuth: { scheme: 'none', username: 'cpe', passwordSet: false },
  connectionRequest: { username: 'acs', passwordSet: true }, holdRequests: false, sessionTimeoutSeconds: 30,
  logRetention: { maxSessionsPerDevice: 1000, maxMiBPerDevice: 256 }, dataDir: '/data', overridden: [],
};

describe('settings form', () => {
  it('an untouched form is no update', () => {
    const r = updateFromForm(formFromSettings(BASE), BASE);
    expect(isEmptyUpdate(r.update)).toBe(true);
    expect(r.errors).toEqual({});
  });

  it('sends only what changed; password fields start empty and mean "keep"', () => {
    const form = { ...formFromSettings(BASE), cwmpPort: ' 7548 ', holdRequests: true, crPassword: 'new-secret' };
    expect(formFromSettings(BASE).crPassword).toBe('');
    expect(updateFromForm(form, BASE)).toEqual({
      update: { cwmpPort: 7548, holdRequests: true, connectionRequest: { password: 'new-secret' } }, errors: {},
    });
  });

  it('explains bad values per field', () => {
    const form = { ...formFromSettings(BASE), cwmpPort: '70000', cwmpHost: 'a b', sessionTimeoutSeconds: 'ten' };
    const { errors } = updateFromForm(form, BASE);
    expect(errors).toEqual({
      cwmpPort: 'a port number from 0 to 65535 (0 = any free port)',
      cwmpHost: expect.stringMatching(/IP address or host name/),
      sessionTimeoutSeconds: 'whole seconds from 5 to 3600',
    });
    expect(updateFromForm({ ...formFromSettings(BASE), cwmpPort: '-1' }, BASE).errors.cwmpPort).toMatch(/port number/);
  });

  it('session log caps: whole numbers in range, only the changed one sent', () => {
    const form = formFromSettings(BASE);
    expect(form).toMatchObject({ retentionSessions: '1000', retentionMiB: '256' });
    expect(updateFromForm({ ...form, retentionSessions: ' 50 ' }, BASE)).toEqual({
      update: { logRetention: { maxSessionsPerDevice: 50 } }, errors: {},
    });
    expect(updateFromForm({ ...form, retentionMiB: '102400' }, BASE).update).toEqual({ logRetention: { maxMiBPerDevice: 102400 } });
    for (const bad of ['0', 'abc', '-5', '1.5', '100001', '']) {
      expect(updateFromForm({ ...form, retentionSessions: bad }, BASE).errors, bad).toEqual({
        'logRetention.maxSessionsPerDevice': 'a whole number from 1 to 100000',
      });
    }
    for (const bad of ['0', 'abc', '102401']) {
      expect(updateFromForm({ ...form, retentionMiB: bad }, BASE).errors, bad).toEqual({
        'logRetention.maxMiBPerDevice': 'whole MiB from 1 to 102400 (100 GiB)',
      });
    }
  });

  it('switching authentication on needs a password, typed or already stored', () => {
    const on = { ...formFromSettings(BASE), authScheme: 'digest' as const };
    expect(updateFromForm(on, BASE).errors['cpeAuth.password']).toBe('a password is needed for digest authentication');
    expect(updateFromForm({ ...on, authPassword: 'pw' }, BASE).errors).toEqual({});
    const stored = { ...BASE, cpeAuth: { ...BASE.cpeAuth, passwordSet: true } };
    expect(updateFromForm(on, stored)).toEqual({ update: { cpeAuth: { scheme: 'digest' } }, errors: {} });
  });
});

describe('settings rules', () => {
  it('refuses unknown keys and non-objects as a shape problem', () => {
    expect(checkSettingsUpdate(null).shape).toBe('must be an object');
    expect(checkSettingsUpdate({ dataDir: '/x' }).shape).toMatch(/unknown key "dataDir"/);
    expect(checkSettingsUpdate({ cpeAuth: { passwordSet: true } }).shape).toMatch(/cpeAuth has unknown key/);
  });

  it('refuses control characters in credentials', () => {
    expect(checkSettingsUpdate({ connectionRequest: { password: 'a\r\nb' } }).errors['connectionRequest.password']).toBe('no control characters');
  });

  it('maps messages from every layer back to their fields', () => {
    expect(settingsErrorsFromMessage('settings.update: args.cwmpPort: a port number from 0 to 65535')).toEqual({ cwmpPort: 'a port number from 0 to 65535' });
    expect(settingsErrorsFromMessage("Error invoking remote method 'settings.update': SettingsError: cwmpPort: port 80 is already in use. The listener stays on 0.0.0.0:7547."))
      .toEqual({ cwmpPort: 'port 80 is already in use. The listener stays on 0.0.0.0:7547.' });
    const both = formatSettingsErrors({ 'cpeAuth.username': 'enter a username', 'connectionRequest.password': 'at most 256 characters' });
    expect(settingsErrorsFromMessage(both)).toEqual({ 'cpeAuth.username': 'enter a username', 'connectionRequest.password': 'at most 256 characters' });
    expect(settingsErrorsFromMessage('settings.update: args.logRetention.maxMiBPerDevice: whole MiB from 1 to 102400 (100 GiB)'))
      .toEqual({ 'logRetention.maxMiBPerDevice': 'whole MiB from 1 to 102400 (100 GiB)' });
    expect(settingsErrorsFromMessage(formatSettingsErrors({ 'logRetention.maxSessionsPerDevice': 'a whole number from 1 to 100000' })))
      .toEqual({ 'logRetention.maxSessionsPerDevice': 'a whole number from 1 to 100000' });
    expect(settingsErrorsFromMessage('something else went wrong')).toEqual({});
  });
});
