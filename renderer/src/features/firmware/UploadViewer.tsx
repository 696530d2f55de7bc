// A file a CPE uploaded (a configuration backup, a log), shown as text in
// monospace — 256 KiB at a time, with "Load more" while the file goes on —
// and saveable whole. The content is device data: rendered as text only.
import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { UploadRecord } from '../../../../shared/model/transfers';
import { errorText } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { useNotify } from '../../components/notify';
import { MONO } from '../../components/theme';
import { formatDateTimeLong } from '../../lib/format';
import { Download } from '../../components/icons';
import { saveUpload } from './save-upload';
import { formatBytes, uploadLabel } from './transfer-text';

const PAGE = 256 * 1024;

interface Loaded { text: string; offset: number; more: boolean; binary: boolean }

export function UploadViewer({ upload, onClose }: { upload: UploadRecord | null; onClose(): void }) {
  const notify = useNotify();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const load = async (u: UploadRecord, offset: number, prev: Loaded | null) => {
    setBusy(true);
    try {
      const r = await getApi().invoke('uploads.read', { id: u.id, offset, maxBytes: PAGE, encoding: 'text' });
      setLoaded({ text: (prev?.text ?? '') + (r.text ?? ''), offset: offset + r.length, more: r.more, binary: (prev?.binary ?? false) || r.binary });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    setLoaded(null);
    setError(undefined);
    if (upload) void load(upload, 0, null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once per file
  }, [upload?.id]);

  const save = async () => {
    if (!upload) return;
    try {
      await saveUpload(upload);
    } catch (err) {
      notify(`Not saved: ${errorText(err)}`, 'error');
    }
  };

  return (
    <Dialog open={!!upload} onClose={onClose} maxWidth="lg" fullWidth data-testid="upload-viewer"
      slotProps={{ paper: { sx: { height: 'calc(100% - 64px)' } } }}>
      {upload ? (
        <>
          <DialogTitle sx={{ fontSize: 17, pb: 0.5 }}>
            {uploadLabel(upload.fileType)} from <Box component="span" sx={{ fontFamily: MONO }}>{upload.deviceId}</Box>
            <Typography variant="body2" color="textSecondary" component="div">
              <Box component="span" sx={{ fontFamily: MONO, fontSize: 12 }}>{upload.name}</Box> · {formatBytes(upload.size)} ·{' '}
              {upload.contentType ?? 'no content type'} · received {formatDateTimeLong(upload.received)}
            </Typography>
          </DialogTitle>
          <DialogContent dividers sx={{ p: 0, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
            {error ? <Alert severity="error" sx={{ m: 2 }}>Cannot read the file: {error}</Alert> : null}
            {loaded?.binary ? (
              <Alert severity="info" sx={{ borderRadius: 0 }}>
                This file looks binary: it is shown with replacement characters. Save it to open it with the right tool.
              </Alert>
            ) : null}
            {loaded ? (
              <Box component="pre" data-testid="upload-text"
                sx={{ m: 0, p: 2, flex: 1, overflow: 'auto', fontFamily: MONO, fontSize: 12, lineHeight: 1.55, whiteSpace: 'pre', tabSize: 4,
                  bgcolor: 'background.default' }}>
                {loaded.text}
              </Box>
            ) : !error ? (
              <Box sx={{ display: 'grid', placeItems: 'center', flex: 1 }}><CircularProgress size={24} /></Box>
            ) : null}
          </DialogContent>
          <DialogActions sx={{ px: 2 }}>
            <Typography variant="caption" color="textSecondary" sx={{ flex: 1 }} data-testid="upload-shown">
              {loaded ? `Showing ${formatBytes(loaded.offset)} of ${formatBytes(upload.size)}` : ''}
            </Typography>
            {loaded?.more ? (
              <Button onClick={() => void load(upload, loaded.offset, loaded)} disabled={busy} data-testid="upload-more">Load more</Button>
            ) : null}
            <Button variant="outlined" startIcon={<Download size={16} />} onClick={() => void save()} data-testid="upload-save">Save…</Button>
            <Button variant="contained" onClick={onClose}>Close</Button>
          </DialogActions>
        </>
      ) : null}
    </Dialog>
  );
}
