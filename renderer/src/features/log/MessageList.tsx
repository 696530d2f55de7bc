// The message list: a hand-rolled fixed-height virtual list (only the visible
// rows exist in the DOM), plain elements per row so thousands of live rows
// scroll smoothly. Follows the tail while the user is at the bottom.
import { Box, useTheme } from '@mui/material';
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import type { LoggedMessage } from '../../../../shared/model/records';
import { MONO } from '../../components/theme';
import { cachedInfo } from './info-text';
import { deviceParts, deviceTitle, isBad as badRow, rowDevice, serialInBody } from './labels';
import { formatDelta, formatSize, formatTime, rpcLabel } from './log-model';

const ROW = 24;
const OVERSCAN = 12;

export const COLUMNS: { key: string; label: string; width: number | string }[] = [
  { key: 'seq', label: '#', width: 56 },
  { key: 'time', label: 'Time', width: 100 },
  { key: 'delta', label: 'Δ', width: 72 },
  { key: 'device', label: 'Device', width: 150 },
  { key: 'session', label: 'Session', width: 100 },
  { key: 'dir', label: 'Dir', width: 52 },
  { key: 'status', label: 'HTTP', width: 46 },
  { key: 'id', label: 'cwmp:ID', width: 90 },
  { key: 'rpc', label: 'RPC', width: 'minmax(180px, 1fr)' },
  // Wireshark's Info: what the message says, in one line (info-text.ts).
  { key: 'info', label: 'Info', width: 'minmax(200px, 2fr)' },
  { key: 'fault', label: 'Fault', width: 52 },
  { key: 'size', label: 'Size', width: 76 },
  { key: 'schema', label: 'Schema', width: 68 },
];
const GRID = COLUMNS.map((c) => (typeof c.width === 'number' ? `${c.width}px` : c.width)).join(' ');

function verdictText(m: LoggedMessage): string {
  const v = m.schema?.verdict;
  if (!v) return m.body.startsWith('<') ? '…' : '';
  return v === 'n/a' ? '' : v;
}

/**
 * The serial in full (it tells devices apart; OUI and ProductClass are on
 * hover). A device only claimed by a refused request is marked as such: it
 * was not authenticated.
 */
function DeviceCell({ m, serials, muted }: { m: LoggedMessage; serials?: ReadonlyMap<string, string>; muted: string }) {
  const dev = rowDevice(m);
  if (!dev) return <div style={{ padding: '0 6px' }}>—</div>;
  const parts = deviceParts(dev.id, serials?.get(dev.id) ?? (dev.claimed ? serialInBody(m.body) : undefined));
  return (
    <div title={deviceTitle(dev.id, parts, dev.claimed)} data-testid="log-row-device" data-device={dev.id} data-claimed={dev.claimed ? 'true' : undefined}
      style={{ display: 'flex', minWidth: 0, padding: '0 6px', whiteSpace: 'nowrap' }}>
      <span style={{ flex: 'none', fontStyle: dev.claimed ? 'italic' : undefined }}>{parts.serial}</span>
      {dev.claimed && <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0, color: muted }}>&nbsp;not authenticated</span>}
    </div>
  );
}

