// "Add virtual CPE": a built-in simulated gateway (sim.start) that informs
// this ACS on loopback, so a newcomer sees a device and its data model
// within a minute, no hardware needed.
import {
  Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Radio, RadioGroup, Typography,
} from '@mui/material';
import { useState } from 'react';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { useNotify } from '../../components/notify';

type Model = 'tr181' | 'tr098';

const MODELS: { value: Model; label: string; detail: string }[] = [
  { value: 'tr181', label: 'TR-181 gateway', detail: 'Device:2 data model, CWMP 1.2 — what current gateways speak.' },
  { value: 'tr098', label: 'TR-098 gateway', detail: 'InternetGatewayDevice:1 data model, CWMP 1.0 — the older, still common model.' },
];

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

function AddVirtualCpeDialog({ onClose }: { onClose: () => void }) {
  const notify = useNotify();
  const [model, setModel] = useState<Model>('tr181');
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    try {
      const [sim] = await getApi().invoke('sim.start', { count: 1, model });
      notify(`Virtual CPE ${sim.id} started (${sim.parameters.toLocaleString('en-US')} parameters): it is informing now.`, 'success');
      onClose();
    } catch (err) {
      notify(`Could not start a virtual CPE: ${errorText(err)}`, 'error');
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="xs" fullWidth>
      <DialogTitle>Add a virtual CPE</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
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
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={busy}>Cancel</Button>
        <Button variant="contained" onClick={start} disabled={busy} data-testid="add-virtual-cpe-confirm"
          startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}>
          {busy ? 'Starting…' : 'Start'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
