// Settings and first run: where the ACS listens (and the URL to give a CPE),
// the credentials both ways, session behaviour, how much session log history
// each device keeps on disk, and the data folder. Saving
// applies live: a new port moves the listener at once, and a refusal (port in
// use, bad value) is shown next to its field with nothing saved.
import {
  Alert, Box, Button, CircularProgress, FormControlLabel, Paper, Stack, Switch, TextField, ToggleButton, ToggleButtonGroup, Typography,
} from '@mui/material';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Settings } from '../../../../shared/api/contract';
import {
  LOG_RETENTION_DEFAULTS, settingsErrorsFromMessage, type SettingsField,
} from '../../../../shared/api/settings-rules';
import { errorText, useEvent } from '../../api/hooks';
import { useAcsInfo } from '../../api/use-acs-info';
import { getApi } from '../../api/window-api';
import { AcsUrlList } from '../../components/AcsUrlList';
import { CopyButton } from '../../components/CopyButton';
import { useErrorNotifier } from '../../components/notify';
import { MONO } from '../../components/theme';
import { FileServerSection } from './FileServerSection';
import { formFromSettings, isEmptyUpdate, updateFromForm, type SettingsForm } from './settings-form';

/** Which form input shows the errors of which settings field. */
const FIELD_OF: Record<SettingsField, keyof SettingsForm> = {
  cwmpHost: 'cwmpHost', cwmpPort: 'cwmpPort', holdRequests: 'holdRequests', sessionTimeoutSeconds: 'sessionTimeoutSeconds',
  'cpeAuth.scheme': 'authScheme', 'cpeAuth.username': 'authUsername', 'cpeAuth.password': 'authPassword',
  'connectionRequest.username': 'crUsername', 'connectionRequest.password': 'crPassword',
  'logRetention.maxSessionsPerDevice': 'retentionSessions', 'logRetention.maxMiBPerDevice': 'retentionMiB',
};

function Section({ title, description, children, testid }: { title: string; description: ReactNode; children: ReactNode; testid?: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 3 }} data-testid={testid}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={{ xs: 2, md: 4 }}>
        <Box sx={{ width: { md: 260 }, flex: 'none' }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 0.5 }}>{title}</Typography>
          <Typography variant="body2" color="textSecondary">{description}</Typography>
        </Box>
        <Stack spacing={2.5} sx={{ flex: 1, minWidth: 0 }}>{children}</Stack>
      </Stack>
    </Paper>
  );
}