export function MessageList(props: {
  messages: LoggedMessage[];
  deltas: Map<number, number>;
  selected?: number;
  onSelect: (m: LoggedMessage) => void;
  /** SerialNumber by device key (devices not known, e.g. in an imported bundle, are cut at their last '-'). */
  serials?: ReadonlyMap<string, string>;
}) {
  const { messages, deltas, selected, onSelect, serials } = props;
  const theme = useTheme();
  const scroller = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(400);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // Follow the tail while the user is at the bottom (like Wireshark's auto-scroll).
  useEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
  const last = Math.min(messages.length, Math.ceil((top + height) / ROW) + OVERSCAN);
  const rows = messages.slice(first, last);
  const bad = theme.palette.error.main;
  const warn = theme.palette.warning.main;

  const move = (delta: number) => {
    const idx = messages.findIndex((m) => m.seq === selected);
    const next = messages[Math.min(messages.length - 1, Math.max(0, (idx < 0 ? messages.length : idx) + delta))];
    if (!next) return;
    onSelect(next);
    const el = scroller.current;
    const i = messages.indexOf(next);
    if (el && (i * ROW < el.scrollTop || (i + 1) * ROW > el.scrollTop + el.clientHeight)) el.scrollTop = i * ROW - el.clientHeight / 2;
  };

  const cell: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', padding: '0 6px' };
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, fontFamily: MONO, fontSize: 12 }}>
      <div style={{ display: 'grid', gridTemplateColumns: GRID, fontWeight: 600, borderBottom: `1px solid ${theme.palette.divider}`,
        background: theme.palette.background.paper, lineHeight: `${ROW}px`, fontFamily: theme.typography.fontFamily, paddingRight: 12 }}>
        {COLUMNS.map((c) => <div key={c.key} style={cell}>{c.label}</div>)}
      </div>
      <div ref={scroller} data-testid="log-list" tabIndex={0} role="grid" aria-rowcount={messages.length}
        style={{ flex: 1, minHeight: 0, overflowY: 'auto', position: 'relative', outline: 'none' }}
        onScroll={(e) => {
          const el = e.currentTarget;
          setTop(el.scrollTop);
          stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW;
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); move(1); }
          if (e.key === 'ArrowUp') { e.preventDefault(); move(-1); }
        }}>
        <div style={{ height: messages.length * ROW, position: 'relative' }}>
          {rows.map((m, i) => {
            const isSel = m.seq === selected;
            const fromCpe = m.direction === 'cpe->acs';
            const isBad = badRow(m);
            const info = cachedInfo(m);
            const invalid = m.schema?.verdict === 'invalid';
            const warned = m.modelWarnings?.some((w) => w.severity === 'warning');
            return (
              <div key={m.seq} role="row" data-testid={`log-row-${m.seq}`} data-rpc={m.rpc ?? ''} data-verdict={m.schema?.verdict ?? ''}
                data-auth={m.auth ?? ''} data-bad={isBad ? 'true' : undefined}
                onClick={() => onSelect(m)}
                style={{
                  position: 'absolute', top: (first + i) * ROW, left: 0, right: 0, height: ROW, lineHeight: `${ROW}px`,
                  display: 'grid', gridTemplateColumns: GRID, cursor: 'pointer',
                  background: isSel ? theme.palette.action.selected : isBad ? `${bad}14` : undefined,
                  color: isBad ? bad : undefined, borderBottom: `1px solid ${theme.palette.divider}40`,
                }}>
                <div style={cell}>{m.seq}</div>
                <div style={cell} title={m.time}>{formatTime(m.time)}</div>
                <div style={cell}>{formatDelta(deltas.get(m.seq))}</div>
                <DeviceCell m={m} serials={serials} muted={theme.palette.text.secondary} />
                <div style={cell} title={m.sessionId}>{m.sessionId}</div>
                <div style={{ ...cell, color: fromCpe ? theme.palette.secondary.main : theme.palette.primary.main }}>{fromCpe ? 'CPE→' : '←ACS'}</div>
                <div style={cell}>{m.status ?? (fromCpe ? m.method ?? '' : '')}</div>
                <div style={cell} title={m.cwmpId}>{m.cwmpId ?? ''}</div>
                <div style={{ ...cell, fontWeight: 600 }} title={m.note ?? m.error}>
                  {rpcLabel(m)}{warned ? <span style={{ color: warn }} title="data-model warnings"> ▲</span> : null}
                </div>
                <div style={{ ...cell, fontWeight: 400 }} title={info} data-testid="log-row-info">{info}</div>
                <div style={cell} title={m.faultText}>{m.faultCode ?? ''}</div>
                <div style={{ ...cell, textAlign: 'right' }}>{formatSize(m.size)}</div>
                <div style={{ ...cell, color: invalid ? bad : undefined, fontWeight: invalid ? 700 : undefined }}>{verdictText(m)}</div>
              </div>
            );
          })}
        </div>
      </div>
    </Box>
  );
}
