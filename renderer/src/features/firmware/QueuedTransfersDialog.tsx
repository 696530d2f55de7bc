// The CPE's own transfer queue, asked live: GetAllQueuedTransfers (A.4.1.7),
// or GetQueuedTransfers (A.4.1.6) on CWMP 1.0. When the device does not
// answer in time, the last answer it gave is shown, with when.
import {
  Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableHead, TableRow, Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import type { QueuedTransfers } from '../../../../shared/model/transfers';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { MONO } from '../../components/theme';
import { formatDateTimeLong } from '../../lib/format';
import { formatBytes } from './transfer-text';

export function QueuedTransfersDialog({ deviceId, open, onClose }: { deviceId: string; open: boolean; onClose(): void }) {
  const [result, setResult] = useState<QueuedTransfers | null>(null);
  const [error, setError] = useState<string>();
  const [asking, setAsking] = useState(false);

  const ask = useCallback(() => {
    setAsking(true);
    setError(undefined);
    getApi().invoke('transfer.queued', { deviceId, waitSeconds: 20 }).then(
      (r) => { setResult(r); setAsking(false); },
      (err: unknown) => { setError(errorText(err)); setAsking(false); },
    );
  }, [deviceId]);
  useEffect(() => { if (open) ask(); else setResult(null); }, [open, ask]);

  const full = result?.rpc !== 'GetQueuedTransfers';
  return (
    <Dialog open={open} onClose={onClose} maxWidth="lg" data-testid="queued-dialog" slotProps={{ paper: { sx: { minWidth: 600 } } }}>
      <DialogTitle sx={{ fontSize: 17, pb: 0.5 }}>
        Transfers queued on the CPE
        <Typography variant="body2" color="textSecondary" component="div">
          What the device itself has pending or running, including transfers it got from other ACSs or made on its own.
        </Typography>
      </DialogTitle>
      <DialogContent>
        {asking ? (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, py: 3 }}>
            <CircularProgress size={20} />
            <Typography color="textSecondary">Asking the device (a connection request, then GetAllQueuedTransfers)…</Typography>
          </Box>
        ) : null}
        {error ? <Alert severity="error">{error}</Alert> : null}
        {result && !asking ? (
          <Box data-testid="queued-result" data-source={result.source}>
            <Typography variant="body2" color="textSecondary" sx={{ mb: 1 }}>
              {result.source === 'live' ? `Answered just now (${result.rpc}).`
                : result.source === 'last-known' ? `The device did not answer in time; its last answer (${result.rpc}, ${formatDateTimeLong(result.at)}):`
                  : 'The device has never been asked.'}
              {result.note ? ` ${result.note}` : ''}
            </Typography>
            {result.transfers.length === 0 ? (
              result.source !== 'none' ? <Typography data-testid="queued-empty">The CPE has no transfer queued.</Typography> : null
            ) : (
              <Table size="small" sx={{ '& td, & th': { whiteSpace: 'nowrap' } }}>
                <TableHead>
                  <TableRow>
                    {['CommandKey', 'State', ...(full ? ['Direction', 'File type', 'Size', 'Target file name'] : []), 'Pushed from here'].map((h) => (
                      <TableCell key={h} sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{h}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {result.transfers.map((q, i) => (
                    <TableRow key={`${q.CommandKey}-${i}`}>
                      <TableCell sx={{ fontFamily: MONO, fontSize: 12 }}>{q.CommandKey || '—'}</TableCell>
                      <TableCell>{q.stateText}</TableCell>
                      {full ? (
                        <>
                          <TableCell>{q.IsDownload ? 'Download' : 'Upload'}</TableCell>
                          <TableCell>{q.FileType}</TableCell>
                          <TableCell>{q.FileSize ? formatBytes(q.FileSize) : '—'}</TableCell>
                          <TableCell sx={{ fontFamily: MONO, fontSize: 12 }}>{q.TargetFileName || '—'}</TableCell>
                        </>
                      ) : null}
                      <TableCell>{q.transferId ? 'yes' : <Typography component="span" variant="body2" color="textSecondary" title="Another ACS, or the CPE on its own">no</Typography>}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Box>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={ask} disabled={asking} data-testid="queued-ask">Ask again</Button>
        <Button variant="contained" onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
