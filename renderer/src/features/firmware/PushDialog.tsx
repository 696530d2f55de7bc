// Pushing a library file to devices: from the firmware screen (a file, pick
// the devices) or from a device page (a device, pick the file). Before
// anything is sent it shows what transfer.preview says — the URL the CPE will
// fetch and every reason it may not reach it or not want it — then sends
// Download (one device, or ScheduleDownload with time windows) or a bulk
// push with a concurrency limit.
import {
  Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Divider, Typography,
} from '@mui/material';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DeviceSummary } from '../../../../shared/model/records';
import type { FirmwareFile, TransferRecord } from '../../../../shared/model/transfers';
import { errorText, useDevices } from '../../api/hooks';
import { getApi } from '../../api/window-api';
import { CopyButton } from '../../components/CopyButton';
import { useErrorNotifier, useNotify } from '../../components/notify';
import { MONO } from '../../components/theme';
import { bulkArgs, DEFAULT_OPTIONS, downloadArgs, optionProblems, PushOptions, type PushOptionsForm } from './PushOptions';
import { DevicePicker, FilePicker } from './PushTargets';
import { formatBytes, shortFileType, shortSha } from './transfer-text';
import { PREVIEW_MAX, usePushPreview } from './use-push-preview';
import { useFiles } from './use-transfers';

export interface PushDialogProps {
  open: boolean;
  onClose(): void;
  /** Push this file (pick devices)… */
  file?: FirmwareFile;
  /** …or to this device (pick a file). */
  device?: DeviceSummary;
  onPushed?(transfers: TransferRecord[]): void;
}

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Box sx={{ mb: 2.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, mb: 1 }}>
        <Typography sx={{ fontWeight: 600, fontSize: 13.5 }}>{title}</Typography>
        {extra}
      </Box>
      {children}
    </Box>
  );
}

const cwmpMinor = (d: DeviceSummary) => Number(/cwmp-1-(\d)/.exec(d.cwmpVersion)?.[1] ?? 0);

