// The device's compatibility profile (shared/model/compat.ts): every switch
// with its effective value, and for one off its default where that came from
// — learned from a failure (when, why, in which session) or set by the user.
// Each switch is editable here and can go back to its default; a change is
// applied from the device's next message (device.setCompat), so the panel
// shows the stored record as pushed back (device.updated), never a guess.
import {
  Box, Button, Chip, MenuItem, Paper, Select, Switch, TextField, Tooltip, Typography,
} from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import {
  COMPAT_DEFAULTS, COMPAT_LABELS, COMPAT_SWITCHES, compatValueError, effectiveCompat,
  type CompatEntry, type CompatProfile, type CompatSwitch,
} from '../../../../shared/model/compat';
import type { DeviceSummary } from '../../../../shared/model/records';
import { errorText } from '../../api/hooks';
import { useNow } from '../../lib/use-now';
import { getApi } from '../../api/window-api';
import { useNotify } from '../../components/notify';
import { MONO } from '../../components/theme';
import { formatDateTimeLong, relativeTime } from '../../lib/format';
import { Restore } from '../../components/icons';

/** What each switch changes on the wire, in a line (the labels name it; this says what "on" means). */
const HINTS: Record<CompatSwitch, string> = {
  xmlDeclaration: 'Each ACS message starts with <?xml …?>; optional in XML, some CPE parsers choke on it.',
  booleanStyle: 'How SetParameterValues writes booleans; auto echoes what the device reported.',
  dateTimeFraction: 'dateTime values with milliseconds (…T12:00:00.000Z), not whole seconds.',
  rootGetParameterNames: 'Discovery starts with GetParameterNames on the root; off: it reads the root\'s values.',
  partialPathGetParameterValues: 'Values read per object (a name ending in "."); off: by name, in batches.',
  basicConnectionRequest: 'Answers a Basic challenge over plain HTTP: the password travels in clear (§3.2.2).',
  maxParametersPerGet: 'At most this many names in one GetParameterValues; 0 = no limit.',
  cookieless: 'The device sends no cookies: its session is found by address and connection.',
};

const BOOLEAN_STYLES: { value: CompatProfile['booleanStyle']; label: string }[] = [
  { value: 'auto', label: 'auto (as reported)' },
  { value: 'words', label: 'true / false' },
  { value: 'digits', label: '1 / 0' },
];

type Value = CompatProfile[CompatSwitch];

function shown(s: CompatSwitch, v: Value): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (s === 'maxParametersPerGet') return v === 0 ? 'no limit' : String(v);
  return BOOLEAN_STYLES.find((b) => b.value === v)?.label ?? String(v);
}

/** A whole number field that sends on Enter or Apply, checked with the same rule as the core. */
function NumberEditor({ s, value, busy, onSet }: { s: CompatSwitch; value: number; busy: boolean; onSet(v: number): void }) {
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const text = draft.trim();
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  const error = text === String(value) ? null : compatValueError(s, n);
  const dirty = text !== String(value);
  const apply = () => { if (dirty && !error) onSet(n); };
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.75 }}>
      <TextField size="small" value={draft} disabled={busy} error={!!error}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter') apply(); if (e.key === 'Escape') setDraft(String(value)); }}
        helperText={error ?? undefined}
        slotProps={{
          htmlInput: { inputMode: 'numeric', 'data-testid': `compat-input-${s}`, 'aria-label': COMPAT_LABELS[s], style: { fontFamily: MONO } },
          formHelperText: { sx: { mx: 0, whiteSpace: 'nowrap' }, 'data-testid': `compat-error-${s}` } as object,
        }}
        sx={{ width: 96, '& .MuiInputBase-input': { py: 0.5, fontSize: 13 } }} />
      {dirty ? (
        <Button size="small" variant="outlined" onClick={apply} disabled={busy || !!error} data-testid={`compat-apply-${s}`}
          sx={{ minWidth: 0, py: 0.25 }}>Apply</Button>
      ) : value === 0 ? <Typography sx={{ fontSize: 12.5, color: 'text.secondary', alignSelf: 'center' }}>no limit</Typography> : null}
    </Box>
  );
}

