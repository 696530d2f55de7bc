// One row of the data-model tree. Rows stay light: plain
// elements, class names from param-tree.css, inline SVG icons, native
// tooltips; no MUI component per row, so a 100,000-row tree scrolls at frame
// rate. Values are React text, never HTML.
import { memo, useContext, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { NodeRendererProps, RowRendererProps } from 'react-arborist';
import { formatDateTimeLong } from '../../lib/format';
import { ChevronDown, ChevronRight, Copy, Folder, Lock, Pencil, Plus, Refresh, Table, Trash } from '../../components/icons';
import { notificationLabel } from './task-text';
import { TreeActionsContext, TreeViewContext } from './tree-context';
import type { ParameterRecord } from '../../../../shared/model/records';
import { nodeName, type ParamTreeCache, type TreeNode } from './tree-model';
import { ValueEditor } from './ValueEditor';

export const ROW_HEIGHT = 28;
/** Toggle + kind icon before the name. */
const LEAD = 36;

/** The row container: react-arborist's attributes plus our test ids and keyboard (Enter edits). */
/** What a row shows of a record (visible rows only: a few dozen small objects per frame at most). */
function nodeOf(cache: ParamTreeCache | undefined, rec: ParameterRecord): TreeNode {
  return {
    id: rec.path, name: nodeName(rec.path), rec,
    kind: cache ? cache.kindOf(rec) : rec.object ? 'object' : 'parameter', count: cache?.childCount(rec.path),
  };
}

export function TreeRowContainer({ node, attrs, innerRef, children }: RowRendererProps<ParameterRecord>) {
  const view = useContext(TreeViewContext);
  const act = useContext(TreeActionsContext);
  const d = { id: node.data.path, rec: node.data };
  const editing = view.editing === d.id;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      if (d.rec.object) node.toggle();
      else if (d.rec.writable) act.startEdit(d.id);
    }
  };
  return (
    <div {...attrs} ref={innerRef} data-testid={`tree-row-${d.id}`} data-path={d.id}
      className={`pt-row${node.isSelected ? ' selected' : ''}${editing ? ' editing' : ''}`}
      onFocus={(e) => e.stopPropagation()} onClick={node.handleClick} onKeyDown={onKeyDown}
      onDoubleClick={() => { if (!d.rec.object && d.rec.writable) act.startEdit(d.id); }}>
      {children}
    </div>
  );
}

function stop(fn: () => void) {
  return (e: MouseEvent) => { e.stopPropagation(); fn(); };
}

function valueCell(d: TreeNode): { text: string; cls: string; title?: string } {
  const r = d.rec;
  if (r.object) {
    if (d.kind === 'table' && d.count !== undefined) return { text: `${d.count} ${d.count === 1 ? 'entry' : 'entries'}`, cls: 'pt-value muted' };
    return { text: '', cls: 'pt-value' };
  }
  if (r.value === undefined) return { text: 'not read yet', cls: 'pt-value muted', title: 'The value has not been read from the device yet' };
  if (r.value === '') return { text: 'empty', cls: 'pt-value muted italic', title: 'Empty string' };
  return { text: r.value, cls: 'pt-value' };
}

function tooltip(d: TreeNode): string {
  const r = d.rec;
  const lines = [r.path];
  if (!r.object) lines.push(`${r.type ?? 'type unknown'}, ${r.writable === true ? 'writable' : r.writable === false ? 'read-only' : 'access unknown'}`);
  if (r.updated) lines.push(`last update ${formatDateTimeLong(r.updated)}`);
  if (r.notification !== undefined) lines.push(`notification ${notificationLabel(r.notification)}`);
  return lines.join('\n');
}