export function SettingsPage() {
  const onError = useErrorNotifier();
  const info = useAcsInfo(onError);
  const [base, setBase] = useState<Settings>();
  const [form, setForm] = useState<SettingsForm>();
  const [serverErrors, setServerErrors] = useState<Partial<Record<keyof SettingsForm, string>>>({});
  const [general, setGeneral] = useState<string>();
  // The outcome is said in the action bar, not a snackbar: one would cover the Save button.
  const [savedText, setSavedText] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    getApi().invoke('settings.get', {}).then(
      (s) => { setBase(s); setForm(formFromSettings(s)); },
      (err: unknown) => onError(`settings.get: ${errorText(err)}`),
    );
  }, [onError]);
  // Another window (or a script) saved: take its values, keep what is being typed here.
  useEvent('settings.updated', useCallback((s: Settings) => {
    setBase((prevBase) => {
      setForm((prev) => {
        if (!prev || !prevBase) return formFromSettings(s);
        const mine = formFromSettings(prevBase);
        const theirs = formFromSettings(s);
        const out = { ...theirs };
        for (const k of Object.keys(prev) as (keyof SettingsForm)[]) {
          if (prev[k] !== mine[k]) (out as Record<string, unknown>)[k] = prev[k];
        }
        return out;
      });
      return s;
    });
  }, []));

  if (!base || !form) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', height: '100%' }} data-testid="settings-page">
        <CircularProgress size={28} />
      </Box>
    );
  }

  const { update, errors } = updateFromForm(form, base);
  const dirty = !isEmptyUpdate(update);
  const fieldError = (k: keyof SettingsForm): string | undefined => {
    if (serverErrors[k]) return serverErrors[k];
    const f = (Object.keys(FIELD_OF) as SettingsField[]).find((x) => FIELD_OF[x] === k);
    return f ? errors[f] : undefined;
  };
  const set = <K extends keyof SettingsForm>(k: K, v: SettingsForm[K]) => {
    setForm({ ...form, [k]: v });
    if (serverErrors[k]) setServerErrors({ ...serverErrors, [k]: undefined });
    setGeneral(undefined);
    setSavedText(undefined);
  };
  const hasErrors = Object.keys(errors).length > 0;

  const save = async () => {
    if (hasErrors || !dirty) return;
    setSaving(true);
    setGeneral(undefined);
    try {
      const s = await getApi().invoke('settings.update', update);
      setBase(s);
      setForm(formFromSettings(s));
      setServerErrors({});
      const moved = update.cwmpHost !== undefined || update.cwmpPort !== undefined;
      const where = await getApi().invoke('acs.info', {}).then((i) => `${i.cwmpHost}:${i.cwmpPort}`, () => `${s.cwmpHost}:${s.cwmpPort}`);
      setSavedText(moved ? `Saved. The ACS now listens on ${where}.` : 'Saved.');
    } catch (err) {
      const text = errorText(err);
      const byField = settingsErrorsFromMessage(text);
      const mapped: Partial<Record<keyof SettingsForm, string>> = {};
      for (const [f, m] of Object.entries(byField)) mapped[FIELD_OF[f as SettingsField]] = m;
      setServerErrors(mapped);
      setGeneral(Object.keys(mapped).length === 0 ? text : 'Not saved: see the highlighted field.');
    } finally {
      setSaving(false);
    }
  };

  const text = (k: Exclude<keyof SettingsForm, 'authScheme' | 'holdRequests'>,
    label: string, testid: string, help: string, extra: { password?: boolean; passwordSet?: boolean; width?: number; mono?: boolean } = {}) => (
    <TextField label={label} value={form[k]} onChange={(e) => set(k, e.target.value)} size="small"
      type={extra.password ? 'password' : 'text'} error={!!fieldError(k)} helperText={fieldError(k) ?? help}
      placeholder={extra.password ? (extra.passwordSet ? '•••••••• (unchanged)' : 'not set') : undefined}
      autoComplete={extra.password ? 'new-password' : 'off'}
      // Full width up to the cap, so fields side by side are the same size whatever their helper text.
      sx={{ width: '100%', maxWidth: extra.width ?? 420 }}
      slotProps={{
        inputLabel: extra.password ? { shrink: true } : undefined,
        htmlInput: { 'data-testid': testid, spellCheck: false, style: extra.mono ? { fontFamily: MONO } : undefined },
      }} />
  );
  const overridden = base.overridden.length > 0;

  return (
    <Box data-testid="settings-page" sx={{ p: { xs: 1.5, md: 3 }, pb: 0, maxWidth: 1040, mx: 'auto' }}>
      <Typography variant="h5" component="h1" sx={{ fontWeight: 600, mb: 0.5 }}>Settings</Typography>
      <Typography color="textSecondary" sx={{ mb: 3 }}>Changes apply as soon as you save; no restart needed.</Typography>
      <Stack spacing={2}>
        <Section title="CWMP listener" testid="settings-listener" description={
          <>Where CPEs reach this ACS. Use 0.0.0.0 to listen on every interface. 7547 is the port registered for CWMP.</>}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Box sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: 'success.main' }} />
            <Typography variant="body2" data-testid="settings-listening">
              Listening on <Box component="span" sx={{ fontFamily: MONO }}>{info ? `${info.cwmpHost}:${info.cwmpPort}` : '…'}</Box>
            </Typography>
          </Stack>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            {text('cwmpHost', 'Address', 'settings-cwmp-host', 'An IP address of this machine, or 0.0.0.0', { width: 260, mono: true })}
            {text('cwmpPort', 'Port', 'settings-cwmp-port', '0 = any free port', { width: 150, mono: true })}
          </Stack>
          {overridden && (
            <Alert severity="info" variant="outlined" data-testid="settings-overridden">
              The {base.overridden.map((f) => (f === 'cwmpPort' ? '--cwmp-port' : '--cwmp-host')).join(' and ')} command-line
              option sets this for the current run. Saving a new address here replaces it and is kept for next time.
            </Alert>
          )}
          <Box>
            <Typography variant="body2" sx={{ fontWeight: 600, mb: 1 }}>ACS URL for your CPE</Typography>
            <AcsUrlList urls={info?.acsUrls} />
            <Typography variant="caption" color="textSecondary" sx={{ display: 'block', mt: 1 }}>
              Enter one of these as the CPE's ACS URL (ManagementServer.URL). Built-in virtual CPEs follow changes automatically.
            </Typography>
          </Box>
        </Section>

        <FileServerSection info={info} />

        <Section title="CPE authentication" testid="settings-cpe-auth" description={
          <>How CPEs must authenticate to this ACS (TR-069 §3.4.4). With None, any CPE that knows the URL gets in; Digest is what most CPEs use.</>}>
          <ToggleButtonGroup exclusive size="small" value={form.authScheme} color="primary" sx={{ '& .MuiToggleButton-root': { textTransform: 'none' } }}
            onChange={(_e, v: SettingsForm['authScheme'] | null) => v && set('authScheme', v)} aria-label="CPE authentication">
            <ToggleButton value="none" data-testid="settings-auth-none" sx={{ px: 2 }}>None</ToggleButton>
            <ToggleButton value="basic" data-testid="settings-auth-basic" sx={{ px: 2 }}>Basic</ToggleButton>
            <ToggleButton value="digest" data-testid="settings-auth-digest" sx={{ px: 2 }}>Digest</ToggleButton>
          </ToggleButtonGroup>
          {form.authScheme !== 'none' && (
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              {text('authUsername', 'Username', 'settings-auth-username', 'ManagementServer.Username on the CPE', { width: 260 })}
              {text('authPassword', 'Password', 'settings-auth-password', 'Write-only: never shown again',
                { password: true, passwordSet: base.cpeAuth.passwordSet, width: 260 })}
            </Stack>
          )}
        </Section>

        <Section title="Connection requests" testid="settings-connection-request" description={
          <>Credentials this ACS uses to wake a CPE (TR-069 §3.2.2). Set the same on the CPE as ConnectionRequestUsername and ConnectionRequestPassword.</>}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            {text('crUsername', 'Username', 'settings-cr-username', ' ', { width: 260 })}
            {text('crPassword', 'Password', 'settings-cr-password', 'Write-only: never shown again',
              { password: true, passwordSet: base.connectionRequest.passwordSet, width: 260 })}
          </Stack>
        </Section>

        <Section title="Sessions" testid="settings-sessions" description="How the ACS conducts each CWMP session.">
          <FormControlLabel
            control={<Switch checked={form.holdRequests} onChange={(e) => set('holdRequests', e.target.checked)}
              slotProps={{ input: { ...({ 'data-testid': 'settings-hold-requests' } as object) } }} />}
            label={
              <Box>
                <Typography variant="body2">Hold requests</Typography>
                <Typography variant="body2" color="textSecondary" sx={{ fontSize: 12.5, lineHeight: 1.45, mt: 0.25 }}>
                  Send HoldRequests so CPEs keep their own requests (e.g. TransferComplete) until the ACS is done (A.4.2.2).
                </Typography>
              </Box>
            }
            sx={{ alignItems: 'flex-start', ml: 0, '& .MuiSwitch-root': { mt: -0.5, mr: 1 } }} />
          {text('sessionTimeoutSeconds', 'Session timeout (seconds)', 'settings-session-timeout',
            'A session with no message for this long is closed. TR-069 suggests at least 30.', { width: 260 })}
        </Section>

        <Section title="Session log" testid="settings-session-log" description={
          <>Every message is kept on disk, one file per session. Each device keeps its newest sessions within both limits; older
            ones are deleted, at once when you lower a limit. A session still being recorded is never deleted.</>}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            {text('retentionSessions', 'Sessions per device', 'settings-retention-sessions',
              `Oldest deleted first. Default ${LOG_RETENTION_DEFAULTS.maxSessionsPerDevice}.`, { width: 260 })}
            {text('retentionMiB', 'Disk space per device (MiB)', 'settings-retention-mib',
              `All its sessions together. Default ${LOG_RETENTION_DEFAULTS.maxMiBPerDevice}.`, { width: 260 })}
          </Stack>
        </Section>

        <Section title="Data folder" testid="settings-data" description="Devices, parameters, tasks, session logs and these settings. Set with --data at start.">
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 0 }}>
            <Typography data-testid="settings-data-dir" sx={{ fontFamily: MONO, fontSize: 13, overflowWrap: 'anywhere' }}>{base.dataDir}</Typography>
            <CopyButton text={base.dataDir} label="Copy path" />
          </Stack>
        </Section>
      </Stack>

      <Box sx={{
        position: 'sticky', bottom: 0, mt: 3, py: 1.5, display: 'flex', alignItems: 'center', gap: 1.5,
        bgcolor: 'background.default', borderTop: 1, borderColor: 'divider', zIndex: 1,
      }}>
        {general && <Alert severity="error" sx={{ py: 0, flex: 1 }} data-testid="settings-error">{general}</Alert>}
        {!general && (
          <Typography variant="body2" sx={{ flex: 1, color: hasErrors ? 'error.main' : savedText && !dirty ? 'success.main' : 'text.secondary' }}
            data-testid="settings-status" role="status">
            {hasErrors ? 'Fix the highlighted fields to save.' : dirty ? 'You have unsaved changes.' : savedText ?? 'All changes saved.'}
          </Typography>
        )}
        <Button onClick={() => { setForm(formFromSettings(base)); setServerErrors({}); setGeneral(undefined); setSavedText(undefined); }}
          disabled={!dirty || saving} data-testid="settings-discard">
          Discard
        </Button>
        <Button variant="contained" onClick={save} disabled={!dirty || hasErrors || saving} data-testid="settings-save"
          startIcon={saving ? <CircularProgress size={16} color="inherit" /> : undefined}>
          Save changes
        </Button>
      </Box>
    </Box>
  );
}