function Editor({ s, value, busy, onSet }: { s: CompatSwitch; value: Value; busy: boolean; onSet(v: Value): void }) {
  if (typeof value === 'boolean') {
    return (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
        <Switch size="small" checked={value} disabled={busy} onChange={(e) => onSet(e.target.checked)}
          slotProps={{ input: { 'aria-label': COMPAT_LABELS[s], ...{ 'data-testid': `compat-input-${s}` } } }} />
        <Typography sx={{ fontSize: 13, fontWeight: 600, minWidth: 24 }}>{value ? 'on' : 'off'}</Typography>
      </Box>
    );
  }
  if (s === 'booleanStyle') {
    return (
      <Select size="small" value={value} disabled={busy} onChange={(e) => onSet(e.target.value as Value)}
        inputProps={{ 'aria-label': COMPAT_LABELS[s] }} data-testid={`compat-input-${s}`}
        sx={{ fontSize: 13, width: '100%', maxWidth: 210, '& .MuiSelect-select': { py: 0.5 } }}>
        {BOOLEAN_STYLES.map((b) => <MenuItem key={b.value} value={b.value} sx={{ fontSize: 13 }}>{b.label}</MenuItem>)}
      </Select>
    );
  }
  return <NumberEditor s={s} value={value as number} busy={busy} onSet={onSet} />;
}

/** Where a non-default value came from: learned (when, why, the session) or set by the user. */
function Provenance({ s, entry, onOpenLog }: { s: CompatSwitch; entry: CompatEntry | undefined; onOpenLog(): void }) {
  if (!entry) return <Typography sx={{ fontSize: 12.5, color: 'text.disabled' }} data-testid={`compat-source-${s}`}>default</Typography>;
  const learned = entry.source === 'learned';
  const when = <span title={formatDateTimeLong(entry.at)}>{relativeTime(entry.at)}</span>;
  return (
    <Box sx={{ minWidth: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75, flexWrap: 'wrap' }}>
        <Chip size="small" label={learned ? 'learned' : 'set by you'} color={learned ? 'warning' : 'primary'} variant={learned ? 'filled' : 'outlined'}
          data-testid={`compat-source-${s}`} data-source={entry.source} sx={{ height: 20, fontSize: 11, fontWeight: 600 }} />
        <Typography variant="caption" color="textSecondary">{when}</Typography>
        {entry.sessionId ? (
          <Tooltip title="The session whose failure taught it: open the device's session log">
            <Chip size="small" variant="outlined" clickable onClick={onOpenLog} label={`session ${entry.sessionId}`}
              data-testid={`compat-session-${s}`} sx={{ height: 20, fontSize: 11, fontFamily: MONO, maxWidth: 220 }} />
          </Tooltip>
        ) : null}
      </Box>
      {learned ? (
        <Typography sx={{ fontSize: 12.5, mt: 0.25, overflowWrap: 'anywhere' }} data-testid={`compat-reason-${s}`}>{entry.reason}</Typography>
      ) : null}
    </Box>
  );
}

/** A switch off its default is marked at the row's edge (learned: warning colour, the user's: primary), to be found at a glance. */
function Row({ s, source, children }: { s: CompatSwitch; source?: CompatEntry['source']; children: ReactNode }) {
  const edge = source === 'learned' ? 'warning.main' : source === 'user' ? 'primary.main' : 'transparent';
  return <Box component="li" data-testid={`compat-row-${s}`} sx={{ ...ROW, borderLeftColor: edge }}>{children}</Box>;
}

const ROW = {
  display: 'grid', gridTemplateColumns: 'minmax(300px, 1fr) 210px minmax(280px, 1fr) 32px', alignItems: 'center', columnGap: 2,
  pl: 1.75, pr: 1.5, py: 0.75, borderBottom: 1, borderBottomColor: 'divider', borderLeft: 3, listStyle: 'none', '&:last-child': { borderBottom: 0 },
} as const;

