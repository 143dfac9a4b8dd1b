import * as vscode from 'vscode';
import { bibliographyBlockEdit, findBibliographyBlock } from '../core/citations/bibliographyBlock';
import type { CitationService } from '../core/citations/citationService';
import { findCitedKeys } from '../core/citations/citationScanner';
import { exportReferences, type ExportFormat } from '../core/citations/exportReferences';
import type { CslItem } from '../core/model';
import { dialectOf } from '../core/terms/excludedRanges';
import type { BibliographyStore } from '../vscode/bibliographyStore';
import type { SettingsStore } from '../vscode/settings';

export const UPDATE_BIBLIOGRAPHY = 'resistanceAtlas.updateBibliography';
export const EXPORT_REFERENCES = 'resistanceAtlas.exportReferences';

/** Keys in order of first citation: Pandoc and LaTeX from the text, plain text from its block. */
export function citedKeysInOrder(document: vscode.TextDocument): string[] {
  const dialect = dialectOf(document.languageId);
  const text = document.getText();
  if (dialect === 'plain') return [...(findBibliographyBlock(text, 'plain')?.keys ?? [])];
  return [...new Set(findCitedKeys(text, dialect).map((c) => c.key))];
}

/**
 * "Insert/Update Bibliography": the references cited in the manuscript, formatted in the chosen
 * style and in its order, in a marked block; run again, it rewrites only that block (or nothing
 * when it is up to date), in one undoable edit. "Export References": the bundled or the cited
 * references as BibTeX, CSL-JSON or RIS, in a new editor.
 */
export function registerBibliographyCommands(store: BibliographyStore, citations: CitationService, settings: SettingsStore): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(UPDATE_BIBLIOGRAPHY, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a manuscript to add its bibliography to.'));
        return false;
      }
      const document = editor.document;
      const library = await store.libraryFor(document);
      const keys = citedKeysInOrder(document);
      const known = keys.filter((k) => library.has(k));
      const missing = keys.filter((k) => !library.has(k));
      let entries: string[];
      try {
        const formatter = await citations.formatter(settings.value.citationStyle);
        entries = known.length === 0 ? [] : formatter.formatBibliographyOf(known.map((k) => library.get(k)!.item));
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not format with the citation style "{0}": {1}', settings.value.citationStyle, e instanceof Error ? e.message : String(e)));
        return false;
      }
      const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      const edit = bibliographyBlockEdit(document.getText(), dialectOf(document.languageId), entries, known, eol);
      if (missing.length > 0) void vscode.window.showWarningMessage(vscode.l10n.t('Not in any bibliography, left out: {0}', missing.join(', ')));
      if (!edit) return true;
      return editor.edit((b) => b.replace(new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text));
    }),
    vscode.commands.registerCommand(EXPORT_REFERENCES, async (args?: { scope?: 'bundled' | 'cited'; format?: ExportFormat }) => {
      const editor = vscode.window.activeTextEditor;
      const scope =
        args?.scope ??
        (
          await vscode.window.showQuickPick(
            [
              { label: vscode.l10n.t('References cited in this document'), value: 'cited' as const },
              { label: vscode.l10n.t('References bundled with Resistance Atlas'), value: 'bundled' as const },
            ],
            { title: vscode.l10n.t('Export References') },
          )
        )?.value;
      if (!scope) return undefined;
      const format =
        args?.format ??
        (
          await vscode.window.showQuickPick(
            [
              { label: 'BibTeX', value: 'bibtex' as const },
              { label: 'CSL-JSON', value: 'csl-json' as const },
              { label: 'RIS', value: 'ris' as const },
            ],
            { title: vscode.l10n.t('Export References') },
          )
        )?.value;
      if (!format) return undefined;
      let items: CslItem[];
      if (scope === 'bundled') {
        items = (store.bundledSource() ?? { entries: [] }).entries.map((e) => e.item);
      } else {
        if (!editor) return undefined;
        const library = await store.libraryFor(editor.document);
        items = citedKeysInOrder(editor.document).flatMap((k) => library.get(k)?.item ?? []);
      }
      const content = await exportReferences(items, format);
      const document = await vscode.workspace.openTextDocument({ content, language: format === 'csl-json' ? 'json' : format === 'bibtex' ? 'bibtex' : 'plaintext' });
      await vscode.window.showTextDocument(document);
      return document;
    }),
  );
}
