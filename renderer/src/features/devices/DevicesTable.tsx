// The device table: sortable columns, checkboxes for bulk actions, one page
// of rows at a time (MUI pagination keeps 500+ devices smooth: only the
// visible page is rendered). Cells stay light; values from devices are
// rendered as text only.
import {
  Box, Checkbox, Chip, LinearProgress, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination,
  TableRow, TableSortLabel, Tooltip, Typography,
} from '@mui/material';
import { keyframes } from '@mui/material/styles';
import { memo, type MouseEvent } from 'react';
import { MONO } from '../../components/theme';
import {
  discoveryText, faultLong, faultShort, relativeTime, type DeviceRow, type OnlineState,
  type SortDir, type SortKey,
} from './device-rows';

interface Column { key: SortKey; label: string; align?: 'right'; width?: number | string; mono?: boolean }

const COLUMNS: Column[] = [
  { key: 'state', label: 'Status', width: 112 },
  { key: 'serial', label: 'Serial number', mono: true },
  { key: 'oui', label: 'OUI', mono: true, width: 80 },
  { key: 'productClass', label: 'Product class' },
  { key: 'model', label: 'Model' },
  { key: 'software', label: 'Software', mono: true },
  { key: 'ip', label: 'IP address', mono: true },
  { key: 'lastInform', label: 'Last inform', width: 110 },
  { key: 'pendingTasks', label: 'Tasks', align: 'right', width: 72 },
  { key: 'fault', label: 'Last fault' },
  { key: 'discovery', label: 'Data model', width: 230 },
];

const pulse = keyframes`
  0% { box-shadow: 0 0 0 0 currentColor; }
  70% { box-shadow: 0 0 0 5px transparent; }
  100% { box-shadow: 0 0 0 0 transparent; }
`;

const STATE_LOOK: Record<OnlineState, { label: string; color: string }> = {
  'in-session': { label: 'In session', color: 'primary.main' },
  online: { label: 'Online', color: 'success.main' },
  offline: { label: 'Offline', color: 'error.main' },
  // No evidence either way: neither green nor red.
  unknown: { label: 'Unknown', color: 'text.disabled' },
};

function StatusCell({ row }: { row: DeviceRow }) {
  const look = STATE_LOOK[row.state];
  const why = row.stateReason;
  return (
    <Tooltip title={why} placement="right" describeChild>
      <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, color: look.color }} data-testid={`device-state-${row.id}`} data-state={row.state}>
        <Box component="span" sx={{
          width: 8, height: 8, borderRadius: '50%', bgcolor: 'currentColor', flex: 'none',
          animation: row.state === 'in-session' ? `${pulse} 1.4s ease-out infinite` : undefined,
        }} />
        <Typography component="span" variant="body2" sx={{ color: row.state === 'unknown' ? 'text.secondary' : 'text.primary' }}>
          {look.label}
        </Typography>
      </Box>
    </Tooltip>
  );
}

function DiscoveryCell({ row }: { row: DeviceRow }) {
  const d = row.device.discovery;
  const text = discoveryText(d, row.device.parameterCount);
  if (d.status === 'running') {
    // Names arrive first (GetParameterNames), then values: show values/names once names are in.
    const names = d.names ?? 0;
    const values = d.values ?? 0;
    const determinate = names > 0 && values > 0;
    return (
      <Box data-testid={`device-discovery-${row.id}`} data-status="running" sx={{ minWidth: 150 }}>
        <LinearProgress variant={determinate ? 'determinate' : 'indeterminate'} value={determinate ? Math.min(100, (100 * values) / names) : undefined}
          sx={{ height: 4, borderRadius: 2, mb: 0.5 }} />
        <Typography variant="caption" color="textSecondary" sx={{ whiteSpace: 'nowrap' }}>Discovering · {text}</Typography>
      </Box>
    );
  }
  if (d.status === 'failed' || d.status === 'partial') {
    const label = d.status === 'failed' ? 'Discovery failed' : `Partial · ${text.replace(/^partial: /, '')}`;
    return (
      <Tooltip title={d.error ? `${d.status === 'failed' ? 'Discovery failed' : 'Discovery incomplete'}: ${d.error}` : label}>
        <Chip size="small" color="warning" variant="outlined" label={label} data-testid={`device-discovery-${row.id}`} data-status={d.status} />
      </Tooltip>
    );
  }
  return (
    <Typography variant="body2" color={d.status === 'done' ? 'textPrimary' : 'textSecondary'} data-testid={`device-discovery-${row.id}`} data-status={d.status}
      sx={{ whiteSpace: 'nowrap' }}>
      {d.status === 'done' ? text : 'Not discovered yet'}
    </Typography>
  );
}

