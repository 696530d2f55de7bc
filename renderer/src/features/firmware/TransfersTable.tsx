// Transfer records, live: state, progress from bytes served, the CPE's own
// start/complete times (TransferComplete, A.3.3.2), SoftwareVersion before →
// after, and the outcome in words — the fault explained (A.5.1), for an
// 'unknown' ending the evidence the workbench collected, and for a 'disputed'
// one (the CPE claimed success the file server did not see) both sides, in
// the warning colour. Used on the firmware screen (all devices) and the
// device page (one device).
import {
  Box, Button, Chip, LinearProgress, Link, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tooltip, Typography,
} from '@mui/material';
import { memo, useState, type ReactNode } from 'react';
import type { TransferRecord } from '../../../../shared/model/transfers';
import { routeHref } from '../../lib/route';
import { MONO } from '../../components/theme';
import { formatDateTimeLong, formatTime } from '../../lib/format';
import { cancellable, completedAt, cpeTime, isFinal, progressOf, STATE_LOOK, startedAt, transferWhat } from './transfer-text';

/** Started / completed, one under the other; every time known in the tooltip. */
function TimesCell({ t }: { t: TransferRecord }) {
  const lines: [string, string | undefined][] = [
    ['Requested', t.created], ['Accepted by the CPE', t.sentAt], ['CPE started', cpeTime(t.startTime)],
    ['CPE completed', cpeTime(t.completeTime)], ['Outcome learnt', t.finished],
  ];
  const title = lines.filter(([, v]) => v).map(([k, v]) => `${k}: ${formatDateTimeLong(v)}`).join('\n');
  const line = (label: string, iso: string | undefined, testid: string) => (
    <Box sx={{ display: 'flex', gap: 0.75, whiteSpace: 'nowrap' }}>
      <Typography component="span" variant="caption" color="textSecondary" sx={{ width: 58 }}>{label}</Typography>
      <Typography component="span" variant="body2" data-testid={testid} color={iso ? 'textPrimary' : 'textDisabled'}>{iso ? formatTime(iso) : '—'}</Typography>
    </Box>
  );
  // The CPE's own start time once TransferComplete says it; before that, when it accepted (or was asked).
  const first = cpeTime(t.startTime) ? 'started' : t.sentAt ? 'accepted' : 'requested';
  return (
    <Tooltip title={<Box component="span" sx={{ whiteSpace: 'pre-line' }}>{title}</Box>} placement="left">
      <Box>
        {line(first, startedAt(t) ?? t.created, `transfer-started-${t.id}`)}
        {line('completed', completedAt(t), `transfer-completed-${t.id}`)}
      </Box>
    </Tooltip>
  );
}

function Evidence({ t }: { t: TransferRecord }) {
  const e = t.evidence;
  if (!e) return null;
  const item = (ok: boolean, yes: string, no: string) => (
    <Chip size="small" variant="outlined" color={ok ? 'success' : 'default'} label={ok ? yes : no} sx={{ height: 20, fontSize: 11 }} />
  );
  return (
    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 0.5 }} data-testid={`transfer-evidence-${t.id}`}>
      {t.kind !== 'Upload' ? item(e.fullyServed, 'fully served', e.bytesServed ? 'partly served' : 'never fetched') : null}
      {item(!!e.rebootedAt, 'rebooted', 'no reboot seen')}
      {t.kind !== 'Upload' ? item(e.softwareVersionChanged, 'version changed', 'version unchanged') : null}
    </Box>
  );
}

