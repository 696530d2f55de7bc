// The device page's Transfers tab: this device's downloads and uploads with
// live progress and outcome, the CPE's own queue on demand, and the files it
// uploaded — a configuration backup is "Back up configuration", then "Save".
import { Box, Button, Chip, IconButton, LinearProgress, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { useCallback, useState } from 'react';
import type { DeviceSummary } from '../../../../shared/model/records';
import type { TransferRecord, UploadRecord } from '../../../../shared/model/transfers';
import { errorText } from '../../api/hooks';
import { useNow } from '../../lib/use-now';
import { getApi } from '../../api/window-api';
import { useErrorNotifier, useNotify } from '../../components/notify';
import { MONO } from '../../components/theme';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog';
import { formatDateTimeLong, relativeTime } from '../../lib/format';
import { Download, Eye, FileDoc, ListIcon, Restore, Trash } from '../../components/icons';
import { QueuedTransfersDialog } from './QueuedTransfersDialog';
import { saveUpload } from './save-upload';
import { formatBytes, isFinal, STATE_LOOK, uploadLabel } from './transfer-text';
import { TransfersTable } from './TransfersTable';
import { UploadViewer } from './UploadViewer';
import { useUploads } from './use-transfers';

const CONFIG = '1 Vendor Configuration File';
const LOG = '2 Vendor Log File';

function UploadRow({ u, now, fresh, onView, onSave, onRemove }: {
  u: UploadRecord; now: number; fresh: boolean; onView(u: UploadRecord): void; onSave(u: UploadRecord): void; onRemove(u: UploadRecord): void;
}) {
  return (
    <Box data-testid={`upload-row-${u.id}`} sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 1.5, py: 1, borderBottom: 1, borderColor: 'divider',
      '&:last-child': { borderBottom: 0 }, bgcolor: fresh ? 'action.selected' : undefined, transition: 'background-color 600ms' }}>
      <Box sx={{ color: 'text.secondary', display: 'flex' }}><FileDoc size={20} /></Box>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
          <Typography sx={{ fontWeight: 600, fontSize: 13 }}>{uploadLabel(u.fileType)}</Typography>
          {fresh ? <Chip size="small" color="success" label="new" sx={{ height: 18, fontSize: 10.5 }} /> : null}
        </Box>
        <Typography variant="caption" color="textSecondary" component="div" title={`${u.name}\nreceived ${formatDateTimeLong(u.received)}\nSHA-256 ${u.sha256}`}
          sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {formatBytes(u.size)} · {relativeTime(u.received, now)} · <Box component="span" sx={{ fontFamily: MONO, fontSize: 11 }}>{u.name}</Box>
        </Typography>
      </Box>
      <Button size="small" variant="outlined" startIcon={<Eye size={15} />} onClick={() => onView(u)} data-testid={`upload-view-${u.id}`}
        sx={{ flex: 'none' }}>
        View
      </Button>
      <Tooltip title="Save to this computer">
        <IconButton size="small" onClick={() => onSave(u)} aria-label={`save ${u.name}`} data-testid={`upload-save-${u.id}`}><Download size={17} /></IconButton>
      </Tooltip>
      <Tooltip title="Delete from the workbench">
        <IconButton size="small" onClick={() => onRemove(u)} aria-label={`delete ${u.name}`} data-testid={`upload-remove-${u.id}`}><Trash size={16} /></IconButton>
      </Tooltip>
    </Box>
  );
}

function PendingUpload({ t }: { t: TransferRecord }) {
  return (
    <Box sx={{ px: 1.5, py: 1, borderBottom: 1, borderColor: 'divider' }} data-testid={`upload-pending-${t.id}`}>
      <Typography sx={{ fontSize: 13, fontWeight: 600 }}>{uploadLabel(t.fileType)} requested</Typography>
      <LinearProgress sx={{ my: 0.5, height: 4, borderRadius: 2 }} />
      <Typography variant="caption" color="textSecondary">{STATE_LOOK[t.state].label} · {t.summary}</Typography>
    </Box>
  );
}

