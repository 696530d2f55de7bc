// The selected node in full: path, value, type, access, last update,
// attributes, and what the official BBF model says about it (description,
// units, range, enumeration, default). Actions for the node live here too,
// reachable without hovering a row.
import { Box, Button, Chip, Divider, Typography } from '@mui/material';
import { useContext, type ReactNode } from 'react';
import type { ModelDescription } from '../../../../shared/model/records';
import { MONO } from '../../components/theme';
import { AttributesSection } from './AttributesSection';
import type { EditState } from './edit-state';
import { formatDateTimeLong, relativeTime } from '../../lib/format';
import { Copy, Pencil, Plus, Refresh, Trash } from '../../components/icons';
import { TreeActionsContext } from './tree-context';
import type { TreeNode } from './tree-model';
import { useModelDescription } from './use-model-describe';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', gap: 1.5, py: 0.4, alignItems: 'baseline' }}>
      <Typography variant="caption" sx={{ color: 'text.secondary', flex: '0 0 92px' }}>{label}</Typography>
      <Box sx={{ flex: 1, minWidth: 0, fontSize: 13, overflowWrap: 'anywhere' }}>{children}</Box>
    </Box>
  );
}

/** A long path wraps after its dots rather than mid-name. */
function breakAtDots(path: string): ReactNode {
  const parts = path.split('.');
  return parts.map((p, i) => (i < parts.length - 1 ? <span key={i}>{p}.<wbr /></span> : <span key={i}>{p}</span>));
}

function allowed(desc: ModelDescription): string | undefined {
  const parts: string[] = [];
  if (desc.ranges?.length) parts.push(desc.ranges.map((r) => `${r.min ?? '…'} to ${r.max ?? '…'}${r.step ? ` (step ${r.step})` : ''}`).join(' or '));
  if (desc.minLength !== undefined || desc.maxLength !== undefined) {
    parts.push(desc.minLength ? `${desc.minLength} to ${desc.maxLength ?? '…'} characters` : `at most ${desc.maxLength} characters`);
  }
  if (desc.list) parts.push(`comma-separated list of ${desc.itemType ?? 'string'}`);
  if (desc.pattern?.length && !desc.enumeration?.length) parts.push(`format ${desc.pattern.join(' or ')}`);
  return parts.length ? parts.join('; ') : undefined;
}

