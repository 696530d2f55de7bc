// The data-model tree panel: toolbar (search, expand/collapse), discovery
// progress, column header and the react-arborist tree. Virtualized with a
// fixed row height; objects load their children when opened.
import { Box, Button, Tooltip } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Tree, type NodeApi, type TreeApi } from 'react-arborist';
import type { DeviceSummary } from '../../../../shared/model/records';
import { MONO } from '../../components/theme';
import { DiscoveryProgress } from './DiscoveryProgress';
import { Collapse, Unfold } from '../../components/icons';
import './param-tree.css';
import { useModelWarnings } from './use-model-warnings';
import { TreeViewContext, type TreeView } from './tree-context';
import type { ParameterRecord } from '../../../../shared/model/records';
import { ROW_HEIGHT, TreeNodeRow, TreeRowContainer } from './TreeRow';
import { TreeSearch } from './TreeSearch';
import type { ParamTree as ParamTreeData } from './use-param-tree';
import type { EditState } from './edit-state';

export interface ParamTreeHandle {
  /** Loads what is above `path`, opens it, scrolls to it and selects it. */
  reveal(path: string): Promise<void>;
}

interface Props {
  device: DeviceSummary;
  tree: ParamTreeData;
  states: ReadonlyMap<string, EditState>;
  editing: string | undefined;
  onSelect(path: string | undefined): void;
  onDiscover(): void;
  onError(msg: string): void;
}

function useSize<T extends HTMLElement>(): [React.RefObject<T | null>, { width: number; height: number }] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, size];
}

