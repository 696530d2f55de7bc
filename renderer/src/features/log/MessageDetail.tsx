// One message: what it means (decoded tree, faults in words, schema verdict
// with the failing line, data-model warnings) beside what was on the wire
// (start line, headers, the XML pretty or as sent).
import { Alert, Box, Button, Chip, Stack, ToggleButton, ToggleButtonGroup, Typography, useTheme } from '@mui/material';
import { useMemo, useState } from 'react';
import { explainEvent } from '../../../../shared/cwmp/events';
import type { LoggedMessage } from '../../../../shared/model/records';
import { getApi } from '../../api/window-api';
import { MONO } from '../../components/theme';
import { structSummary } from './info-text';
import { prettyLineFor, schemaLabel } from './labels';
import { rpcLabel } from './log-model';
import { findNode, prettyXml, type PrettyNode } from './pretty-xml';
import { XmlView } from './XmlView';

function NodeRow({ node, depth, selected, onSelect }: { node: PrettyNode; depth: number; selected?: string; onSelect: (n: PrettyNode) => void }) {
  const [open, setOpen] = useState(depth < 4);
  const theme = useTheme();
  const label = node.prefix ? `${node.prefix}:${node.name}` : node.name;
  const meaning = node.name === 'EventCode' ? explainEvent(node.text) : undefined;
  // Wireshark-style: a ParameterValueStruct says what it holds on its own (collapsed) line.
  const summary = structSummary(node);
  return (
    <>
      <div data-testid={`detail-node-${node.id}`} onClick={() => onSelect(node)}
        style={{ paddingLeft: depth * 14, cursor: 'pointer', whiteSpace: 'nowrap', lineHeight: '20px',
          background: selected === node.id ? theme.palette.action.selected : undefined }}>
        <span onClick={(e) => { e.stopPropagation(); setOpen(!open); }} style={{ display: 'inline-block', width: 14, color: theme.palette.text.secondary }}>
          {node.children.length ? (open ? '▾' : '▸') : ''}
        </span>
        <span style={{ color: theme.palette.primary.main }}>{label}</span>
        {node.attrs.filter(([k]) => k.endsWith(':type') || k.endsWith('arrayType')).map(([k, v]) => (
          <span key={k} style={{ color: theme.palette.text.secondary }}> {v}</span>
        ))}
        {node.text !== '' && <span> = <span style={{ color: theme.palette.secondary.main }}>{node.text}</span></span>}
        {summary !== undefined && <span data-testid="struct-summary">: <span style={{ color: theme.palette.secondary.main }}>{summary}</span></span>}
        {meaning && <span style={{ color: theme.palette.text.secondary }}> — {meaning}</span>}
      </div>
      {open && node.children.map((c) => <NodeRow key={c.id} node={c} depth={depth + 1} selected={selected} onSelect={onSelect} />)}
    </>
  );
}

