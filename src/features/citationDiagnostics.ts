import * as vscode from 'vscode';
import { BUNDLED_SOURCE, ReferenceLibrary } from '../core/bibliography/referenceLibrary';
import { findCitedKeys } from '../core/citations/citationScanner';
import { didYouMean } from '../core/citations/didYouMean';
import { exportReferences } from '../core/citations/exportReferences';
import { dialectOf } from '../core/terms/excludedRanges';
import type { BibliographyStore } from '../vscode/bibliographyStore';
import { watchDocuments } from '../vscode/documentChecks';
import type { SettingsStore } from '../vscode/settings';

/** Fixed codes that quick fixes and users' filters match on. */
export const CITATION_CODES = {
  unknownKey: 'unknown-citation-key',
  notInBibliography: 'citation-not-in-bibliography',
  bibliographyNotFound: 'bibliography-not-found',
  duplicateKey: 'bib-duplicate-key',
  unusedEntry: 'unused-bibliography-entry',
} as const;

const MANUSCRIPT_LANGUAGES = ['markdown', 'quarto', 'rmd', 'latex'];
const DEBOUNCE_MS = 300;

interface UnknownKeyData {
  readonly key: string;
  readonly suggestions: readonly string[];
  /** The bibliography file to add a bundled reference to, when the key is a bundled reference. */
  readonly addTo?: string;
}

const fixData = new WeakMap<vscode.Diagnostic, UnknownKeyData>();

/**
 * Citation diagnostics in manuscripts: unknown keys (with "did you mean" and "add the bundled
 * reference" quick fixes), keys Pandoc or BibTeX will not find, missing bibliography files,
 * keys defined in two files, and, when the setting asks, bibliography entries never cited.
 */
