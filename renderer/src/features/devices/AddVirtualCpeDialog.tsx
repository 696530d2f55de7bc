// "Add virtual CPE": built-in simulated gateways (sim.start) that inform
// this ACS on loopback, so a newcomer sees a device and its data model
// within a minute, no hardware needed — and, with quirks, CPEs that misbehave
// the way real stacks do (shared/model/quirk-catalog.ts), to see the ACS cope
// and learn the device's compatibility profile.
import {
  Autocomplete, Box, Checkbox, Chip, createFilterOptions, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel,
  MenuItem, Radio, RadioGroup, TextField, Typography,
} from '@mui/material';
import { useState } from 'react';
import { COMPAT_LABELS } from '../../../../shared/model/compat';
import { QUIRK_CATALOG, quirkSpec, type QuirkInfo } from '../../../../shared/model/quirk-catalog';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { useNotify } from '../../components/notify';
import { MONO } from '../../components/theme';

type Model = 'tr181' | 'tr098';

const MODELS: { value: Model; label: string; detail: string }[] = [
  { value: 'tr181', label: 'TR-181 gateway', detail: 'Device:2 data model, CWMP 1.2 — what current gateways speak.' },
  { value: 'tr098', label: 'TR-098 gateway', detail: 'InternetGatewayDevice:1 data model, CWMP 1.0 — the older, still common model.' },
];

/** Limits of the form: the API takes more, but these are in-process CPEs on the user's machine. */
const MAX_COUNT = 100;
const MAX_SCALE = 50;
const QUIRKS = QUIRK_CATALOG as readonly QuirkInfo[];
/** Typing "digest" or "cookie" finds a quirk by what it does, not only by its name. */
const filterQuirks = createFilterOptions<QuirkInfo>({ stringify: (q) => `${q.name} ${q.description}` });

function whole(text: string, min: number, max: number, blank: number | undefined): number | undefined | string {
  const t = text.trim();
  if (t === '') return blank ?? `a whole number from ${min} to ${max}`;
  const n = /^\d+$/.test(t) ? Number(t) : Number.NaN;
  return n >= min && n <= max ? n : `a whole number from ${min} to ${max}`;
}

