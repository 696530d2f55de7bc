// The Firmware screen: the library of files staged for Download (added by
// drag-and-drop anywhere on the page or with the picker), their details,
// pushing one to devices, and every transfer below, live.
import { Autocomplete, Box, Button, Chip, CircularProgress, Stack, TextField, Typography } from '@mui/material';
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import type { FirmwareFile, TransferRecord } from '../../../../shared/model/transfers';
import { errorText } from '../../api/hooks';
import { useNow } from '../../lib/use-now';
import { getApi } from '../../api/window-api';
import { useErrorNotifier, useNotify } from '../../components/notify';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog';
import { Upload } from '../../components/icons';
import { addToLibrary, fileProblem } from './add-files';
import { EditFileDialog } from './EditFileDialog';
import { LibraryEmpty } from './LibraryEmpty';
import { LibraryTable, type PendingAdd } from './LibraryTable';
import { PushDialog } from './PushDialog';
import { isFinal } from './transfer-text';
import { TransfersTable } from './TransfersTable';
import { useFiles, useTransfers } from './use-transfers';

const CARD = { bgcolor: 'background.paper', border: 1, borderColor: 'divider', borderRadius: 2, overflow: 'hidden' } as const;

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

export function FirmwarePage() {
  const onError = useErrorNotifier();
  const notify = useNotify();
  const files = useFiles(onError);
  const { transfers, loaded } = useTransfers(undefined, onError);
  const now = useNow(30_000);
  const [pending, setPending] = useState<PendingAdd[]>([]);
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const [editing, setEditing] = useState<FirmwareFile | null>(null);
  const [pushing, setPushing] = useState<FirmwareFile | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [deviceFilter, setDeviceFilter] = useState<string | null>(null);

  const activeByFile = useMemo(() => {
    const m = new Map<string, number>();
    for (const t of transfers) if (t.fileId && !isFinal(t)) m.set(t.fileId, (m.get(t.fileId) ?? 0) + 1);
    return m;
  }, [transfers]);
  const transferDevices = useMemo(() => [...new Set(transfers.map((t) => t.deviceId))].sort(), [transfers]);
  const shown = deviceFilter ? transfers.filter((t) => t.deviceId === deviceFilter) : transfers;
  const active = transfers.filter((t) => !isFinal(t)).length;

  const addFiles = useCallback(async (list: File[]) => {
    for (const file of list) {
      const key = `${file.name}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
      const problem = fileProblem(file);
      setPending((p) => [...p, { key, name: file.name, size: file.size, sent: 0, ...(problem ? { error: problem } : {}) }]);
      if (problem) continue;
      try {
        const f = await addToLibrary(file, (sent) => setPending((p) => p.map((x) => (x.key === key ? { ...x, sent } : x))));
        setPending((p) => p.filter((x) => x.key !== key));
        notify(`Added ${f.name}${f.version ? ` (version ${f.version})` : ''}. Check its details, then push it.`, 'success');
      } catch (err) {
        setPending((p) => p.map((x) => (x.key === key ? { ...x, error: errorText(err) } : x)));
      }
    }
  }, [notify]);

  const remove = useCallback((f: FirmwareFile) => setConfirm({
    title: `Remove ${f.name}?`,
    body: (
      <>The file is deleted from the workbench's data folder. Transfers already finished keep their records;
        a transfer still in progress keeps the file in use and the removal is refused.</>
    ),
    okLabel: 'Remove',
    danger: true,
    async onConfirm() {
      try {
        await getApi().invoke('files.remove', { id: f.id });
        notify(`${f.name} removed`, 'info');
      } catch (err) {
        notify(`Not removed: ${errorText(err)}`, 'error');
      }
    },
  }), [notify]);

  const cancel = useCallback((t: TransferRecord) => {
    getApi().invoke('transfer.cancel', { id: t.id }).then(
      (r) => notify(r.state === 'cancelled' ? 'Transfer cancelled' : 'CancelTransfer sent: the CPE drops it if it has not started', 'info'),
      (err: unknown) => notify(`Not cancelled: ${errorText(err)}`, 'error'),
    );
  }, [notify]);

  const drag = {
    onDragEnter: (e: DragEvent) => { if (!hasFiles(e)) return; e.preventDefault(); dragDepth.current++; setDragging(true); },
    onDragOver: (e: DragEvent) => { if (!hasFiles(e)) return; e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; },
    onDragLeave: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      dragDepth.current = Math.max(0, dragDepth.current - 1);
      if (!dragDepth.current) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      dragDepth.current = 0;
      setDragging(false);
      void addFiles(Array.from(e.dataTransfer.files));
    },
  };
  const pick = () => input.current?.click();

  return (
    <Box data-testid="firmware-page" {...drag}
      sx={{ position: 'relative', display: 'flex', flexDirection: 'column', gap: 2, p: { xs: 1.5, md: 3 }, minHeight: '100%', boxSizing: 'border-box' }}>
      <input ref={input} type="file" multiple hidden data-testid="firmware-file-input"
        onChange={(e) => { const list = Array.from(e.target.files ?? []); e.target.value = ''; void addFiles(list); }} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline' }}>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 600 }}>Firmware</Typography>
        <Typography color="textSecondary" data-testid="firmware-count">
          {files ? `${files.length} file${files.length === 1 ? '' : 's'} staged` : 'Loading…'}
          {active ? ` · ${active} transfer${active === 1 ? '' : 's'} in progress` : ''}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {files?.length ? (
          <Button variant="contained" size="small" startIcon={<Upload size={16} />} onClick={pick} data-testid="firmware-add">Add files…</Button>
        ) : null}
      </Stack>

      <Box sx={CARD}>
        {files === undefined ? (
          <Box sx={{ display: 'grid', placeItems: 'center', py: 6 }}><CircularProgress size={24} /></Box>
        ) : files.length === 0 && pending.length === 0 ? (
          <LibraryEmpty onPick={pick} dragging={dragging} />
        ) : (
          <>
            <Box data-testid="firmware-drop" data-dragging={dragging ? 'true' : undefined} onClick={pick}
              sx={{ m: 1.5, px: 2, py: 1, border: '1.5px dashed', borderColor: dragging ? 'primary.main' : 'divider', borderRadius: 1.5,
                display: 'flex', alignItems: 'center', gap: 1, cursor: 'pointer', color: 'text.secondary',
                bgcolor: dragging ? 'action.selected' : 'transparent', '&:hover': { borderColor: 'primary.main', color: 'primary.main' } }}>
              <Upload size={18} />
              <Typography variant="body2" color="inherit">
                Drop firmware images or configuration files anywhere on this page, or <b>choose files</b>.
                They are copied into the workbench&apos;s data folder.
              </Typography>
            </Box>
            <LibraryTable files={files} pending={pending} activeByFile={activeByFile} now={now}
              onPush={setPushing} onEdit={setEditing} onRemove={remove}
              onDismiss={(key) => setPending((p) => p.filter((x) => x.key !== key))} />
          </>
        )}
      </Box>

      <Box sx={CARD} data-testid="firmware-transfers">
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', px: 2, py: 1.25, borderBottom: 1, borderColor: 'divider' }}>
          <Typography sx={{ fontWeight: 600, fontSize: 15 }}>Transfers</Typography>
          {active ? <Chip size="small" color="primary" label={`${active} in progress`} sx={{ height: 20, fontSize: 11 }} /> : null}
          <Box sx={{ flex: 1 }} />
          {transferDevices.length ? (
            <Autocomplete size="small" sx={{ width: 300 }} options={transferDevices} value={deviceFilter} onChange={(_, v) => setDeviceFilter(v)}
              renderInput={(p) => (
                <TextField {...p} label="Filter by device" placeholder="all devices"
                  slotProps={{ ...p.slotProps, htmlInput: { ...p.slotProps.htmlInput, 'data-testid': 'transfer-device-filter' } }} />
              )} />
          ) : null}
        </Stack>
        {!loaded ? (
          <Box sx={{ display: 'grid', placeItems: 'center', py: 4 }}><CircularProgress size={22} /></Box>
        ) : (
          <TransfersTable transfers={shown} showDevice onCancel={cancel}
            empty={(
              <Typography variant="body2" color="textSecondary" data-testid="transfers-empty">
                {deviceFilter ? `No transfers for ${deviceFilter}.` : 'No transfers yet. Push a file to a device: its progress, TransferComplete and the version before and after show up here live.'}
              </Typography>
            )} />
        )}
      </Box>

      {dragging ? (
        <Box sx={{ position: 'absolute', inset: 8, border: '2px dashed', borderColor: 'primary.main', borderRadius: 3, bgcolor: 'action.hover',
          display: 'grid', placeItems: 'center', pointerEvents: 'none', zIndex: 5 }}>
          <Typography variant="h6" color="primary">Drop to add to the firmware library</Typography>
        </Box>
      ) : null}
      <EditFileDialog file={editing} onClose={() => setEditing(null)} />
      <PushDialog open={!!pushing} file={pushing ?? undefined} onClose={() => setPushing(null)} />
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </Box>
  );
}