export const TreeNodeRow = memo(function TreeNodeRow({ node, style }: NodeRendererProps<ParameterRecord>) {
  const view = useContext(TreeViewContext);
  const act = useContext(TreeActionsContext);
  const d = nodeOf(view.cache, node.data);
  const r = d.rec;
  const indent = typeof style.paddingLeft === 'number' ? style.paddingLeft : 0;
  const editing = view.editing === d.id;
  const st = view.states.get(d.id);
  const v = valueCell(d);
  const isTable = d.kind === 'table';
  const isInstance = d.kind === 'instance';
  // Row buttons exist only where they can be used (pointer over the row, or the selected row):
  // rows mounted while scrolling stay a handful of elements.
  // By path: react-window keeps a row component per index, and the node at an index changes when
  // objects above it open or close.
  const [hover, setHover] = useState<string | undefined>(undefined);
  const showActions = (hover === d.id || node.isSelected) && !editing;
  return (
    // The tooltip is built on hover, not per render: formatting a date for every row mounted while
    // scrolling costs more than the rest of the row.
    <div className="pt-node" style={style} onMouseLeave={() => setHover(undefined)}
      onMouseEnter={(e) => { setHover(d.id); e.currentTarget.title = editing ? '' : tooltip(d); }}>
      {r.object ? (
        <span className="pt-toggle" data-testid={`tree-toggle-${d.id}`} onClick={stop(() => node.toggle())}
          role="button" aria-label={node.isOpen ? 'collapse' : 'expand'}>
          {view.loading.has(d.id) ? <span className="pt-spinner" /> : node.isOpen ? <ChevronDown /> : <ChevronRight />}
        </span>
      ) : <span className="pt-toggle" />}
      <span className={`pt-kind pt-kind-${d.kind}`}>
        {d.kind === 'parameter' ? <span className="pt-dot" /> : isTable ? <Table size={14} /> : <Folder size={14} />}
      </span>
      <span className={`pt-name${r.object ? ' obj' : ''}`} style={{ width: Math.max(90, view.valueColumn - indent - LEAD) }}>
        {d.name}
      </span>
      {editing && !r.object ? <ValueEditor rec={r} /> : (
        <span className={v.cls} data-testid={`tree-value-${d.id}`} title={v.title}>{v.text}</span>
      )}
      {st?.pending ? (
        <span className="pt-badge pending" data-testid={`tree-pending-${d.id}`}
          title={st.pending.value !== undefined ? `Queued: ${st.pending.value}` : undefined}>
          {st.pending.label}{st.pending.value !== undefined ? ` → ${st.pending.value}` : ''}
        </span>
      ) : st?.failure ? (
        <span className="pt-badge failed" data-testid={`tree-fault-${d.id}`} title={st.failure.text}>{st.failure.text}</span>
      ) : null}
      {view.warnings?.get(d.id) ? (
        <span className={`pt-badge ${view.warnings.get(d.id)!.some((w) => w.severity === 'warning') ? 'warn' : 'info'}`}
          data-testid={`tree-warning-${d.id}`} title={view.warnings.get(d.id)!.map((w) => w.message).join('\n')}>
          {view.warnings.get(d.id)!.some((w) => w.severity === 'warning') ? 'model warning' : 'vendor'}
        </span>
      ) : null}
      <span className="pt-type">{r.object ? (isTable ? 'table' : isInstance ? 'instance' : 'object') : r.type ?? ''}</span>
      <span className="pt-access">
        {r.object ? null : r.writable ? <span title="writable" className="pt-w"><Pencil size={13} /></span>
          : r.writable === false ? <span title="read-only" className="pt-ro"><Lock size={13} /></span> : null}
      </span>
      <span className="pt-actions">
        {!showActions ? null : <>
        {!r.object && r.writable ? (
          <button type="button" className="pt-btn" data-testid={`tree-edit-${d.id}`} title="Edit value (Enter)"
            onClick={stop(() => act.startEdit(d.id))}><Pencil size={14} /></button>
        ) : null}
        {isTable && r.writable ? (
          <button type="button" className="pt-btn" data-testid={`tree-add-${d.id}`} title="Add an instance (AddObject)"
            onClick={stop(() => act.addInstance(d.id))}><Plus size={15} /></button>
        ) : null}
        {isInstance && r.writable ? (
          <button type="button" className="pt-btn danger" data-testid={`tree-delete-${d.id}`} title="Delete this instance (DeleteObject)"
            onClick={stop(() => act.deleteInstance(d.id))}><Trash size={14} /></button>
        ) : null}
        {r.object ? (
          <button type="button" className="pt-btn" data-testid={`tree-refresh-${d.id}`} title="Read this subtree again from the device"
            onClick={stop(() => act.refreshSubtree(d.id))}><Refresh size={14} /></button>
        ) : (
          <button type="button" className="pt-btn" title="Copy value" onClick={stop(() => act.copy(r.value ?? '', 'value'))}>
            <Copy size={13} />
          </button>
        )}
        </>}
      </span>
    </div>
  );
});