export function DetailsPane({ deviceId, node, state }: { deviceId: string; node: TreeNode | undefined; state: EditState | undefined }) {
  const act = useContext(TreeActionsContext);
  const desc = useModelDescription(deviceId, node?.id);
  if (!node) {
    return (
      <Box data-testid="details-pane" sx={{ p: 2, color: 'text.secondary', fontSize: 13 }}>
        Select a parameter or object to see its value, what the data model says about it, and its attributes.
        <Box component="ul" sx={{ pl: 2.5, mt: 1.5, mb: 0, '& li': { mb: 0.5 } }}>
          <li>Arrow keys move and open, Enter edits a writable value, Escape cancels.</li>
          <li>Search finds a path or a value anywhere in the stored tree.</li>
        </Box>
      </Box>
    );
  }
  const r = node.rec;
  const isTable = node.kind === 'table';
  const isInstance = node.kind === 'instance';
  return (
    <Box data-testid="details-pane" data-path={r.path} sx={{ p: 1.5, overflow: 'auto', height: '100%', boxSizing: 'border-box' }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
        <Typography sx={{ fontFamily: MONO, fontSize: 12.5, fontWeight: 600, flex: 1, overflowWrap: 'anywhere' }} data-testid="details-path">
          {breakAtDots(r.path)}
        </Typography>
        <Chip size="small" label={r.object ? (isTable ? 'table' : isInstance ? 'instance' : 'object') : r.type ?? 'unknown type'} variant="outlined" />
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mt: 1 }}>
        {!r.object && r.writable ? (
          <Button size="small" variant="contained" startIcon={<Pencil size={14} />} onClick={() => act.startEdit(r.path)} data-testid="details-edit">Edit</Button>
        ) : null}
        {isTable && (r.writable || desc?.creatable) ? (
          <Button size="small" variant="outlined" startIcon={<Plus size={15} />} onClick={() => act.addInstance(r.path)}>Add instance</Button>
        ) : null}
        {isInstance && (r.writable || desc?.creatable) ? (
          <Button size="small" variant="outlined" color="error" startIcon={<Trash size={14} />} onClick={() => act.deleteInstance(r.path)}>Delete</Button>
        ) : null}
        {r.object ? <Button size="small" startIcon={<Refresh size={15} />} onClick={() => act.refreshSubtree(r.path)}>Refresh subtree</Button> : null}
        <Button size="small" startIcon={<Copy size={14} />} onClick={() => act.copy(r.path, 'path')} data-testid="copy-path">Copy path</Button>
        {!r.object ? <Button size="small" startIcon={<Copy size={14} />} onClick={() => act.copy(r.value ?? '', 'value')} data-testid="copy-value">Copy value</Button> : null}
      </Box>
      <Divider sx={{ my: 1 }} />
      {!r.object ? (
        <Row label="Value">
          <Box component="span" sx={{ fontFamily: MONO, fontSize: 12.5, whiteSpace: 'pre-wrap', userSelect: 'text' }} data-testid="details-value">
            {r.value === undefined ? <em>not read yet</em> : r.value === '' ? <em>empty</em> : r.value}
          </Box>
          {state?.pending ? <Box sx={{ color: 'warning.main', fontSize: 12, mt: 0.25 }}>{state.pending.label}{state.pending.value !== undefined ? ` → ${state.pending.value}` : ''}</Box> : null}
          {state?.failure ? <Box sx={{ color: 'error.main', fontSize: 12, mt: 0.25 }}>{state.failure.text}</Box> : null}
        </Row>
      ) : (
        <Row label="Contents">{node.count === undefined ? 'not loaded yet (open it in the tree)' : `${node.count} ${node.count === 1 ? 'child' : 'children'}`}</Row>
      )}
      <Row label="Access">
        {r.object
          ? (isTable ? (r.writable ? 'instances can be added (AddObject)' : 'fixed table') : isInstance ? (r.writable ? 'can be deleted (DeleteObject)' : 'fixed instance') : 'object')
          : r.writable === true ? 'writable' : r.writable === false ? 'read-only' : 'unknown'}
      </Row>
      <Row label="Last update">{r.updated ? <span title={formatDateTimeLong(r.updated)}>{formatDateTimeLong(r.updated)} ({relativeTime(r.updated)})</span> : '—'}</Row>
      <Divider sx={{ my: 1 }} />
      <Typography variant="overline" sx={{ color: 'text.secondary', lineHeight: 2 }}>Data model</Typography>
      {desc === undefined ? <Typography variant="body2" color="textSecondary">Looking it up…</Typography> : desc === null ? (
        <Typography variant="body2" color="textSecondary">Not in the official model (a vendor extension or an unknown name).</Typography>
      ) : (
        <Box data-testid="details-model">
          <Row label="Definition"><Box component="span" sx={{ fontFamily: MONO, fontSize: 12 }}>{desc.genericPath}</Box> <Box component="span" sx={{ color: 'text.secondary', fontSize: 12 }}>({desc.spec})</Box></Row>
          {!desc.object ? <Row label="Model type">{desc.type}{desc.dataType ? ` (${desc.dataType})` : ''}{desc.writable ? ', read-write' : ', read-only'}</Row> : null}
          {desc.object && desc.multiInstance ? <Row label="Table">{desc.creatable ? 'instances may be added and deleted' : 'instances are fixed by the device'}</Row> : null}
          {allowed(desc) ? <Row label="Allowed">{allowed(desc)}</Row> : null}
          {desc.enumeration?.length ? (
            <Row label="Values">
              <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
                {desc.enumeration.slice(0, 40).map((e) => <Chip key={e} label={e} size="small" sx={{ fontSize: 11, height: 20 }} />)}
                {desc.enumeration.length > 40 ? <span>…</span> : null}
              </Box>
            </Row>
          ) : null}
          {desc.units ? <Row label="Units">{desc.units}</Row> : null}
          {desc.defaultValue !== undefined ? <Row label="Default"><Box component="span" sx={{ fontFamily: MONO, fontSize: 12 }}>{desc.defaultValue === '' ? '(empty)' : desc.defaultValue}</Box></Row> : null}
          {desc.status && desc.status !== 'current' ? <Row label="Status">{desc.status}</Row> : null}
          {desc.description ? (
            <Typography variant="body2" sx={{ mt: 1, color: 'text.secondary', fontSize: 12.5, lineHeight: 1.5 }} data-testid="details-description">
              {desc.description}
            </Typography>
          ) : null}
        </Box>
      )}
      <Divider sx={{ my: 1 }} />
      <Typography variant="overline" sx={{ color: 'text.secondary', lineHeight: 2 }}>Attributes</Typography>
      <AttributesSection deviceId={deviceId} rec={r} />
    </Box>
  );
}