export const ParamTree = forwardRef<ParamTreeHandle, Props>(function ParamTree(
  { device, tree, states, editing, onSelect, onDiscover, onError }, handle,
) {
  const theme = useTheme();
  const api = useRef<TreeApi<ParameterRecord> | null>(null);
  const [box, size] = useSize<HTMLDivElement>();
  const [revealing, setRevealing] = useState<string | undefined>(undefined);

  const reveal = useCallback(async (path: string) => {
    await tree.loadAncestors(path);
    // An object found by search is shown open: its children are usually what was looked for.
    if (path.endsWith('.')) await tree.ensureLoaded(path);
    setRevealing(path);
  }, [tree]);
  useImperativeHandle(handle, () => ({ reveal }), [reveal]);

  // Once the revealed path is in the data: open its parents, bring it into view and select it.
  // (TreeApi.get and select only see visible rows; openParents searches the whole data.)
  useEffect(() => {
    const t = api.current;
    const path = revealing;
    if (!path || !t || !tree.cache.get(path)) return;
    setRevealing(undefined);
    t.openParents(path);
    if (path.endsWith('.')) t.open(path);
    t.scrollTo(path, 'center')?.then(() => t.select(path, { align: 'center' }), () => undefined);
  }, [revealing, tree.data, tree.cache]);

  // Expand all / collapse switch react-arborist's default open state and clear the per-node one:
  // one pass over the data, where opening or closing 60,000 objects one by one is quadratic.
  const [openAll, setOpenAll] = useState(false);
  const clearOpenState = () => api.current?.dispatch({ type: 'VISIBILITY_CLEAR', filtered: false } as never);
  const expandAll = async () => {
    // Open state first (a pass over the few rows loaded so far), then the data: one pass over all of it.
    clearOpenState();
    setOpenAll(true);
    await tree.expandAll();
  };
  const collapse = () => {
    clearOpenState();
    setOpenAll(false);
    api.current?.open(tree.cache.root);
  };

  // For benchmarks: the frame after the whole tree is rendered ("param-tree:painted", after "param-tree:data").
  useEffect(() => {
    if (!openAll || !tree.full) return;
    const raf = requestAnimationFrame(() => setTimeout(() => performance.mark('param-tree:painted'), 0));
    return () => cancelAnimationFrame(raf);
  }, [openAll, tree.full]);

  // Closing the editor gives the keyboard back to the row it was on (TR-069 users navigate by keys).
  const lastEditing = useRef<string | undefined>(undefined);
  useEffect(() => {
    const was = lastEditing.current;
    lastEditing.current = editing;
    if (!was || editing) return;
    const active = document.activeElement;
    if (active && active !== document.body && box.current?.contains(active) === false) return;
    box.current?.querySelector<HTMLElement>(`[data-path="${CSS.escape(was)}"]`)?.focus({ preventScroll: true });
  }, [editing, box]);

  // Stable props: any new prop value (even an equal object) makes react-arborist rebuild its node list.
  const initialOpen = useMemo(() => ({ [tree.cache.root]: true }), [tree.cache.root]);
  const treeRef = useRef(tree);
  treeRef.current = tree;
  const onToggle = useCallback((id: string) => {
    if (api.current?.isOpen(id)) void treeRef.current.ensureLoaded(id);
  }, []);
  const handleSelect = useCallback((nodes: NodeApi<ParameterRecord>[]) => onSelect(nodes[0]?.id), [onSelect]);

  const valueColumn = Math.round(Math.min(440, Math.max(240, size.width * 0.36)));
  const warnings = useModelWarnings(device.id);
  const view = useMemo<TreeView>(() => ({
    deviceId: device.id, editing, states, valueColumn, loading: tree.loading, cache: tree.cache, warnings,
  }), [device.id, editing, states, valueColumn, tree.loading, tree.cache, warnings]);

  const p = theme.palette;
  const dark = p.mode === 'dark';
  const vars = {
    '--pt-text': p.text.primary, '--pt-muted': p.text.secondary, '--pt-faint': dark ? '#5f6b78' : '#a7b0ba',
    '--pt-rule': dark ? 'rgba(255,255,255,0.04)' : 'rgba(0,0,0,0.045)', '--pt-rule-strong': p.divider,
    '--pt-hover': p.action.hover, '--pt-hover-strong': dark ? 'rgba(255,255,255,0.1)' : 'rgba(0,0,0,0.08)',
    '--pt-selected': dark ? 'rgba(144,202,249,0.16)' : 'rgba(21,101,192,0.09)', '--pt-accent': p.primary.main,
    '--pt-folder': dark ? '#d7b56d' : '#c08a1e', '--pt-leaf': dark ? '#6f7d8c' : '#9aa5b1',
    '--pt-error': p.error.main, '--pt-error-bg': dark ? 'rgba(244,67,54,0.16)' : 'rgba(211,47,47,0.1)', '--pt-error-solid': p.error.main,
    '--pt-warn': dark ? '#ffcc80' : '#8a5300', '--pt-warn-bg': dark ? 'rgba(255,183,77,0.16)' : 'rgba(255,167,38,0.18)',
    '--pt-input-bg': p.background.paper, '--pt-tip-bg': dark ? '#2c333b' : '#37404a', '--pt-tip-text': '#fff', '--pt-mono': MONO,
  } as CSSProperties;

  const count = device.parameterCount;
  return (
    <Box className="pt-root" style={vars} sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 1, borderBottom: 1, borderColor: 'divider', position: 'relative' }}>
        <TreeSearch deviceId={device.id} onReveal={(path) => void reveal(path)} onError={onError} />
        <Box sx={{ flex: 1 }} />
        <Tooltip title={count > 20_000 ? `Loads all ${count.toLocaleString('en-US')} parameters into the view` : 'Load and open every object'}>
          <span>
            <Button size="small" startIcon={<Unfold size={16} />} data-testid="tree-expand-all" disabled={tree.loading.has(tree.cache.root)}
              onClick={() => void expandAll()}>Expand all</Button>
          </span>
        </Tooltip>
        <Button size="small" startIcon={<Collapse size={16} />} data-testid="tree-collapse-all" onClick={collapse}>
          Collapse
        </Button>
      </Box>
      <DiscoveryProgress device={device} onDiscover={onDiscover} />
      <div className="pt-header" style={{ borderTop: `1px solid ${p.divider}` }}>
        <span style={{ width: valueColumn, paddingLeft: 12, boxSizing: 'border-box' }}>Name</span>
        <span style={{ flex: 1 }}>Value</span>
        <span style={{ width: 92, textAlign: 'right', paddingRight: 8 }}>Type</span>
        <span style={{ width: 76 }} />
      </div>
      <Box ref={box} data-testid="param-tree" data-rows={tree.data.length ? 'ready' : 'empty'} sx={{ flex: 1, minHeight: 0, overflow: 'hidden' }}>
        {size.height > 0 ? (
          <TreeViewContext.Provider value={view}>
            <Tree<ParameterRecord>
              ref={api}
              data={tree.data}
              idAccessor="path"
              childrenAccessor={tree.cache.childrenOf}
              openByDefault={openAll}
              initialOpenState={initialOpen}
              width={size.width}
              height={size.height}
              rowHeight={ROW_HEIGHT}
              indent={16}
              overscanCount={8}
              disableDrag
              disableDrop
              disableEdit
              disableMultiSelection
              selectionFollowsFocus
              onToggle={onToggle}
              onSelect={handleSelect}
              renderRow={TreeRowContainer}
              aria-label="device data model"
            >
              {TreeNodeRow}
            </Tree>
          </TreeViewContext.Provider>
        ) : null}
      </Box>
    </Box>
  );
});
