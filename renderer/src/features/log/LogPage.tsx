// The session log: Wireshark for CWMP. A live message list with filters
// above, the selected message (decoded and raw) or its session's ladder below.
import {
  Alert, Autocomplete, Box, Button, Checkbox, FormControlLabel, MenuItem, Stack, Tab, Tabs, TextField, Typography,
} from '@mui/material';
import { useCallback, useMemo, useState } from 'react';
import type { LoggedMessage } from '../../../../shared/model/records';
import { useDevices } from '../../api/hooks';
import type { Route } from '../../lib/route';
import { useErrorNotifier } from '../../components/notify';
import { LadderView } from './LadderView';
import { ladder, matches, type LogFilter } from './log-model';
import { LogTransfer } from './LogTransfer';
import { MessageDetail } from './MessageDetail';
import { MessageList } from './MessageList';
import { useLog } from './use-log';

export function LogPage({ deviceId, go }: { deviceId?: string; go: (r: Route) => void }) {
  const onError = useErrorNotifier();
  const { devices } = useDevices(onError);
  const [paused, setPaused] = useState(false);
  const [source, setSource] = useState<string>();
  const { messages, deltas: d, rpcs, received, waiting, claimed } = useLog(deviceId, paused, onError, source);
  // Devices only claimed by refused requests can be picked too (their rows say "not authenticated").
  const deviceOptions = useMemo(() => {
    const known = devices.map((x) => x.id);
    return [...known, ...[...claimed.keys()].filter((c) => !known.includes(c)).sort()];
  }, [devices, claimed]);
  const [filter, setFilter] = useState<LogFilter>({});
  const [selectedSeq, setSelectedSeq] = useState<number>();
  const [tab, setTab] = useState<'detail' | 'ladder'>('detail');
  const filtering = Object.values(filter).some((v) => v !== undefined && v !== false && v !== '');
  const shown = useMemo(() => (filtering ? messages.filter((m) => matches(m, filter)) : messages), [messages, filter, filtering]);
  const selected = useMemo(() => messages.find((m) => m.seq === selectedSeq), [messages, selectedSeq]);
  const steps = useMemo(() => (selected ? ladder(messages, selected.sessionId) : []), [messages, selected]);
  const select = useCallback((m: LoggedMessage) => setSelectedSeq(m.seq), []);
  // Serial numbers by device key, so the Device column keeps the serial whole even when it holds a '-'.
  const serialKey = devices.map((x) => x.id).join('\n');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- serialKey stands for the devices' serials
  const serials = useMemo(() => new Map([...claimed, ...devices.map((x) => [x.id, x.deviceId.SerialNumber] as const)]), [serialKey, claimed]);
  const set = (patch: Partial<LogFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <Box data-testid="log-page" sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ px: 2, py: 1, alignItems: 'center', flexWrap: 'wrap', rowGap: 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
        <Autocomplete size="small" sx={{ width: 230 }} options={deviceOptions} value={deviceId ?? null}
          onChange={(_, v) => go(v ? { page: 'log', deviceId: v } : { page: 'log' })}
          renderInput={(p) => (
            <TextField {...p} label="Device" placeholder="all devices"
              slotProps={{ ...p.slotProps, htmlInput: { ...p.slotProps.htmlInput, 'data-testid': 'log-device' } }} />
          )} />
        <TextField select size="small" label="RPC" value={filter.rpc ?? ''} onChange={(e) => set({ rpc: e.target.value || undefined })} sx={{ width: 190 }}
          slotProps={{ htmlInput: { 'data-testid': 'log-rpc' } }}>
          <MenuItem value="">any</MenuItem>
          {rpcs.map((r) => <MenuItem key={r} value={r}>{r}</MenuItem>)}
        </TextField>
        <TextField size="small" label="Search in messages" value={filter.text ?? ''} onChange={(e) => set({ text: e.target.value || undefined })}
          sx={{ width: 200 }} slotProps={{ htmlInput: { 'data-testid': 'log-search' } }} />
        <FormControlLabel control={<Checkbox size="small" checked={!!filter.faultsOnly} onChange={(e) => set({ faultsOnly: e.target.checked })} data-testid="log-faults" />} label="Faults" />
        <FormControlLabel control={<Checkbox size="small" checked={!!filter.invalidOnly} onChange={(e) => set({ invalidOnly: e.target.checked })} data-testid="log-invalid" />} label="Schema-invalid" />
        <FormControlLabel disabled={!selected && !filter.sessionId}
          control={<Checkbox size="small" checked={!!filter.sessionId} data-testid="log-session"
            onChange={(e) => set({ sessionId: e.target.checked ? selected?.sessionId : undefined })} />}
          label={filter.sessionId ? `Session ${filter.sessionId}` : 'This session'} />
        <FormControlLabel control={<Checkbox size="small" checked={!!filter.warningsOnly} onChange={(e) => set({ warningsOnly: e.target.checked })} data-testid="log-warnings" />} label="Model warnings" />
        {/* Count, live/pause and the bundle buttons wrap as one group, on the right. */}
        <Box data-testid="log-actions" sx={{ display: 'flex', alignItems: 'center', gap: 1, ml: 'auto' }}>
          <Typography variant="body2" color="textSecondary" data-testid="log-count" title={`${received} messages received live since this page opened`}>
            {shown.length} of {messages.length}<span data-testid="log-received" data-count={received} />
          </Typography>
          {paused && (
            <Typography variant="body2" color="primary" data-testid="log-waiting" data-count={waiting}>
              {waiting === 0 ? 'no new messages' : `${waiting.toLocaleString()} new message${waiting === 1 ? '' : 's'}`}
            </Typography>
          )}
          <Button size="small" variant={paused ? 'contained' : 'outlined'} onClick={() => setPaused(!paused)} data-testid="log-pause">
            {paused ? 'Resume live' : 'Pause'}
          </Button>
          <LogTransfer deviceId={deviceId} sessionId={selected?.sessionId} filter={filter} source={source}
            onImported={(id) => { setSelectedSeq(undefined); setSource(id); }} />
        </Box>
      </Stack>
      {source && (
        <Alert severity="info" data-testid="log-imported" sx={{ borderRadius: 0, py: 0 }}
          action={<Button size="small" onClick={() => { setSelectedSeq(undefined); setSource(undefined); }} data-testid="log-back-live">Back to live traffic</Button>}>
          Viewing an imported bundle ({messages.length} messages, read-only, secrets redacted).
        </Alert>
      )}
      <Box sx={{ flex: '1 1 45%', minHeight: 160 }}>
        {messages.length === 0 ? (
          <Box sx={{ p: 4, color: 'text.secondary' }} data-testid="log-empty">
            No CWMP traffic yet. Every HTTP message a CPE sends and every answer appear here live, 401 challenges included.
          </Box>
        ) : (
          <MessageList messages={shown} deltas={d} selected={selectedSeq} onSelect={select} serials={serials} />
        )}
      </Box>
      <Box sx={{ flex: '1 1 55%', minHeight: 200, display: 'flex', flexDirection: 'column', borderTop: 2, borderColor: 'divider' }}>
        <Tabs value={tab} onChange={(_, v) => setTab(v)} sx={{ minHeight: 36, px: 1, '& .MuiTab-root': { minHeight: 36, py: 0 } }}>
          <Tab value="detail" label="Message" data-testid="tab-detail" />
          <Tab value="ladder" label={selected ? `Follow session ${selected.sessionId}` : 'Follow session'} data-testid="tab-ladder" disabled={!selected} />
        </Tabs>
        <Box sx={{ flex: 1, minHeight: 0 }}>
          {!selected && <Box sx={{ p: 3, color: 'text.secondary' }}>Select a message to see it decoded and as sent.</Box>}
          {selected && tab === 'detail' && <MessageDetail key={selected.seq} message={selected} source={source} />}
          {selected && tab === 'ladder' && <LadderView steps={steps} selected={selectedSeq} onSelect={(seq) => { setSelectedSeq(seq); setTab('detail'); }} />}
        </Box>
      </Box>
    </Box>
  );
}