function Outcome({ t }: { t: TransferRecord }) {
  const failedText = t.state === 'failed' ? (t.fault?.explanation ?? t.error) : undefined;
  const parts: ReactNode[] = [];
  if (t.state === 'disputed') {
    parts.push(
      <Box key="summary" data-testid={`transfer-disputed-${t.id}`}
        sx={{ p: 0.75, borderRadius: 1, bgcolor: 'action.hover', borderLeft: 3, borderColor: 'warning.main' }}>
        <Typography sx={{ fontSize: 12.5, color: 'warning.main', overflowWrap: 'anywhere' }} data-testid={`transfer-summary-${t.id}`}>{t.summary}</Typography>
      </Box>,
    );
  } else if (failedText) {
    parts.push(
      <Box key="fault" data-testid={`transfer-fault-${t.id}`}
        sx={{ p: 0.75, borderRadius: 1, bgcolor: 'action.hover', borderLeft: 3, borderColor: 'error.main' }}>
        <Typography sx={{ fontSize: 12.5, color: 'error.main', overflowWrap: 'anywhere' }}>{failedText}</Typography>
      </Box>,
    );
  } else {
    parts.push(
      <Typography key="summary" sx={{ fontSize: 12.5, overflowWrap: 'anywhere' }} color={t.state === 'succeeded' ? 'textPrimary' : 'textSecondary'}
        data-testid={`transfer-summary-${t.id}`}>
        {t.summary}
      </Typography>,
    );
  }
  if (t.state === 'unknown' || t.state === 'disputed') parts.push(<Evidence key="evidence" t={t} />);
  // Reboots seen while a transfer is still pending may belong to another one: said once it has ended.
  else if (t.evidence?.rebootedAt && t.kind !== 'Upload' && isFinal(t)) {
    parts.push(
      <Typography key="reboot" sx={{ fontSize: 11.5, color: 'text.secondary', mt: 0.25 }} data-testid={`transfer-reboot-${t.id}`}
        title={formatDateTimeLong(t.evidence.rebootedAt)}>
        {/* The backend notes the first Inform with 1 BOOT, or with M Download for this CommandKey (no reboot then). */}
        {t.evidence.bootEvents?.includes('1 BOOT') ? 'Rebooted' : 'No reboot; reported in an Inform at'} {formatTime(t.evidence.rebootedAt)}
        {t.evidence.bootEvents?.length ? ` (${t.evidence.bootEvents.join(', ')})` : ''}
      </Typography>,
    );
  }
  if (t.warnings?.length && !['succeeded'].includes(t.state)) {
    parts.push(
      <Typography key="warn" sx={{ fontSize: 11.5, color: 'warning.main', mt: 0.25 }}>Warned before pushing: {t.warnings.join('; ')}</Typography>,
    );
  }
  if (!failedText && t.error && t.state !== 'cancelled') {
    parts.push(<Typography key="error" sx={{ fontSize: 11.5, color: 'warning.main', mt: 0.25 }}>{t.error}</Typography>);
  }
  if (t.cancelTaskId && !['cancelled', 'succeeded', 'failed'].includes(t.state)) {
    parts.push(<Typography key="cancel" sx={{ fontSize: 11.5, color: 'text.secondary', mt: 0.25 }}>CancelTransfer sent</Typography>);
  }
  return <>{parts}</>;
}

function ProgressCell({ t }: { t: TransferRecord }) {
  const p = progressOf(t);
  if (!p) return <Typography component="span" variant="body2" color="textDisabled">—</Typography>;
  return (
    <Box sx={{ minWidth: 110 }}>
      <LinearProgress variant={p.value === undefined ? 'indeterminate' : 'determinate'} value={p.value} color={p.color === 'inherit' ? 'primary' : p.color}
        data-testid={`transfer-progress-${t.id}`} data-bytes={t.bytesServed} data-size={t.size ?? 0}
        aria-label={`progress of ${transferWhat(t).title}`} sx={{ height: 6, borderRadius: 3 }} />
      <Typography variant="caption" color="textSecondary" sx={{ whiteSpace: 'nowrap' }}>{p.text}</Typography>
    </Box>
  );
}