const Row = memo(function Row({ row, now, selected, onToggle, onOpen }: {
  row: DeviceRow; now: number; selected: boolean; onToggle: (id: string) => void; onOpen: (id: string) => void;
}) {
  const d = row.device;
  const dash = <Typography component="span" variant="body2" color="textDisabled">—</Typography>;
  const text = (v: string, mono?: boolean) => v
    ? <Typography component="span" variant="body2" sx={{ fontFamily: mono ? MONO : undefined, fontSize: mono ? 12.5 : undefined }}>{v}</Typography>
    : dash;
  return (
    <TableRow hover selected={selected} onClick={() => onOpen(row.id)} data-testid={`device-row-${row.id}`}
      sx={{ cursor: 'pointer', '& td': { whiteSpace: 'nowrap' } }}>
      <TableCell padding="checkbox" onClick={(e: MouseEvent) => e.stopPropagation()}>
        <Checkbox size="small" checked={selected} onChange={() => onToggle(row.id)}
          slotProps={{ input: { 'aria-label': `select ${row.id}`, ...({ 'data-testid': `device-select-${row.id}` } as object) } }} />
      </TableCell>
      <TableCell><StatusCell row={row} /></TableCell>
      <TableCell>
        <Typography component="span" variant="body2" sx={{ fontFamily: MONO, fontSize: 12.5, fontWeight: 600 }}>{row.serial}</Typography>
      </TableCell>
      <TableCell>{text(row.oui, true)}</TableCell>
      <TableCell>{text(row.productClass)}</TableCell>
      <TableCell sx={{ maxWidth: 200, overflow: 'hidden', textOverflow: 'ellipsis' }}>{text(row.model)}</TableCell>
      <TableCell sx={{ maxWidth: 180, overflow: 'hidden', textOverflow: 'ellipsis' }}>{text(row.software, true)}</TableCell>
      <TableCell>{text(row.ip, true)}</TableCell>
      <TableCell>
        {d.lastInform ? (
          <Tooltip title={new Date(d.lastInform).toLocaleString()}>
            <Typography component="span" variant="body2">{relativeTime(d.lastInform, now)}</Typography>
          </Tooltip>
        ) : dash}
      </TableCell>
      <TableCell align="right">
        {row.pendingTasks > 0
          ? <Chip size="small" color="info" variant="outlined" label={row.pendingTasks} data-testid={`device-tasks-${row.id}`} sx={{ minWidth: 32 }} />
          : <Typography component="span" variant="body2" color="textDisabled" data-testid={`device-tasks-${row.id}`}>0</Typography>}
      </TableCell>
      <TableCell sx={{ maxWidth: 240 }}>
        {d.lastFault ? (
          <Tooltip title={<>{faultLong(d.lastFault)}<br />{new Date(d.lastFault.at).toLocaleString()}</>}>
            <Chip size="small" color="error" variant="outlined" label={faultShort(d.lastFault.code)}
              sx={{ maxWidth: '100%' }} data-testid={`device-fault-${row.id}`} />
          </Tooltip>
        ) : dash}
      </TableCell>
      <TableCell>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography component="span" variant="caption" data-testid={`device-model-${row.id}`}
            title={row.dataModel === 'TR-098' ? 'TR-098: InternetGatewayDevice. data model' : 'TR-181: Device:2 data model'}
            sx={{ fontFamily: MONO, color: 'text.secondary', border: 1, borderColor: 'divider', borderRadius: 1, px: 0.5, lineHeight: '18px', flex: 'none' }}>
            {row.dataModel}
          </Typography>
          <DiscoveryCell row={row} />
        </Box>
      </TableCell>
    </TableRow>
  );
});

