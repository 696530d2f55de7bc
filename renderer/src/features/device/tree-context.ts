// What tree rows need from the page, passed by context so react-arborist's
// row renderer stays a plain component: the view state (which row is being
// edited, pending/failed changes) and the actions (edit, save, add, delete…).
import { createContext } from 'react';
import type { ParameterType } from '../../../../shared/cwmp/types';
import type { ModelWarning, ParameterRecord } from '../../../../shared/model/records';
import type { EditState } from './edit-state';
import type { ParamTreeCache } from './tree-model';

export interface TreeView {
  deviceId: string;
  /** Path of the parameter whose editor is open. */
  editing?: string;
  states: ReadonlyMap<string, EditState>;
  /** x of the value column from the row's left edge (names are cut to keep values aligned). */
  valueColumn: number;
  loading: ReadonlySet<string>;
  /** Node kinds and child counts for the rows. */
  cache?: ParamTreeCache;
  /** Data-model warnings by parameter path (unknown parameter, bad value, writable mismatch). */
  warnings?: ReadonlyMap<string, ModelWarning[]>;
}

export interface TreeActions {
  startEdit(path: string): void;
  cancelEdit(): void;
  /** Queues SetParameterValues; the value has been validated by the editor. */
  save(rec: ParameterRecord, value: string, type: ParameterType | undefined): Promise<void>;
  addInstance(tablePath: string): void;
  deleteInstance(instancePath: string): void;
  refreshSubtree(objectPath: string): void;
  copy(text: string, what: string): void;
}

export const TreeViewContext = createContext<TreeView>({
  deviceId: '', states: new Map(), valueColumn: 360, loading: new Set(),
});

const noop = () => undefined;
export const TreeActionsContext = createContext<TreeActions>({
  startEdit: noop, cancelEdit: noop, save: async () => undefined, addInstance: noop, deleteInstance: noop,
  refreshSubtree: noop, copy: noop,
});
