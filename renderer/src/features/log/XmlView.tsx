// Raw HTTP message: start line, headers, and the pretty-printed XML in
// CodeMirror 6 (folding, search with Ctrl-F, read-only). Lines of the node
// selected in the decoded tree are highlighted and scrolled into view.
import { xml } from '@codemirror/lang-xml';
import { defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { useTheme } from '@mui/material';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { MONO } from '../../components/theme';

const setHighlight = StateEffect.define<{ from: number; to: number } | null>();

const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setHighlight)) continue;
      if (!e.value) return Decoration.none;
      const marks = [];
      const doc = tr.state.doc;
      for (let l = e.value.from; l <= Math.min(e.value.to, doc.lines); l++) {
        marks.push(Decoration.line({ class: 'cm-selected-node' }).range(doc.line(l).from));
      }
      deco = Decoration.set(marks);
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

// CodeMirror's default colours are made for a light background (attribute values #a11 on
// near-black cannot be read): the same styles with a light counterpart of each colour.
const DARK_COLORS: Record<string, string> = {
  '#404740': '#9aa59a', '#708': '#c792ea', '#219': '#82aaff', '#164': '#7fd1a0', '#a11': '#f28b82', '#e40': '#ffab70',
  '#00f': '#82aaff', '#30a': '#b39ddb', '#085': '#4ec9b0', '#167': '#4fc1d6', '#256': '#89ddff', '#00c': '#9cdcfe',
  '#940': '#d7a657', '#f00': '#ff6b6b',
};
const darkHighlight = syntaxHighlighting(HighlightStyle.define(defaultHighlightStyle.specs.map((spec) =>
  typeof spec.color === 'string' && DARK_COLORS[spec.color] ? { ...spec, color: DARK_COLORS[spec.color] } : spec)));

function themeFor(dark: boolean): Extension {
  const theme = EditorView.theme({
    '&': { fontSize: '12px', height: '100%', backgroundColor: dark ? '#11161c' : '#fbfcfd' },
    '.cm-content': { fontFamily: MONO },
    '.cm-gutters': { backgroundColor: dark ? '#171c22' : '#f1f3f6', color: dark ? '#6b7785' : '#8a94a0', border: 'none' },
    '.cm-selected-node': { backgroundColor: dark ? '#1e3a5f' : '#dbeafe' },
    '.cm-activeLine': { backgroundColor: dark ? '#ffffff0a' : '#00000008' },
    '.cm-activeLineGutter': { backgroundColor: dark ? '#ffffff0f' : '#0000000a' },
    '.cm-scroller': { overflow: 'auto' },
  }, { dark });
  return dark ? [theme, darkHighlight] : theme;
}

export function XmlView({ text, highlight, testid }: { text: string; highlight?: { from: number; to: number } | null; testid?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const dark = useTheme().palette.mode === 'dark';

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [basicSetup, xml(), EditorState.readOnly.of(true), highlightField, themeFor(dark), EditorView.lineWrapping],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [text, dark]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.dispatch({ effects: setHighlight.of(highlight ?? null) });
    if (highlight && highlight.from <= v.state.doc.lines) {
      v.dispatch({ effects: EditorView.scrollIntoView(v.state.doc.line(highlight.from).from, { y: 'center' }) });
    }
  }, [highlight, text, dark]);

  return <div ref={host} data-testid={testid} style={{ height: '100%', minHeight: 0, overflow: 'hidden' }} />;
}