export function registerCitationDiagnostics(store: BibliographyStore, settings: SettingsStore): vscode.Disposable {
  const manuscriptDiagnostics = vscode.languages.createDiagnosticCollection('resistance-atlas-citations');
  const fileDiagnostics = vscode.languages.createDiagnosticCollection('resistance-atlas-bibliography-links');

  async function check(document: vscode.TextDocument): Promise<void> {
    if (!MANUSCRIPT_LANGUAGES.includes(document.languageId) || document.isClosed) return;
    const bibliographies = await store.bibliographiesOf(document);
    const declared = await Promise.all(bibliographies.map(async (b) => ({ b, source: await store.load(b.uri) })));
    const diagnostics: vscode.Diagnostic[] = [];
    for (const { b, source } of declared) {
      if (!source && b.declaredAt) {
        const d = new vscode.Diagnostic(b.declaredAt, vscode.l10n.t('Bibliography file not found: {0}', b.declaredAs), vscode.DiagnosticSeverity.Error);
        d.code = CITATION_CODES.bibliographyNotFound;
        d.source = 'Resistance Atlas';
        diagnostics.push(d);
      }
    }
    const own = new ReferenceLibrary(declared.flatMap(({ source }) => (source ? [source] : [])));
    const bundled = store.bundledSource();
    const bundledLibrary = new ReferenceLibrary(bundled ? [bundled] : []);
    // A manuscript that names bibliographies is rendered from them alone; one that names none
    // can use the bundled references (Insert Formatted Reference, plain text).
    const renderable = bibliographies.length > 0 ? own : new ReferenceLibrary([...own.sources, ...bundledLibrary.sources]);
    const firstFile = bibliographies.find((b) => bibliographyIsBibtex(b.uri))?.uri;

    const cited = findCitedKeys(document.getText(), dialectOf(document.languageId));
    for (const c of cited) {
      if (renderable.has(c.key)) continue;
      const range = new vscode.Range(document.positionAt(c.start), document.positionAt(c.end));
      const inBundled = bundledLibrary.has(c.key);
      const suggestions = didYouMean(c.key, renderable.keys());
      let d: vscode.Diagnostic;
      if (inBundled) {
        const where = firstFile ? firstFile.path.split('/').pop() : vscode.l10n.t('the bibliography');
        d = new vscode.Diagnostic(range, vscode.l10n.t('"{0}" is a bundled Resistance Atlas reference but is not in {1}: Pandoc and BibTeX will not find it.', c.key, where ?? ''), vscode.DiagnosticSeverity.Warning);
        d.code = CITATION_CODES.notInBibliography;
      } else {
        const hint = suggestions.length > 0 ? vscode.l10n.t(' Did you mean "{0}"?', suggestions[0]) : '';
        d = new vscode.Diagnostic(range, vscode.l10n.t('Unknown citation key "{0}".', c.key) + hint, vscode.DiagnosticSeverity.Error);
        d.code = CITATION_CODES.unknownKey;
      }
      d.source = 'Resistance Atlas';
      fixData.set(d, { key: c.key, suggestions, addTo: inBundled && firstFile ? firstFile.toString() : undefined });
      diagnostics.push(d);
    }
    manuscriptDiagnostics.set(document.uri, diagnostics);

    // On the bibliography files: keys defined twice, and (if asked) entries never cited here.
    const perFile = new Map<string, vscode.Diagnostic[]>();
    const push = (uri: string, d: vscode.Diagnostic) => perFile.set(uri, [...(perFile.get(uri) ?? []), d]);
    for (const dup of own.duplicates) {
      const d = new vscode.Diagnostic(
        new vscode.Range(dup.ignored.line, dup.ignored.character, dup.ignored.line, dup.ignored.character + dup.key.length),
        vscode.l10n.t('Duplicate key "{0}": {1} defines it too, and that definition is used.', dup.key, own.sourceOf(dup.kept)?.label ?? ''),
        vscode.DiagnosticSeverity.Warning,
      );
      d.code = CITATION_CODES.duplicateKey;
      d.source = 'Resistance Atlas';
      push(dup.ignored.source, d);
    }
    if (settings.value.reportUnusedEntries) {
      const citedKeys = new Set(cited.map((c) => c.key));
      for (const entry of own.entries()) {
        if (citedKeys.has(entry.key) || entry.source === BUNDLED_SOURCE) continue;
        const d = new vscode.Diagnostic(
          new vscode.Range(entry.line, entry.character, entry.line, entry.character + entry.key.length),
          vscode.l10n.t('"{0}" is not cited in {1}.', entry.key, document.uri.path.split('/').pop() ?? ''),
          vscode.DiagnosticSeverity.Hint,
        );
        d.code = CITATION_CODES.unusedEntry;
        d.source = 'Resistance Atlas';
        d.tags = [vscode.DiagnosticTag.Unnecessary];
        push(entry.source, d);
      }
    }
    for (const { b } of declared) fileDiagnostics.set(b.uri, perFile.get(b.uri.toString()) ?? []);
  }

  const actions: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const out: vscode.CodeAction[] = [];
      for (const d of context.diagnostics) {
        const data = fixData.get(d);
        if (!data) continue;
        for (const suggestion of data.suggestions) {
          const a = new vscode.CodeAction(vscode.l10n.t('Change to "{0}"', suggestion), vscode.CodeActionKind.QuickFix);
          a.edit = new vscode.WorkspaceEdit();
          a.edit.replace(document.uri, d.range, suggestion);
          a.diagnostics = [d];
          a.isPreferred = suggestion === data.suggestions[0];
          out.push(a);
        }
        if (data.addTo) {
          const target = vscode.Uri.parse(data.addTo);
          const a = new vscode.CodeAction(vscode.l10n.t('Add the bundled reference "{0}" to {1}', data.key, target.path.split('/').pop() ?? ''), vscode.CodeActionKind.QuickFix);
          a.command = { title: a.title, command: '_resistanceAtlas.addBundledReference', arguments: [data.key, data.addTo] };
          a.diagnostics = [d];
          out.push(a);
        }
      }
      return out;
    },
  };

  return vscode.Disposable.from(
    manuscriptDiagnostics,
    fileDiagnostics,
    vscode.languages.registerCodeActionsProvider(MANUSCRIPT_LANGUAGES.map((language) => ({ language })), actions, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand('_resistanceAtlas.addBundledReference', async (key: string, target: string) => {
      const item = store.bundledSource()?.entries.find((e) => e.key === key)?.item;
      if (!item) return false;
      const uri = vscode.Uri.parse(target);
      const document = await vscode.workspace.openTextDocument(uri);
      const text = document.getText();
      const entry = await exportReferences([item], 'bibtex');
      const edit = new vscode.WorkspaceEdit();
      const end = document.positionAt(text.length);
      edit.insert(uri, end, `${text.length === 0 || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n'}${entry}`);
      return vscode.workspace.applyEdit(edit);
    }),
    watchDocuments(check, (d) => manuscriptDiagnostics.delete(d.uri), [store.onDidChange, settings.onDidChange], DEBOUNCE_MS),
  );
}

function bibliographyIsBibtex(uri: vscode.Uri): boolean {
  return /\.bib$/i.test(uri.path);
}