export function MessageDetail({ message: shown, source }: { message: LoggedMessage; source?: string }) {
  // Bodies over the in-memory cap arrive cut; the session file has all of it (log.get).
  const [full, setFull] = useState<LoggedMessage | null>(null);
  const [loading, setLoading] = useState(false);
  const message = full ?? shown;
  const cut = !full && !!shown.note?.includes('body cut to');
  const loadFull = async () => {
    setLoading(true);
    try {
      setFull(await getApi().invoke('log.get', { sessionId: shown.sessionId, seq: shown.seq, ...(source ? { source } : {}) }));
    } finally {
      setLoading(false);
    }
  };
  const pretty = useMemo(() => prettyXml(message.body), [message.body]);
  const [selected, setSelected] = useState<string>();
  const [mode, setMode] = useState<'pretty' | 'sent'>('pretty');
  const [sentLine, setSentLine] = useState<number>();
  const node = selected ? findNode(pretty.root, selected) : undefined;
  const startLine = message.direction === 'cpe->acs' ? `${message.method ?? 'POST'} ${message.url ?? '/'} HTTP/1.1` : `HTTP/1.1 ${message.status ?? 200}`;
  const headers = Object.entries(message.headers).map(([k, v]) => `${k}: ${v}`).join('\n');
  const v = message.schema;
  const bodyLines = message.body.split('\n');
  const showSent = (line?: number) => { setMode('sent'); setSentLine(line); };
  // xmllint numbers the lines as sent; the Pretty view has its own: both are given, each opens its view.
  const [prettyLine, setPrettyLine] = useState<number>();
  const showPretty = (line: number) => { setMode('pretty'); setSelected(undefined); setPrettyLine(line); };
  const xmlText = mode === 'pretty' && pretty.root ? pretty.text : message.body;
  const highlight = mode === 'pretty'
    ? (node ? { from: node.from, to: node.to } : prettyLine ? { from: prettyLine, to: prettyLine } : null)
    : sentLine ? { from: sentLine, to: sentLine } : null;
  const schema = schemaLabel(message);

  return (
    <Box data-testid="message-detail" sx={{ display: 'grid', gridTemplateColumns: 'minmax(320px, 2fr) 3fr', height: '100%', minHeight: 0 }}>
      <Box sx={{ overflow: 'auto', p: 1.5, borderRight: 1, borderColor: 'divider', fontFamily: MONO, fontSize: 12 }}>
        <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center', fontFamily: 'inherit' }}>
          <Typography variant="subtitle2" sx={{ fontFamily: MONO }}>#{message.seq} {rpcLabel(message)}</Typography>
          {v?.verdict === 'valid' && <Chip size="small" color="success" variant="outlined" label={schema?.label} title={schema?.why} data-testid="verdict-valid" />}
          {v?.verdict === 'invalid' && <Chip size="small" color="error" label={schema?.label} title={schema?.why} data-testid="verdict-invalid" />}
          {message.redacted && <Chip size="small" variant="outlined" label="secrets redacted" />}
        </Stack>
        {schema?.why && <Typography variant="caption" component="div" color="textSecondary" sx={{ mb: 1 }} data-testid="schema-why">{schema.why}</Typography>}
        {message.note && (
          <Alert severity={message.auth === 'rejected' ? 'error' : 'info'} sx={{ mb: 1, py: 0 }} data-testid="message-note"
            action={cut ? <Button size="small" onClick={loadFull} disabled={loading} data-testid="load-full-body">Load all</Button> : undefined}>
            {message.note}
          </Alert>
        )}
        {v?.verdict === 'pending' && <Alert severity="info" sx={{ mb: 1, py: 0 }}>Schema check in progress…</Alert>}
        {v?.verdict === 'skipped' && <Alert severity="warning" sx={{ mb: 1, py: 0 }}>Not schema-checked: {v.note ?? 'the checker was overloaded'}</Alert>}
        {message.error && <Alert severity="error" sx={{ mb: 1, py: 0 }} data-testid="message-error">{message.error}</Alert>}
        {message.faultText && (
          <Alert severity="error" sx={{ mb: 1, py: 0 }} data-testid="fault-text">
            {message.faultText}
            {message.parameterFaults?.map((p) => <div key={p.parameter}><b>{p.parameter}</b>: {p.text}</div>)}
          </Alert>
        )}
        {v?.verdict === 'invalid' && (
          <Alert severity="error" sx={{ mb: 1, py: 0 }} data-testid="schema-errors">
            {v.errors?.map((e, i) => {
              const pl = e.line ? prettyLineFor(message.body, e.line, pretty.root, e.message) : undefined;
              return (
              <div key={i} data-testid="schema-error-line">
                {e.line ? (
                  <b>
                    <span style={{ cursor: 'pointer', textDecoration: 'underline dotted' }} onClick={() => showSent(e.line)} data-testid="schema-error-sent">
                      line {e.line} as sent
                    </span>
                    {pl !== undefined && <>{' · '}<span style={{ cursor: 'pointer', textDecoration: 'underline dotted' }} onClick={() => showPretty(pl)}
                      data-testid="schema-error-pretty">line {pl} in Pretty</span></>}
                    {': '}
                  </b>
                ) : null}{e.message}
                {e.line && bodyLines[e.line - 1] !== undefined && (
                  <div style={{ fontFamily: MONO, opacity: 0.8 }}>{bodyLines[e.line - 1].trim().slice(0, 200)}</div>
                )}
              </div>
              );
            })}
            {v.note && <div>{v.note}</div>}
          </Alert>
        )}
        {!!message.modelWarnings?.length && (
          <Alert severity={message.modelWarnings.some((w) => w.severity === 'warning') ? 'warning' : 'info'} sx={{ mb: 1, py: 0 }} data-testid="model-warnings">
            {message.modelWarnings.slice(0, 50).map((w, i) => <div key={i}><b>{w.path}</b>: {w.message}</div>)}
            {(message.modelWarningsOmitted ?? 0) > 0 && <div>… and {message.modelWarningsOmitted} more</div>}
          </Alert>
        )}
        {pretty.error && message.body.trim() && <Alert severity="warning" sx={{ mb: 1, py: 0 }}>Not parsed: {pretty.error}</Alert>}
        {pretty.root ? <NodeRow node={pretty.root} depth={0} selected={selected} onSelect={(n) => { setMode('pretty'); setSelected(n.id); }} />
          : !message.body.trim() && <Typography variant="body2" color="textSecondary">No body ({rpcLabel(message)}).</Typography>}
      </Box>
      <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <Box sx={{ p: 1, fontFamily: MONO, fontSize: 12, whiteSpace: 'pre-wrap', borderBottom: 1, borderColor: 'divider', maxHeight: 160, overflow: 'auto' }} data-testid="raw-headers">
          <b>{startLine}</b>{'\n'}{headers}
        </Box>
        <Stack direction="row" sx={{ px: 1, py: 0.5, alignItems: 'center', gap: 1 }}>
          <ToggleButtonGroup size="small" exclusive value={mode} onChange={(_, m) => m && setMode(m)} sx={{ '& .MuiToggleButton-root': { textTransform: 'none', py: 0.25 } }}>
            <ToggleButton value="pretty" data-testid="xml-pretty" disabled={!pretty.root}>Pretty</ToggleButton>
            <ToggleButton value="sent" data-testid="xml-sent">As sent</ToggleButton>
          </ToggleButtonGroup>
          <Typography variant="caption" color="textSecondary">Ctrl-F searches · the gutter folds</Typography>
        </Stack>
        <Box sx={{ flex: 1, minHeight: 0 }}>
          {message.body ? <XmlView text={xmlText} highlight={highlight} testid="raw-xml" /> : null}
        </Box>
      </Box>
    </Box>
  );
}
