import { indentWithTab } from '@codemirror/commands';
import { type Diagnostic, linter, lintGutter } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { languageSupport, type EditorLanguage } from './editor-languages';

export interface CodeEditorProps {
  /** The accessible name, e.g. "main.c". */
  label: string;
  language: EditorLanguage;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  /** Problems to underline; recomputed on every change. */
  diagnostics?: (text: string) => Diagnostic[];
  /** Id of an element describing the editor (keyboard hint, errors). */
  describedBy?: string;
  /** Selects this range, scrolls it into view and focuses the editor (a new object each time). */
  reveal?: { from: number; to: number } | null;
}

/**
 * CodeMirror 6 in React. The view is created once; `value` coming back from the parent
 * after a keystroke is already in the document and is not re-applied, while a different
 * value (a reset, another file) replaces the document. Tab indents; Escape then Tab moves
 * focus out of the editor (CodeMirror's own escape hatch).
 */
export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const lint = useRef(new Compartment());
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;

  useEffect(() => {
    if (!host.current) return;
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          basicSetup,
          keymap.of([indentWithTab]),
          language.current.of(languageSupport(props.language)),
          lint.current.of(lintExtensions(props.diagnostics)),
          placeholderText(props.placeholder ?? ''),
          EditorView.contentAttributes.of({
            'aria-label': props.label,
            ...(props.describedBy ? { 'aria-describedby': props.describedBy } : {}),
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChange.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // The view lives as long as the component; props are applied by the effects below.
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(languageSupport(props.language)) });
  }, [props.language]);

  useEffect(() => {
    view.current?.dispatch({ effects: lint.current.reconfigure(lintExtensions(props.diagnostics)) });
  }, [props.diagnostics]);

  useEffect(() => {
    const current = view.current;
    if (!current || !props.reveal) return;
    const length = current.state.doc.length;
    const anchor = Math.min(props.reveal.from, length);
    current.dispatch({ selection: { anchor, head: Math.min(Math.max(props.reveal.to, anchor), length) }, scrollIntoView: true });
    current.focus();
  }, [props.reveal]);

  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== props.value) {
      current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: props.value } });
    }
  }, [props.value]);

  return <div ref={host} className="code-editor" />;
}

function lintExtensions(diagnostics: CodeEditorProps['diagnostics']) {
  if (!diagnostics) return [];
  return [lintGutter(), linter((view) => diagnostics(view.state.doc.toString()), { delay: 300 })];
}