export function DeviceTransfers({ device, transfers }: { device: DeviceSummary; transfers: TransferRecord[] }) {
  const onError = useErrorNotifier();
  const notify = useNotify();
  const now = useNow(15_000);
  const { uploads, remove } = useUploads(device.id, onError);
  const [viewing, setViewing] = useState<UploadRecord | null>(null);
  const [queued, setQueued] = useState(false);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [since] = useState(() => new Date().toISOString());
  const pendingUploads = transfers.filter((t) => t.kind === 'Upload' && !isFinal(t) && !t.uploadId);

  const requestUpload = useCallback((fileType: string) => {
    getApi().invoke('transfer.upload', { deviceId: device.id, fileType }).then(
      () => notify(`${uploadLabel(fileType)} requested: the device is asked to connect and upload it`, 'info'),
      (err: unknown) => notify(`Not requested: ${errorText(err)}`, 'error'),
    );
  }, [device.id, notify]);
  const cancel = useCallback((t: TransferRecord) => {
    getApi().invoke('transfer.cancel', { id: t.id }).then(
      (r) => notify(r.state === 'cancelled' ? 'Transfer cancelled' : 'CancelTransfer sent: the CPE drops it if it has not started', 'info'),
      (err: unknown) => notify(`Not cancelled: ${errorText(err)}`, 'error'),
    );
  }, [notify]);
  const save = useCallback((u: UploadRecord) => {
    saveUpload(u).catch((err: unknown) => notify(`Not saved: ${errorText(err)}`, 'error'));
  }, [notify]);
  const askRemove = useCallback((u: UploadRecord) => setConfirm({
    title: `Delete ${uploadLabel(u.fileType).toLowerCase()}?`,
    body: <>The uploaded file <Box component="span" sx={{ fontFamily: MONO }}>{u.name}</Box> is deleted from the workbench&apos;s data folder.</>,
    okLabel: 'Delete',
    danger: true,
    async onConfirm() {
      try {
        await remove(u.id);
      } catch (err) {
        notify(`Not deleted: ${errorText(err)}`, 'error');
      }
    },
  }), [notify, remove]);

  return (
    <Box data-testid="device-transfers" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) 390px' }, gap: 1.5, alignItems: 'start' }}>
      <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
          <Typography sx={{ fontWeight: 600, fontSize: 14 }}>Transfers</Typography>
          <Typography variant="caption" color="textSecondary">Download, ScheduleDownload and Upload requests to this device, live</Typography>
          <Box sx={{ flex: 1 }} />
          <Tooltip title="Ask the device which transfers it has queued (GetAllQueuedTransfers)">
            <Button size="small" startIcon={<ListIcon size={16} />} onClick={() => setQueued(true)} data-testid="device-queued">Queued on the CPE…</Button>
          </Tooltip>
        </Stack>
        <TransfersTable transfers={transfers} showDevice={false} onCancel={cancel}
          empty={(
            <Typography variant="body2" color="textSecondary">
              No transfers with this device yet. “Upgrade firmware…” above pushes an image from the library;
              the buttons on the right ask it for its configuration or log.
            </Typography>
          )} />
      </Paper>
      <Paper variant="outlined" sx={{ overflow: 'hidden' }} data-testid="device-uploads">
        <Box sx={{ px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
          <Typography sx={{ fontWeight: 600, fontSize: 14, mb: 0.75 }}>Files from the device</Typography>
          <Stack direction="row" spacing={1}>
            <Tooltip placement="top" disableInteractive title="Upload RPC, FileType 1 Vendor Configuration File: the device sends its configuration to the workbench">
              <Button size="small" variant="contained" startIcon={<Restore size={16} />} onClick={() => requestUpload(CONFIG)} data-testid="device-backup-config">
                Back up configuration
              </Button>
            </Tooltip>
            <Tooltip placement="top" disableInteractive title="Upload RPC, FileType 2 Vendor Log File">
              <Button size="small" variant="outlined" startIcon={<FileDoc size={16} />} onClick={() => requestUpload(LOG)} data-testid="device-get-log">
                Get log file
              </Button>
            </Tooltip>
          </Stack>
        </Box>
        {pendingUploads.map((t) => <PendingUpload key={t.id} t={t} />)}
        {uploads.length === 0 && pendingUploads.length === 0 ? (
          <Typography variant="body2" color="textSecondary" sx={{ p: 2 }} data-testid="uploads-empty">
            Nothing uploaded yet. A backup or a log lands here, to view as text or save.
          </Typography>
        ) : uploads.map((u) => (
          <UploadRow key={u.id} u={u} now={now} fresh={u.received > since && now - Date.parse(u.received) < 60_000}
            onView={setViewing} onSave={save} onRemove={askRemove} />
        ))}
      </Paper>
      <UploadViewer upload={viewing} onClose={() => setViewing(null)} />
      <QueuedTransfersDialog deviceId={device.id} open={queued} onClose={() => setQueued(false)} />
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </Box>
  );
}