export interface DevicesTableProps {
  rows: DeviceRow[];
  total: number;
  now: number;
  sort: { key: SortKey; dir: SortDir };
  onSort(key: SortKey): void;
  selected: ReadonlySet<string>;
  onToggle(id: string): void;
  onToggleAll(): void;
  onOpen(id: string): void;
  page: number;
  rowsPerPage: number;
  onPage(page: number): void;
  onRowsPerPage(n: number): void;
  emptyText: string;
}

export function DevicesTable(p: DevicesTableProps) {
  // After a search shrinks the list, stay on its last page rather than an empty one.
  const page = Math.min(p.page, Math.max(0, Math.ceil(p.rows.length / p.rowsPerPage) - 1));
  const start = page * p.rowsPerPage;
  const visible = p.rows.slice(start, start + p.rowsPerPage);
  const selectedHere = p.rows.filter((r) => p.selected.has(r.id)).length;
  return (
    <>
      {/* Shrinks to its rows when there are few, scrolls inside the card when there are many. */}
      <TableContainer sx={{ flex: '0 1 auto', minHeight: 0 }}>
        <Table size="small" stickyHeader aria-label="devices"
          sx={{ '& th, & td': { px: 1.25 }, '& th:first-of-type, & td:first-of-type': { pl: 1.5, pr: 0.5 } }}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <Checkbox size="small" indeterminate={selectedHere > 0 && selectedHere < p.rows.length}
                  checked={p.rows.length > 0 && selectedHere === p.rows.length} onChange={p.onToggleAll} disabled={p.rows.length === 0}
                  slotProps={{ input: { 'aria-label': 'select all shown devices', ...({ 'data-testid': 'device-select-all' } as object) } }} />
              </TableCell>
              {COLUMNS.map((c) => (
                <TableCell key={c.key} align={c.align} sx={{ width: c.width, whiteSpace: 'nowrap', fontWeight: 600 }}
                  sortDirection={p.sort.key === c.key ? p.sort.dir : false}>
                  <TableSortLabel active={p.sort.key === c.key} direction={p.sort.key === c.key ? p.sort.dir : 'asc'}
                    onClick={() => p.onSort(c.key)} data-testid={`sort-${c.key}`}>
                    {c.label}
                  </TableSortLabel>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {visible.map((row) => (
              <Row key={row.id} row={row} now={p.now} selected={p.selected.has(row.id)} onToggle={p.onToggle} onOpen={p.onOpen} />
            ))}
            {visible.length === 0 && (
              <TableRow>
                <TableCell colSpan={COLUMNS.length + 1} sx={{ py: 6, textAlign: 'center', borderBottom: 0 }}>
                  <Typography color="textSecondary" data-testid="devices-no-match">{p.emptyText}</Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination component="div" count={p.rows.length} page={page}
        rowsPerPage={p.rowsPerPage} rowsPerPageOptions={[25, 50, 100, 250]}
        onPageChange={(_e, page) => p.onPage(page)} onRowsPerPageChange={(e) => p.onRowsPerPage(Number(e.target.value))}
        labelDisplayedRows={({ from, to, count }) => `${from}–${to} of ${count}${count !== p.total ? ` (filtered from ${p.total})` : ''}`}
        sx={{ borderTop: 1, borderColor: 'divider', flex: 'none' }} />
    </>
  );
}
