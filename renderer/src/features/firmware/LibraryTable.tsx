// The firmware library as a table: what each file is (FileType, the vendor
// and product class it is for, the version it installs), its size and
// SHA-256, and the actions on it. Files being added show their progress at
// the top. Names and metadata are shown as text only.
import {
  Box, Button, Chip, IconButton, LinearProgress, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tooltip, Typography,
} from '@mui/material';
import { memo } from 'react';
import type { FirmwareFile } from '../../../../shared/model/transfers';
import { CopyButton } from '../../components/CopyButton';
import { MONO } from '../../components/theme';
import { getApi } from '../../api/window-api';
import { formatDateTimeLong, relativeTime } from '../../lib/format';
import { useNow, useServerClock } from '../../lib/use-now';
import { Close, Pencil, Send, Trash } from '../../components/icons';
import { formatBytes, shortFileType, shortSha } from './transfer-text';

/** A file on its way into the library. */
export interface PendingAdd { key: string; name: string; size: number; sent: number; error?: string }

const dash = <Typography component="span" variant="body2" color="textDisabled">—</Typography>;

const FileRow = memo(function FileRow({ f, active, now, onPush, onEdit, onRemove }: {
  f: FirmwareFile; active: number; now: number; onPush(f: FirmwareFile): void; onEdit(f: FirmwareFile): void; onRemove(f: FirmwareFile): void;
}) {
  const mono = (v: string | undefined) => (v
    ? <Typography component="span" variant="body2" sx={{ fontFamily: MONO, fontSize: 12.5 }}>{v}</Typography>
    : dash);
  return (
    <TableRow hover data-testid={`firmware-row-${f.id}`} sx={{ '& td': { whiteSpace: 'nowrap' } }}>
      <TableCell sx={{ maxWidth: 280 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
          <Typography variant="body2" sx={{ fontFamily: MONO, fontSize: 12.5, fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis' }}
            title={f.name} data-testid={`firmware-name-${f.id}`}>
            {f.name}
          </Typography>
          {active ? (
            <Tooltip title={`${active} transfer(s) in progress use this file: it cannot be removed until they end`}>
              <Chip size="small" color="primary" variant="outlined" label={`${active} active`} sx={{ height: 20, fontSize: 11 }} />
            </Tooltip>
          ) : null}
        </Box>
      </TableCell>
      <TableCell>
        <Tooltip title={`FileType sent with Download: ${f.fileType}`}>
          <Typography component="span" variant="body2" data-testid={`firmware-type-${f.id}`}>{shortFileType(f.fileType)}</Typography>
        </Tooltip>
      </TableCell>
      <TableCell>{mono(f.oui)}</TableCell>
      <TableCell>{f.productClass ? <Typography component="span" variant="body2">{f.productClass}</Typography> : dash}</TableCell>
      <TableCell data-testid={`firmware-version-${f.id}`}>{mono(f.version)}</TableCell>
      <TableCell align="right" title={`${f.size.toLocaleString('en-US')} bytes`}>
        <Typography component="span" variant="body2">{formatBytes(f.size)}</Typography>
      </TableCell>
      <TableCell>
        <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.25 }}>
          <Tooltip title={<Box component="span" sx={{ fontFamily: MONO, fontSize: 11, overflowWrap: 'anywhere' }}>{f.sha256}</Box>}>
            <Typography component="span" variant="body2" sx={{ fontFamily: MONO, fontSize: 12, color: 'text.secondary' }}>{shortSha(f.sha256)}…</Typography>
          </Tooltip>
          <CopyButton text={f.sha256} label="Copy SHA-256" testid={`firmware-sha-copy-${f.id}`} />
        </Box>
      </TableCell>
      <TableCell>
        <Tooltip title={formatDateTimeLong(f.added)}>
          <Typography component="span" variant="body2">{relativeTime(f.added, now)}</Typography>
        </Tooltip>
      </TableCell>
      <TableCell align="right" sx={{ pr: 1 }}>
        <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
          <Button size="small" variant="outlined" startIcon={<Send size={14} />} onClick={() => onPush(f)} data-testid={`firmware-push-${f.id}`}>
            Push…
          </Button>
          <Tooltip title="Edit details">
            <IconButton size="small" onClick={() => onEdit(f)} aria-label={`edit ${f.name}`} data-testid={`firmware-edit-${f.id}`}>
              <Pencil size={16} />
            </IconButton>
          </Tooltip>
          <Tooltip title={active ? 'In use by a transfer in progress' : 'Remove from the library'}>
            <IconButton size="small" onClick={() => onRemove(f)} aria-label={`remove ${f.name}`} data-testid={`firmware-remove-${f.id}`}>
              <Trash size={16} />
            </IconButton>
          </Tooltip>
        </Box>
      </TableCell>
    </TableRow>
  );
});

function PendingRow({ p, onDismiss }: { p: PendingAdd; onDismiss(key: string): void }) {
  const pct = p.size ? Math.floor((p.sent / p.size) * 100) : 0;
  return (
    <TableRow data-testid={`firmware-adding-${p.name}`} data-error={p.error ? 'true' : undefined}>
      <TableCell>
        <Typography variant="body2" sx={{ fontFamily: MONO, fontSize: 12.5, fontWeight: 600 }}>{p.name}</Typography>
      </TableCell>
      <TableCell colSpan={7}>
        {p.error ? (
          <Typography variant="body2" color="error">Not added: {p.error}</Typography>
        ) : (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
            <LinearProgress variant="determinate" value={pct} sx={{ flex: 1, maxWidth: 420, height: 6, borderRadius: 3 }} />
            <Typography variant="caption" color="textSecondary">
              Adding · {formatBytes(p.sent)} of {formatBytes(p.size)} · SHA-256 is computed as it arrives
            </Typography>
          </Box>
        )}
      </TableCell>
      <TableCell align="right">
        {p.error ? (
          <IconButton size="small" onClick={() => onDismiss(p.key)} aria-label="dismiss"><Close size={16} /></IconButton>
        ) : null}
      </TableCell>
    </TableRow>
  );
}

export function LibraryTable({ files, pending, activeByFile, onPush, onEdit, onRemove, onDismiss }: {
  files: FirmwareFile[];
  pending: PendingAdd[];
  activeByFile: ReadonlyMap<string, number>;
  /** Ignored: the table reads the one clock itself (a parent's 30 s clock showed a file added 6 s ago as "in 6 s"). */
  now?: number;
  onPush(f: FirmwareFile): void;
  onEdit(f: FirmwareFile): void;
  onRemove(f: FirmwareFile): void;
  onDismiss(key: string): void;
}) {
  const now = useNow();
  useServerClock(getApi);
  const head = ['Name', 'File type', 'OUI', 'Product class', 'Version', 'Size', 'SHA-256', 'Added', ''];
  return (
    <TableContainer>
      <Table size="small" aria-label="firmware library" sx={{ '& th, & td': { px: 1.25 }, '& th:first-of-type, & td:first-of-type': { pl: 2 } }}>
        <TableHead>
          <TableRow>
            {head.map((h, i) => (
              <TableCell key={h || i} align={h === 'Size' ? 'right' : undefined} sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{h}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {pending.map((p) => <PendingRow key={p.key} p={p} onDismiss={onDismiss} />)}
          {files.map((f) => (
            <FileRow key={f.id} f={f} active={activeByFile.get(f.id) ?? 0} now={now} onPush={onPush} onEdit={onEdit} onRemove={onRemove} />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
