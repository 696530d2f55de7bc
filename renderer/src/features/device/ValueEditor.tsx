// The in-place editor of one writable parameter: a switch for booleans, a
// number field with the model's range for integers, a select for
// enumerations, a dateTime field, text with its length limit. The value is
// checked as it is typed (validate-value.ts); a value that fails is never
// sent. Enter saves, Escape cancels. Only one editor exists at a time, so it
// may be richer than a row.
import { useContext, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatDateTime, parseBoolean } from '../../../../shared/cwmp/data-types';
import type { ParameterRecord } from '../../../../shared/model/records';
import { Check, Close } from '../../components/icons';
import { TreeActionsContext, TreeViewContext } from './tree-context';
import { useModelDescription } from './use-model-describe';
import { constraintText, editorKind, normalizeValue, validateValue } from './validate-value';

export function ValueEditor({ rec }: { rec: ParameterRecord }) {
  const view = useContext(TreeViewContext);
  const act = useContext(TreeActionsContext);
  const desc = useModelDescription(view.deviceId, rec.path);
  const kind = editorKind(rec.type, desc);
  const [text, setText] = useState(rec.value ?? '');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [shownError, setShownError] = useState<string | null>(null);
  const input = useRef<HTMLElement | null>(null);
  const setInput = (el: HTMLElement | null) => { input.current = el; };

  useEffect(() => {
    const el = input.current;
    el?.focus();
    if (el instanceof HTMLInputElement && el.type === 'text') el.select();
  }, [kind]);

  const value = normalizeValue(text, kind);
  const error = useMemo(() => validateValue(value, rec.type, desc), [value, rec.type, desc]);
  const visibleError = shownError ?? (touched ? error : null);

  const save = async () => {
    if (busy) return;
    if (error) {
      setShownError(error);
      return; // nothing is sent
    }
    if (value === rec.value) {
      act.cancelEdit();
      return;
    }
    setBusy(true);
    try {
      await act.save(rec, value, rec.type ?? desc?.type ?? undefined);
    } finally {
      setBusy(false);
    }
  };

  const onKey = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Enter') { e.preventDefault(); void save(); }
    if (e.key === 'Escape') { e.preventDefault(); act.cancelEdit(); }
  };
  const change = (v: string) => { setText(v); setTouched(true); setShownError(null); };

  let field;
  const common = { 'data-testid': 'editor-input', 'aria-label': `new value of ${rec.path}`, 'aria-invalid': !!visibleError, onKeyDown: onKey };
  if (kind === 'boolean') {
    const on = parseBoolean(text) ?? false;
    field = (
      <button type="button" role="switch" aria-checked={on} className={`pt-switch${on ? ' on' : ''}`} ref={setInput}
        {...common} onClick={() => change(on ? 'false' : 'true')}>
        <span className="pt-switch-knob" />
        <span className="pt-switch-label">{on ? 'true' : 'false'}</span>
      </button>
    );
  } else if (kind === 'enum') {
    const options = desc?.enumeration ?? [];
    field = (
      <select className="pt-input" ref={setInput} value={text} {...common} onChange={(e) => change(e.target.value)}>
        {!options.includes(text) ? <option value={text}>{text === '' ? '(empty)' : text}</option> : null}
        {options.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    );
  } else if (kind === 'integer') {
    const r = desc?.ranges?.length === 1 ? desc.ranges[0] : undefined;
    field = (
      <input className="pt-input pt-input-num" ref={setInput} type="number" step={r?.step ?? 1} min={r?.min} max={r?.max}
        value={text} {...common} onChange={(e) => change(e.target.value)} />
    );
  } else {
    field = (
      <input className="pt-input" ref={setInput} type="text" value={text} spellCheck={false} autoComplete="off"
        placeholder={kind === 'datetime' ? 'YYYY-MM-DDThh:mm:ssZ' : undefined} {...common}
        onChange={(e) => change(e.target.value)} />
    );
  }

  const length = kind === 'text' && desc?.maxLength !== undefined && !desc.list ? `${[...text].length}/${desc.maxLength}` : '';
  return (
    <span className="pt-editor" onClick={(e) => e.stopPropagation()} onDoubleClick={(e) => e.stopPropagation()}>
      {field}
      {kind === 'datetime' ? (
        <button type="button" className="pt-btn pt-btn-text" onClick={() => change(formatDateTime(new Date()))} onKeyDown={onKey}>now</button>
      ) : null}
      <button type="button" className="pt-btn pt-btn-save" data-testid="editor-save" disabled={busy} title="Save (Enter)"
        aria-label="save" onClick={() => void save()} onKeyDown={onKey}>
        <Check size={15} />
      </button>
      <button type="button" className="pt-btn" data-testid="editor-cancel" title="Cancel (Escape)" aria-label="cancel"
        onClick={() => act.cancelEdit()} onKeyDown={onKey}>
        <Close size={15} />
      </button>
      <span className={`pt-editor-msg${visibleError ? ' error' : ''}`} role={visibleError ? 'alert' : undefined}
        data-testid={visibleError ? 'editor-error' : 'editor-hint'}>
        {visibleError ?? `${constraintText(rec.type, desc)}${length ? ` · ${length}` : ''}`}
      </span>
    </span>
  );
}
