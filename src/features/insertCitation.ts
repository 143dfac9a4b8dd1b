import * as vscode from 'vscode';
import type { ReferenceLibrary } from '../core/bibliography/referenceLibrary';
import { bibliographyBlockEdit, findBibliographyBlock } from '../core/citations/bibliographyBlock';
import type { CitationService } from '../core/citations/citationService';
import { addToClusterAt } from '../core/citations/citationScanner';
import { citationSyntaxOf, latexCitation, pandocCitation } from '../core/citations/citationSyntax';
import { authorList, authorYearLabel, yearOf } from '../core/citations/referenceLabel';
import { dialectOf } from '../core/terms/excludedRanges';
import type { BibliographyStore } from '../vscode/bibliographyStore';
import type { KnowledgeBaseState } from '../vscode/knowledgeBaseState';
import type { SettingsStore } from '../vscode/settings';

export const INSERT_CITATION = 'resistanceAtlas.insertCitation';
export const INSERT_FORMATTED_REFERENCE = 'resistanceAtlas.insertFormattedReference';

/**
 * What the commands accept as their first argument: `{ keys: [...] }` (keybindings, hover links,
 * tests), a list of keys, one key, or a reference node of the Mechanisms view.
 */
export function keysFromArgument(arg: unknown): string[] | undefined {
  if (typeof arg === 'string') return [arg];
  if (Array.isArray(arg) && arg.every((k) => typeof k === 'string')) return arg;
  if (arg && typeof arg === 'object') {
    const o = arg as { keys?: unknown; kind?: unknown; reference?: { id?: unknown } };
    if (Array.isArray(o.keys) && o.keys.every((k) => typeof k === 'string')) return o.keys as string[];
    if (o.kind === 'reference' && typeof o.reference?.id === 'string') return [o.reference.id];
  }
  return undefined;
}

interface ReferencePickItem extends vscode.QuickPickItem {
  readonly key?: string;
}

/** The references of every source, grouped under a separator per source. */
function pickItems(library: ReferenceLibrary): ReferencePickItem[] {
  const out: ReferencePickItem[] = [];
  for (const source of library.sources) {
    const entries = source.entries.filter((e) => library.get(e.key) === e);
    if (entries.length === 0) continue;
    out.push({ label: source.label, kind: vscode.QuickPickItemKind.Separator });
    for (const e of [...entries].sort((a, b) => authorYearLabel(a.item).localeCompare(authorYearLabel(b.item)))) {
      const r = e.item;
      out.push({
        key: e.key,
        label: authorYearLabel(r),
        description: [r['container-title-short'] ?? r['container-title'], yearOf(r), `@${e.key}`].filter(Boolean).join(' · '),
        detail: `${r.title ?? ''} — ${authorList(r)}`,
      });
    }
  }
  return out;
}

async function pickReferences(library: ReferenceLibrary, title: string): Promise<string[] | undefined> {
  const picked = await vscode.window.showQuickPick(pickItems(library), {
    title,
    placeHolder: vscode.l10n.t('Type to filter by author, year, title or journal; Space selects, Enter inserts'),
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  const keys = picked?.flatMap((p) => (p.key ? [p.key] : []));
  return keys && keys.length > 0 ? keys : undefined;
}

/** "Insert Citation" and "Insert Formatted Reference". */
export function registerCitationCommands(kbState: KnowledgeBaseState, store: BibliographyStore, citations: CitationService, settings: SettingsStore): vscode.Disposable {
  async function resolveKeys(arg: unknown, title: string): Promise<{ editor: vscode.TextEditor; keys: string[]; library: ReferenceLibrary } | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a manuscript to insert a citation into.'));
      return undefined;
    }
    if (!kbState.current && !(await kbState.settled())) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The reference list could not be loaded: {0}', kbState.error ?? ''));
      return undefined;
    }
    const library = await store.libraryFor(editor.document);
    const keys = keysFromArgument(arg) ?? (await pickReferences(library, title));
    if (!keys) return undefined;
    const unknown = keys.filter((k) => !library.has(k));
    if (unknown.length > 0) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Unknown citation key: {0}', unknown.join(', ')));
      return undefined;
    }
    return { editor, keys, library };
  }

  async function formatted<T>(run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not format with the citation style "{0}": {1}', settings.value.citationStyle, e instanceof Error ? e.message : String(e)));
      return undefined;
    }
  }

  return vscode.Disposable.from(
    vscode.commands.registerCommand(INSERT_CITATION, async (arg?: unknown) => {
      const target = await resolveKeys(arg, vscode.l10n.t('Insert Citation'));
      if (!target) return false;
      const { editor, keys, library } = target;
      const document = editor.document;
      const syntax = citationSyntaxOf(document.languageId);
      const dialect = dialectOf(document.languageId);
      const text = document.getText();

      if (syntax !== 'formatted') {
        // Inside an existing cluster ("[@a; |]", "\cite{a,|}") the keys join it.
        const citation = syntax === 'pandoc' ? pandocCitation(keys) : latexCitation(keys, settings.value.latexCiteCommand);
        return editor.edit((b) => {
          for (const selection of editor.selections) {
            const join = selection.isEmpty ? addToClusterAt(text, document.offsetAt(selection.active), dialect, keys) : undefined;
            if (join) b.insert(document.positionAt(join.offset), join.text);
            else b.replace(selection, citation);
          }
        });
      }

      // Plain text: numbered as the document's bibliography block numbers its references. The
      // block gains any new reference in the same edit; with a numeric style it is created on the
      // first citation, since the numbers mean nothing without it.
      const block = findBibliographyBlock(text, 'plain');
      const order = [...(block?.keys ?? [])];
      for (const k of keys) if (!order.includes(k)) order.push(k);
      const result = await formatted(async () => {
        const formatter = await citations.formatter(settings.value.citationStyle);
        formatter.addItems(order.map((k) => library.get(k)!.item));
        const keepBlock = block !== undefined || formatter.citationFormat === 'numeric';
        return { citation: formatter.formatCitation(keys, order), entries: keepBlock ? formatter.formatBibliography(order) : undefined };
      });
      if (!result) return false;
      const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      const blockEdit = result.entries ? bibliographyBlockEdit(text, 'plain', result.entries, order, eol) : undefined;
      return editor.edit((b) => {
        for (const selection of editor.selections) b.replace(selection, result.citation);
        if (blockEdit) b.replace(new vscode.Range(document.positionAt(blockEdit.start), document.positionAt(blockEdit.end)), blockEdit.text);
      });
    }),
    vscode.commands.registerCommand(INSERT_FORMATTED_REFERENCE, async (arg?: unknown) => {
      const target = await resolveKeys(arg, vscode.l10n.t('Insert Formatted Reference'));
      if (!target) return false;
      const { editor, keys, library } = target;
      const entries = await formatted(async () => (await citations.formatter(settings.value.citationStyle)).formatBibliographyOf(keys.map((k) => library.get(k)!.item)));
      if (entries === undefined) return false;
      const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      return editor.edit((b) => {
        for (const selection of editor.selections) b.replace(selection, entries.join(eol));
      });
    }),
  );
}