export function AddVirtualCpeButton({ variant = 'outlined', size = 'medium' }: { variant?: 'outlined' | 'contained'; size?: 'small' | 'medium' | 'large' }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} size={size} onClick={() => setOpen(true)} data-testid="add-virtual-cpe"
        startIcon={<svg width="18" height="18" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M19 13h-6v6h-2v-6H5v-2h6V5h2v6h6v2z" /></svg>}>
        Add virtual CPE
      </Button>
      {open && <AddVirtualCpeDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/** The value a quirk takes after '=': fixed choices as a select, free text as a field. */
function QuirkValueField({ quirk, value, disabled, onChange }: { quirk: QuirkInfo; value: string; disabled: boolean; onChange(v: string): void }) {
  const common = {
    size: 'small' as const, disabled, value, onChange: (e: { target: { value: string } }) => onChange(e.target.value),
    sx: { flex: 1, minWidth: 0, '& .MuiInputBase-input': { py: 0.5, fontSize: 13, fontFamily: MONO } },
    slotProps: { htmlInput: { 'data-testid': `quirk-value-${quirk.name}`, 'aria-label': `${quirk.name} value` } },
  };
  if (quirk.value.kind === 'choice') {
    return (
      <TextField select {...common}>
        {quirk.value.choices.map((c) => <MenuItem key={c} value={c} sx={{ fontSize: 13, fontFamily: MONO }}>{c}</MenuItem>)}
      </TextField>
    );
  }
  return <TextField {...common} placeholder={quirk.value.kind === 'text' ? quirk.value.default : undefined} />;
}

function QuirkOption({ q }: { q: QuirkInfo }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography sx={{ fontFamily: MONO, fontSize: 12.5, fontWeight: 600 }}>
          {q.name}{q.value.kind !== 'flag' ? <Box component="span" sx={{ color: 'text.secondary', fontWeight: 400 }}>=…</Box> : null}
        </Typography>
        {q.teaches ? (
          <Chip size="small" variant="outlined" color="warning" label={`teaches: ${COMPAT_LABELS[q.teaches]}`}
            title="The compatibility switch the ACS should learn from it" sx={{ height: 18, fontSize: 10.5 }} />
        ) : null}
      </Box>
      <Typography sx={{ fontSize: 12, color: 'text.secondary', lineHeight: 1.4 }}>{q.description}</Typography>
    </Box>
  );
}

function AddVirtualCpeDialog({ onClose }: { onClose: () => void }) {
  const notify = useNotify();
  const [model, setModel] = useState<Model>('tr181');
  const [count, setCount] = useState('1');
  const [scale, setScale] = useState('');
  const [quirks, setQuirks] = useState<QuirkInfo[]>([]);
  /** Values typed or chosen for quirks that take one (kept when a quirk is removed and picked again). */
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const n = whole(count, 1, MAX_COUNT, undefined);
  const s = whole(scale, 1, MAX_SCALE, 0);
  const valueOf = (q: QuirkInfo): string => values[q.name] ?? (q.value.kind === 'choice' ? q.value.choices[0] : q.value.kind === 'text' ? q.value.default : '');
  const invalid = typeof n === 'string' || typeof s === 'string';
  const withValues = quirks.filter((q) => q.value.kind !== 'flag');

  const start = async () => {
    if (typeof n !== 'number' || typeof s === 'string') return;
    setBusy(true);
    try {
      const sims = await getApi().invoke('sim.start', {
        count: n, model, ...(s ? { scale: s } : {}),
        ...(quirks.length ? { quirks: quirks.map((q) => quirkSpec(q.name, valueOf(q))) } : {}),
      });
      const params = sims[0]?.parameters.toLocaleString('en-US');
      const quirked = quirks.length ? ` with ${quirks.map((q) => q.name).join(', ')}` : '';
      notify(sims.length === 1
        ? `Virtual CPE ${sims[0].id} started (${params} parameters)${quirked}: it is informing now.`
        : `${sims.length} virtual CPEs started (${params} parameters each)${quirked}: they are informing now.`, 'success');
      onClose();
    } catch (err) {
      notify(`Could not start a virtual CPE: ${errorText(err)}`, 'error');
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth data-testid="add-virtual-cpe-dialog">
      <DialogTitle sx={{ pb: 1 }}>Add a virtual CPE</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="textSecondary" sx={{ mb: 1.5 }}>
          A simulated home gateway runs inside the workbench and connects to this ACS like a real one:
          it informs, gets discovered, and answers every RPC.
        </Typography>
        <RadioGroup value={model} onChange={(e) => setModel(e.target.value as Model)} data-testid="add-virtual-cpe-model" aria-label="data model">
          {MODELS.map((m) => (
            <FormControlLabel key={m.value} value={m.value} control={<Radio size="small" />} disabled={busy}
              sx={{ alignItems: 'flex-start', mb: 1, '& .MuiRadio-root': { pt: 0.25 } }}
              label={
                <>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>{m.label}</Typography>
                  <Typography variant="body2" color="textSecondary" sx={{ fontSize: 12.5, lineHeight: 1.45 }}>{m.detail}</Typography>
                </>
              } />
          ))}
        </RadioGroup>
        <Box sx={{ display: 'flex', gap: 1.5, mt: 0.5 }}>
          <TextField size="small" label="How many" value={count} onChange={(e) => setCount(e.target.value)} disabled={busy}
            error={typeof n === 'string'} helperText={typeof n === 'string' ? n : `up to ${MAX_COUNT}`}
            slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'add-virtual-cpe-count' } }} sx={{ width: 150 }} />
          <TextField size="small" label="Instances per table" value={scale} onChange={(e) => setScale(e.target.value)} disabled={busy}
            placeholder="typical" error={typeof s === 'string'}
            helperText={typeof s === 'string' ? s : 'blank: a typical gateway (~8,000 parameters); 13 ≈ 100,000'}
            slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'add-virtual-cpe-scale' }, inputLabel: { shrink: true } }} sx={{ flex: 1 }} />
        </Box>
        <Autocomplete multiple disableCloseOnSelect size="small" options={QUIRKS} value={quirks} disabled={busy}
          onChange={(_, v) => setQuirks(v)} groupBy={(q) => q.group} getOptionLabel={(q) => q.name} filterOptions={filterQuirks}
          isOptionEqualToValue={(a, b) => a.name === b.name}
          renderOption={({ key, ...props }, q, { selected }) => (
            <li key={key} {...props} data-testid={`quirk-option-${q.name}`} style={{ alignItems: 'flex-start', paddingTop: 4, paddingBottom: 4, gap: 8 }}>
              <Checkbox size="small" checked={selected} tabIndex={-1} sx={{ p: 0, mt: 0.25 }} slotProps={{ input: { 'aria-hidden': true } }} />
              <QuirkOption q={q} />
            </li>
          )}
          slotProps={{ chip: { sx: { fontFamily: MONO, fontSize: 12 } }, listbox: { sx: { maxHeight: 320 } } }}
          renderInput={(params) => (
            <TextField {...params} label="Quirks" placeholder={quirks.length ? '' : 'none: a well-behaved CPE'}
              helperText="Behaviours seen on real CPE stacks; the ACS should cope, and learn the device's compatibility profile."
              slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'add-virtual-cpe-quirks' }, inputLabel: { ...params.slotProps.inputLabel, shrink: true } }} />
          )}
          sx={{ mt: 2 }} />
        {withValues.length ? (
          <Box sx={{ mt: 1.5, display: 'grid', gridTemplateColumns: 'max-content 1fr', alignItems: 'center', columnGap: 1.5, rowGap: 1 }}
            data-testid="quirk-values">
            {withValues.map((q) => (
              <Box key={q.name} sx={{ display: 'contents' }}>
                <Typography sx={{ fontFamily: MONO, fontSize: 12.5 }}>{q.name} =</Typography>
                <QuirkValueField quirk={q} value={valueOf(q)} disabled={busy} onChange={(v) => setValues((prev) => ({ ...prev, [q.name]: v }))} />
              </Box>
            ))}
          </Box>
        ) : null}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={busy}>Cancel</Button>
        <Button variant="contained" onClick={start} disabled={busy || invalid} data-testid="add-virtual-cpe-confirm"
          startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}>
          {busy ? 'Starting…' : typeof n === 'number' && n > 1 ? `Start ${n}` : 'Start'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