function PushContent({ onClose, file: fixedFile, device: fixedDevice, onPushed }: PushDialogProps) {
  const onError = useErrorNotifier();
  const notify = useNotify();
  const { devices } = useDevices(onError);
  const files = useFiles(onError);
  const [selected, setSelected] = useState<Set<string>>(() => new Set(fixedDevice ? [fixedDevice.id] : []));
  const [fileId, setFileId] = useState<string | undefined>(fixedFile?.id);
  const [opts, setOpts] = useState<PushOptionsForm>(DEFAULT_OPTIONS);
  const [busy, setBusy] = useState(false);

  // From a device page: preselect the newest file meant for it that it does not run yet.
  useEffect(() => {
    if (fixedFile || fileId || !files?.length || !fixedDevice) return;
    const fit = files.find((f) => (!f.oui || f.oui === fixedDevice.deviceId.OUI) && (!f.productClass || f.productClass === fixedDevice.deviceId.ProductClass)
      && f.version !== fixedDevice.softwareVersion);
    if (fit) setFileId(fit.id);
  }, [files, fixedFile, fixedDevice, fileId]);

  const file = fixedFile ?? files?.find((f) => f.id === fileId);
  const ids = useMemo(() => [...selected].sort(), [selected]);
  const targets = fixedDevice ? [fixedDevice] : devices.filter((d) => selected.has(d.id));
  const bulk = ids.length > 1;
  const { previews, loading } = usePushPreview(ids, file?.id);
  const scheduleBlocked = bulk ? 'ScheduleDownload goes to one device at a time; choose a single device for time windows.'
    : targets[0] && cwmpMinor(targets[0]) < 2 ? `ScheduleDownload needs CWMP 1.2 or later; this device speaks 1.${cwmpMinor(targets[0])}.` : undefined;
  const effective = { ...opts, schedule: opts.schedule && !scheduleBlocked };
  const problems = optionProblems(effective, bulk);
  const warnings = previews.flatMap((p) => [...(p.preview?.warnings ?? []), ...(p.error ? [p.error] : [])].map((w) => ({ deviceId: p.deviceId, text: w })));
  const url = previews.find((p) => p.preview)?.preview?.url;
  const hosts = new Set(previews.map((p) => p.preview?.host).filter(Boolean));
  const ready = !!file && ids.length > 0 && problems.size === 0 && !busy;

  const push = async () => {
    if (!ready || !file) return;
    setBusy(true);
    try {
      const api = getApi();
      const made = bulk
        ? (await api.invoke('transfer.bulkDownload', bulkArgs(effective, ids, file.id))).transfers
        : [await api.invoke('transfer.download', downloadArgs(effective, ids[0]!, file.id))];
      notify(bulk
        ? `Pushing ${file.name} to ${made.length} devices, ${effective.concurrency} at a time`
        : `${file.name} queued for ${ids[0]}: the device is asked to connect now`, 'success');
      onPushed?.(made);
      onClose();
    } catch (err) {
      notify(`Not pushed: ${errorText(err)}`, 'error');
      setBusy(false);
    }
  };

  return (
    <>
      <DialogTitle sx={{ fontSize: 17, pb: 0.5 }}>
        {fixedFile ? <>Push <Box component="span" sx={{ fontFamily: MONO }}>{fixedFile.name}</Box></> : <>Upgrade firmware of <Box component="span" sx={{ fontFamily: MONO }}>{fixedDevice?.id}</Box></>}
      </DialogTitle>
      <DialogContent>
        {fixedFile ? (
          <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
            {shortFileType(fixedFile.fileType)} · {formatBytes(fixedFile.size)}{fixedFile.version ? ` · installs ${fixedFile.version}` : ''}
            {fixedFile.productClass ? ` · for ${fixedFile.productClass}` : ''} · SHA-256 {shortSha(fixedFile.sha256)}…
          </Typography>
        ) : (
          <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
            {fixedDevice?.deviceId.ProductClass} · OUI {fixedDevice?.deviceId.OUI} · runs <Box component="span" sx={{ fontFamily: MONO }}>{fixedDevice?.softwareVersion ?? 'an unknown version'}</Box>
          </Typography>
        )}
        {fixedFile ? (
          <Section title="Devices" extra={<Typography variant="caption" color="textSecondary">{ids.length ? `${ids.length} selected` : 'choose one or more'}</Typography>}>
            <DevicePicker devices={devices} file={fixedFile} selected={selected} onChange={setSelected} />
          </Section>
        ) : fixedDevice ? (
          <Section title="File">
            {files ? <FilePicker files={files} device={fixedDevice} selected={fileId} onChange={setFileId} /> : <CircularProgress size={20} />}
          </Section>
        ) : null}
        <Section title="What the CPE will be told" extra={loading ? <CircularProgress size={12} /> : null}>
          {!file || ids.length === 0 ? (
            <Typography variant="body2" color="textSecondary">Choose {!file ? 'a file' : 'a device'} to see the URL it will fetch.</Typography>
          ) : (
            <Box data-testid="push-preview">
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, px: 1.25, py: 0.5, borderRadius: 1, bgcolor: 'action.hover' }}>
                <Typography variant="caption" color="textSecondary" sx={{ whiteSpace: 'nowrap' }}>URL</Typography>
                <Typography sx={{ fontFamily: MONO, fontSize: 12.5, flex: 1, overflowWrap: 'anywhere' }} data-testid="push-preview-url">{url ?? '…'}</Typography>
                {url ? <CopyButton text={url} label="Copy URL" /> : null}
              </Box>
              <Typography variant="caption" color="textSecondary" component="div" sx={{ mt: 0.5 }}>
                &lt;token&gt; becomes a 128-bit secret of this transfer alone; the URL stops working when the transfer ends.
                {hosts.size > 1 ? ` The host differs per device (${[...hosts].join(', ')}).` : ''}
                {ids.length > PREVIEW_MAX ? ` Checked for the first ${PREVIEW_MAX} of ${ids.length} devices.` : ''}
              </Typography>
              {!loading && warnings.length ? (
                <Alert severity="warning" sx={{ mt: 1, py: 0.25 }}>
                  {warnings.map((w, i) => (
                    <Typography key={i} data-testid="push-warning" sx={{ fontSize: 12.5 }}>
                      {ids.length > 1 ? <Box component="span" sx={{ fontFamily: MONO, fontSize: 12 }}>{w.deviceId}: </Box> : null}
                      {w.text.charAt(0).toUpperCase() + w.text.slice(1)}
                    </Typography>
                  ))}
                </Alert>
              ) : null}
              {!loading && previews.length && !warnings.length ? (
                <Typography variant="body2" sx={{ mt: 1, color: 'success.main' }} data-testid="push-preview-ok">
                  The CPE{ids.length > 1 ? 's' : ''} should reach this URL, and the file fits {ids.length > 1 ? 'them' : 'it'}.
                </Typography>
              ) : null}
            </Box>
          )}
        </Section>
        <Divider sx={{ mb: 2 }} />
        <Section title="Options">
          <PushOptions value={opts} onChange={setOpts} bulk={bulk} scheduleBlocked={scheduleBlocked} />
        </Section>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" color={warnings.length ? 'warning' : 'primary'} onClick={() => void push()} disabled={!ready} data-testid="push-confirm">
          {busy ? 'Pushing…' : `${warnings.length ? 'Push anyway' : 'Push'}${ids.length > 1 ? ` to ${ids.length} devices` : ids.length ? ' to 1 device' : ''}`}
        </Button>
      </DialogActions>
    </>
  );
}

export function PushDialog(props: PushDialogProps) {
  return (
    <Dialog open={props.open} onClose={props.onClose} maxWidth="md" fullWidth data-testid="push-dialog">
      {props.open ? <PushContent {...props} /> : null}
    </Dialog>
  );
}
