// Export what the list shows (a session, a device's history, or the filtered
// selection) as one bundle for a bug report — redacted unless the user
// confirms in words that secrets may leave — and open a bundle someone sent.
import {
  Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, MenuItem, TextField, Typography,
} from '@mui/material';
import { useRef, useState } from 'react';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { useNotify } from '../../components/notify';
import { UNREDACTED_CONFIRMATION } from '../../../../shared/api/contract';
import type { LogFilter } from './log-model';

const UNREDACTED_PHRASE = UNREDACTED_CONFIRMATION;
/** log.import arguments are capped at 1 MiB: bigger bundles go in parts (base64 of 600 KiB each). */
const PART_BYTES = 600 * 1024;

function download(fileName: string, base64: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: fileName.endsWith('.gz') ? 'application/gzip' : 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function LogTransfer(props: { deviceId?: string; sessionId?: string; source?: string; filter: LogFilter; onImported?: (importId: string) => void }) {
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<'filtered' | 'session' | 'device'>('filtered');
  const [unredacted, setUnredacted] = useState(false);
  const [phrase, setPhrase] = useState('');
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const doExport = async () => {
    setBusy(true);
    try {
      const api = getApi();
      const { faultsOnly, invalidOnly, rpc, text } = props.filter;
      const res = await api.invoke('log.export', {
        ...(props.deviceId && scope !== 'session' ? { deviceId: props.deviceId } : {}),
        ...(scope === 'session' && props.sessionId ? { sessionId: props.sessionId } : {}),
        ...(scope === 'filtered' ? { filter: { faultsOnly, invalidOnly, rpc, text } } : {}),
        ...(props.source ? { source: props.source } : {}),
        ...(unredacted ? { unredacted: true, confirmUnredacted: phrase } : {}),
      });
      download(res.fileName, res.bytes);
      notify(`Exported ${res.fileName}${unredacted ? ' (UNREDACTED: contains secrets)' : ' (secrets redacted)'}`, unredacted ? 'warning' : 'success');
      setOpen(false);
    } catch (e) {
      notify(`Export failed: ${errorText(e)}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  const doImport = async (file: File) => {
    try {
      const all = new Uint8Array(await file.arrayBuffer());
      const count = Math.max(1, Math.ceil(all.length / PART_BYTES));
      const uploadId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      let res: { importId: string; messages: number } = { importId: '', messages: 0 };
      for (let index = 0; index < count; index++) {
        const bytes = toBase64(all.subarray(index * PART_BYTES, (index + 1) * PART_BYTES));
        res = await getApi().invoke('log.import', { fileName: file.name, bytes, ...(count > 1 ? { part: { uploadId, index, count } } : {}) });
      }
      notify(`Imported ${res.messages} messages from ${file.name}`, 'success');
      props.onImported?.(res.importId);
    } catch (e) {
      notify(`Import failed: ${errorText(e)}`, 'error');
    }
  };

  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setOpen(true)} data-testid="log-export">Export…</Button>
      <Button size="small" variant="outlined" onClick={() => fileInput.current?.click()} data-testid="log-import">Import…</Button>
      <input ref={fileInput} type="file" accept=".gz,.json,application/gzip,application/json" hidden data-testid="log-import-file"
        onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void doImport(f); }} />
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="sm" fullWidth>
        <DialogTitle>Export messages</DialogTitle>
        <DialogContent>
          <TextField select fullWidth size="small" label="What" value={scope} onChange={(e) => setScope(e.target.value as typeof scope)} sx={{ mt: 1, mb: 2 }}
            slotProps={{ htmlInput: { 'data-testid': 'export-scope' } }}>
            <MenuItem value="filtered">The messages the filters show{props.deviceId ? ` (device ${props.deviceId})` : ''}</MenuItem>
            <MenuItem value="session" disabled={!props.sessionId}>The selected message's session{props.sessionId ? ` (${props.sessionId})` : ''}</MenuItem>
            <MenuItem value="device" disabled={!props.deviceId}>This device's whole history</MenuItem>
          </TextField>
          <Typography variant="body2" sx={{ mb: 1 }}>
            The bundle holds every message with its headers, an index, schema verdicts and data-model warnings.
            Passwords, Authorization headers and digest responses are replaced by *** unless you choose otherwise.
          </Typography>
          <FormControlLabel control={<Checkbox checked={unredacted} onChange={(e) => setUnredacted(e.target.checked)} data-testid="export-unredacted" />}
            label="Include secrets (unredacted)" />
          {unredacted && (
            <TextField fullWidth size="small" sx={{ mt: 1 }} label={`Type: ${UNREDACTED_PHRASE}`} value={phrase} onChange={(e) => setPhrase(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'export-phrase' } }} error={phrase !== '' && phrase !== UNREDACTED_PHRASE} />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="contained" onClick={doExport} disabled={busy || (unredacted && phrase !== UNREDACTED_PHRASE)} data-testid="export-confirm">
            {unredacted ? 'Export with secrets' : 'Export'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