export function CompatPanel({ device, onOpenLog }: { device: DeviceSummary; onOpenLog(): void }) {
  const notify = useNotify();
  useNow(15_000);
  const [busy, setBusy] = useState<CompatSwitch | null>(null);
  const profile = effectiveCompat(device.compat);
  const entries = device.compat ?? {};
  const learned = COMPAT_SWITCHES.filter((s) => entries[s]?.source === 'learned').length;
  const byUser = COMPAT_SWITCHES.filter((s) => entries[s]?.source === 'user').length;

  const set = async (s: CompatSwitch, value: Value | null) => {
    // The same rule as the core's, so a bad value is explained before anything is sent.
    const err = value === null ? null : compatValueError(s, value);
    if (err) { notify(err, 'error'); return; }
    setBusy(s);
    try {
      await getApi().invoke('device.setCompat', { id: device.id, switch: s, value });
      notify(value === null
        ? `${COMPAT_LABELS[s]}: back to the default (${shown(s, COMPAT_DEFAULTS[s])}), from the device's next message`
        : `${COMPAT_LABELS[s]}: ${shown(s, value)}, from the device's next message`, 'success');
    } catch (e) {
      notify(`Could not change ${COMPAT_LABELS[s]}: ${errorText(e)}`, 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <Paper variant="outlined" data-testid="compat-panel" sx={{ overflow: 'hidden' }}>
      <Box sx={{ px: 2, py: 1.25, borderBottom: 1, borderColor: 'divider' }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Typography sx={{ fontWeight: 600, fontSize: 14 }}>Compatibility profile</Typography>
          {learned ? <Chip size="small" color="warning" label={`${learned} learned`} sx={{ height: 20, fontSize: 11 }} data-testid="compat-learned-count" /> : null}
          {byUser ? <Chip size="small" color="primary" variant="outlined" label={`${byUser} set by you`} sx={{ height: 20, fontSize: 11 }} /> : null}
          {!learned && !byUser ? <Chip size="small" variant="outlined" label="all defaults" sx={{ height: 20, fontSize: 11 }} /> : null}
        </Box>
        <Typography variant="caption" color="textSecondary" component="div" sx={{ mt: 0.25 }}>
          How the ACS talks to this device. Switches are learned when a failure proves one is needed, or set here;
          a change applies from the device&apos;s next message and is kept with the device.
        </Typography>
      </Box>
      <Box component="ul" sx={{ m: 0, p: 0 }}>
        {COMPAT_SWITCHES.map((s) => {
          const entry = entries[s] as CompatEntry | undefined;
          return (
            <Row key={s} s={s} source={entry?.source}>
              <Box sx={{ minWidth: 0 }}>
                <Typography sx={{ fontSize: 13, fontWeight: 600 }}>
                  {COMPAT_LABELS[s]}
                  <Box component="span" sx={{ fontFamily: MONO, fontSize: 11, fontWeight: 400, color: 'text.secondary', ml: 1 }}>{s}</Box>
                </Typography>
                <Typography sx={{ fontSize: 11.5, color: 'text.secondary', lineHeight: 1.4 }}>{HINTS[s]}</Typography>
              </Box>
              <Box data-testid={`compat-value-${s}`} data-value={String(profile[s])}>
                <Editor s={s} value={profile[s]} busy={busy === s} onSet={(v) => void set(s, v)} />
              </Box>
              <Provenance s={s} entry={entry} onOpenLog={onOpenLog} />
              <Tooltip title={entry ? `Reset to the default (${shown(s, COMPAT_DEFAULTS[s])})` : 'At its default'}>
                <span>
                  <Button size="small" color="inherit" disabled={!entry || busy === s} onClick={() => void set(s, null)}
                    data-testid={`compat-reset-${s}`} aria-label={`reset ${COMPAT_LABELS[s]} to its default`} sx={{ minWidth: 0, p: 0.5 }}>
                    <Restore size={18} />
                  </Button>
                </span>
              </Tooltip>
            </Row>
          );
        })}
      </Box>
    </Paper>
  );
}
