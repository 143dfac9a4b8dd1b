import * as vscode from 'vscode';
import type { DocumentAnalyses } from '../vscode/documentAnalyses';
import type { KnowledgeBaseState } from '../vscode/knowledgeBaseState';
import type { SettingsStore } from '../vscode/settings';

/** Lines above and below the visible ones that are decorated too, so scrolling shows no gap. */
const MARGIN_LINES = 50;
const DEBOUNCE_MS = 200;

/**
 * Underlines recognised terms (setting `resistanceAtlas.highlight.enabled`, off by default) in
 * the visible part of each visible editor, debounced while the writer types or scrolls.
 */
export function registerTermHighlights(kbState: KnowledgeBaseState, analyses: DocumentAnalyses, settings: SettingsStore): vscode.Disposable & TermHighlights {
  const decoration = vscode.window.createTextEditorDecorationType({
    textDecoration: 'underline dotted',
    overviewRulerLane: undefined,
  });
  const pending = new Map<vscode.TextEditor, ReturnType<typeof setTimeout>>();
  const shown = new WeakMap<vscode.TextEditor, vscode.Range[]>();

  function show(editor: vscode.TextEditor, ranges: vscode.Range[]): void {
    editor.setDecorations(decoration, ranges);
    shown.set(editor, ranges);
  }

  function decorate(editor: vscode.TextEditor): void {
    const kb = kbState.current;
    const s = settings.value;
    if (!kb || !s.highlightEnabled || !s.hoverLanguages.includes(editor.document.languageId)) {
      show(editor, []);
      return;
    }
    const document = editor.document;
    const analysis = analyses.get(document, kb);
    const ranges: vscode.Range[] = [];
    for (const visible of editor.visibleRanges) {
      const from = document.offsetAt(new vscode.Position(Math.max(0, visible.start.line - MARGIN_LINES), 0));
      const to = document.offsetAt(new vscode.Position(visible.end.line + MARGIN_LINES, 0));
      const occ = analysis.occurrences;
      for (let k = occ.firstEndingAfter(from - 1); k < occ.length && occ.start(k) < to; k++) {
        ranges.push(new vscode.Range(document.positionAt(occ.start(k)), document.positionAt(occ.end(k))));
      }
    }
    show(editor, ranges);
  }

  function schedule(editor: vscode.TextEditor, delay = DEBOUNCE_MS): void {
    clearTimeout(pending.get(editor));
    pending.set(
      editor,
      setTimeout(() => {
        pending.delete(editor);
        decorate(editor);
      }, delay),
    );
  }

  const all = () => vscode.window.visibleTextEditors.forEach((e) => schedule(e, 0));
  all();
  const disposable = vscode.Disposable.from(
    decoration,
    vscode.window.onDidChangeVisibleTextEditors(all),
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => schedule(e.textEditor)),
    vscode.workspace.onDidChangeTextDocument((e) => vscode.window.visibleTextEditors.filter((ed) => ed.document === e.document).forEach((ed) => schedule(ed))),
    settings.onDidChange(all),
    kbState.onDidChange(all),
    new vscode.Disposable(() => pending.forEach((t) => clearTimeout(t))),
  );
  return { dispose: () => disposable.dispose(), underlined: (editor) => shown.get(editor) ?? [] };
}

/** What the term highlighter shows, for tests and other extensions. */
export interface TermHighlights {
  /** The ranges currently underlined in `editor`. */
  underlined(editor: vscode.TextEditor): readonly vscode.Range[];
}