function Versions({ t }: { t: TransferRecord }) {
  const before = t.softwareVersionBefore;
  // While it runs, "after" is only what the device runs now (another transfer may have changed it).
  const after = isFinal(t) ? t.softwareVersionAfter : undefined;
  if (t.kind === 'Upload' || (!before && !after)) return <Typography component="span" variant="body2" color="textDisabled">—</Typography>;
  const changed = before !== undefined && after !== undefined && before !== after;
  // Long version strings wrap before the arrow, never inside a version.
  return (
    <Typography component="span" variant="body2" sx={{ fontFamily: MONO, fontSize: 12 }} data-testid={`transfer-version-${t.id}`}>
      <Box component="span" sx={{ whiteSpace: 'nowrap' }}>{before ?? '?'}</Box>
      {after !== undefined ? (
        <>{' '}<Box component="span" sx={{ whiteSpace: 'nowrap' }}>→ <Box component="span" sx={{ fontWeight: 700, color: changed ? 'success.main' : 'text.primary' }}>{after}</Box></Box></>
      ) : null}
    </Typography>
  );
}

const Row = memo(function Row({ t, showDevice, onCancel }: { t: TransferRecord; showDevice: boolean; onCancel(t: TransferRecord): void }) {
  const look = STATE_LOOK[t.state];
  const what = transferWhat(t);
  return (
    <TableRow data-testid={`transfer-row-${t.id}`} data-state={t.state} data-kind={t.kind} sx={{ verticalAlign: 'top', '& td': { py: 1 } }}>
      <TableCell>
        <Tooltip title={look.hint}>
          <Chip size="small" label={look.label} color={look.color} variant={t.state === 'cancelled' || t.state === 'waiting' ? 'outlined' : 'filled'}
            data-testid={`transfer-state-${t.id}`} sx={{ height: 22, fontSize: 11.5, fontWeight: 600, minWidth: 84 }} />
        </Tooltip>
        {cancellable(t) ? (
          <Box>
            <Button size="small" color="inherit" onClick={() => onCancel(t)} data-testid={`transfer-cancel-${t.id}`}
              sx={{ minWidth: 0, px: 0.75, py: 0, mt: 0.5, fontSize: 12, color: 'text.secondary' }}>
              Cancel
            </Button>
          </Box>
        ) : null}
      </TableCell>
      {showDevice ? (
        <TableCell>
          <Link href={routeHref({ page: 'device', id: t.deviceId })} underline="hover" sx={{ fontFamily: MONO, fontSize: 12.5, whiteSpace: 'nowrap' }}>
            {t.deviceId}
          </Link>
        </TableCell>
      ) : null}
      <TableCell sx={{ maxWidth: 210 }}>
        <Typography variant="body2" sx={{ fontFamily: MONO, fontSize: 12.5, fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
          title={what.title}>
          {what.title}
        </Typography>
        <Typography variant="caption" color="textSecondary" sx={{ whiteSpace: 'nowrap' }}>{what.sub}</Typography>
      </TableCell>
      <TableCell><ProgressCell t={t} /></TableCell>
      <TableCell><TimesCell t={t} /></TableCell>
      <TableCell sx={{ maxWidth: 190 }}><Versions t={t} /></TableCell>
      <TableCell sx={{ minWidth: 220, maxWidth: 460 }}><Outcome t={t} /></TableCell>
    </TableRow>
  );
});

const SHOWN = 100;

export function TransfersTable({ transfers, showDevice, onCancel, empty }: {
  transfers: TransferRecord[]; showDevice: boolean; onCancel(t: TransferRecord): void; empty: ReactNode;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? transfers : transfers.slice(0, SHOWN);
  const head = ['State', ...(showDevice ? ['Device'] : []), 'File', 'Progress', 'Time', 'SoftwareVersion', 'Outcome'];
  if (transfers.length === 0) return <Box sx={{ px: 2, py: 3 }}>{empty}</Box>;
  return (
    <TableContainer>
      <Table size="small" aria-label="transfers" sx={{ '& th, & td': { px: 1.25 }, '& th:first-of-type, & td:first-of-type': { pl: 2 } }}>
        <TableHead>
          <TableRow>
            {head.map((h, i) => <TableCell key={h || i} sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{h}</TableCell>)}
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((t) => <Row key={t.id} t={t} showDevice={showDevice} onCancel={onCancel} />)}
        </TableBody>
      </Table>
      {!all && transfers.length > SHOWN ? (
        <Button fullWidth size="small" onClick={() => setAll(true)}>Show all {transfers.length} transfers</Button>
      ) : null}
    </TableContainer>
  );
}
