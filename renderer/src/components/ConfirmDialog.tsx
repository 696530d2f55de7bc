// Confirmation before something that cannot be undone (Reboot, FactoryReset,
// DeleteObject). For the worst of them the user types a word (the serial
// number) so a stray click cannot wipe a customer's gateway.
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';

export interface ConfirmRequest {
  title: string;
  body: ReactNode;
  okLabel: string;
  danger?: boolean;
  /** The user must type exactly this to enable OK. */
  typeToConfirm?: string;
  onConfirm(): void | Promise<void>;
}

export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose(): void }) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => { setTyped(''); setBusy(false); }, [request]);
  const ok = !!request && (!request.typeToConfirm || typed.trim() === request.typeToConfirm);
  const confirm = async () => {
    if (!request || !ok || busy) return;
    setBusy(true);
    try {
      await request.onConfirm();
    } finally {
      setBusy(false);
      onClose();
    }
  };
  return (
    <Dialog open={!!request} onClose={onClose} maxWidth="xs" fullWidth data-testid="confirm-dialog">
      {request ? (
        <>
          <DialogTitle sx={{ fontSize: 17 }}>{request.title}</DialogTitle>
          <DialogContent>
            <DialogContentText component="div" sx={{ fontSize: 13.5 }}>{request.body}</DialogContentText>
            {request.typeToConfirm ? (
              <TextField autoFocus fullWidth size="small" margin="dense" value={typed} onChange={(e) => setTyped(e.target.value)}
                label={`Type ${request.typeToConfirm} to confirm`} slotProps={{ htmlInput: { 'data-testid': 'confirm-input', spellCheck: false } }}
                onKeyDown={(e) => { if (e.key === 'Enter') void confirm(); }} />
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} data-testid="confirm-cancel">Cancel</Button>
            <Button onClick={() => void confirm()} disabled={!ok || busy} variant="contained" color={request.danger ? 'error' : 'primary'}
              data-testid="confirm-ok" autoFocus={!request.typeToConfirm}>
              {request.okLabel}
            </Button>
          </DialogActions>
        </>
      ) : null}
    </Dialog>
  );
}
