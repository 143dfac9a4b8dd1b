import * as vscode from 'vscode';
import type { CitationService } from '../core/citations/citationService';
import { citationSyntaxOf, latexCitation, pandocCitation } from '../core/citations/citationSyntax';
import { authorList, authorYearLabel, yearOf } from '../core/citations/referenceLabel';
import type { CslItem } from '../core/model';
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
  readonly key: string;
}

function pickItems(references: readonly CslItem[]): ReferencePickItem[] {
  return [...references]
    .sort((a, b) => authorYearLabel(a).localeCompare(authorYearLabel(b)))
    .map((r) => ({
      key: r.id,
      label: authorYearLabel(r),
      description: [r['container-title-short'] ?? r['container-title'], yearOf(r), `@${r.id}`].filter(Boolean).join(' · '),
      detail: `${r.title ?? ''} — ${authorList(r)}`,
    }));
}

/** A searchable, multi-select Quick Pick over the references; undefined when cancelled. */
async function pickReferences(references: readonly CslItem[], title: string): Promise<string[] | undefined> {
  const picked = await vscode.window.showQuickPick(pickItems(references), {
    title,
    placeHolder: vscode.l10n.t('Type to filter by author, year, title or journal; Space selects, Enter inserts'),
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked && picked.length > 0 ? picked.map((p) => p.key) : undefined;
}

/** Replaces every selection of the editor with `text`: one edit, one undo step. */
async function insertAtSelections(editor: vscode.TextEditor, text: string): Promise<boolean> {
  return editor.edit((builder) => {
    for (const selection of editor.selections) builder.replace(selection, text);
  });
}

/** "Insert Citation" and "Insert Formatted Reference". */
export function registerCitationCommands(kbState: KnowledgeBaseState, citations: CitationService, settings: SettingsStore): vscode.Disposable {
  async function resolveKeys(arg: unknown, title: string): Promise<{ editor: vscode.TextEditor; keys: string[] } | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a manuscript to insert a citation into.'));
      return undefined;
    }
    const kb = kbState.current ?? (await kbState.settled());
    if (!kb) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The reference list could not be loaded: {0}', kbState.error ?? ''));
      return undefined;
    }
    const keys = keysFromArgument(arg) ?? (await pickReferences(kb.references, title));
    if (!keys) return undefined;
    const unknown = keys.filter((k) => !kb.reference(k));
    if (unknown.length > 0) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Unknown citation key: {0}', unknown.join(', ')));
      return undefined;
    }
    return { editor, keys };
  }

  async function formatted<T>(run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (e) {
      const style = settings.value.citationStyle;
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not format with the citation style "{0}": {1}', style, e instanceof Error ? e.message : String(e)));
      return undefined;
    }
  }

  return vscode.Disposable.from(
    vscode.commands.registerCommand(INSERT_CITATION, async (arg?: unknown) => {
      const target = await resolveKeys(arg, vscode.l10n.t('Insert Citation'));
      if (!target) return false;
      const { editor, keys } = target;
      const syntax = citationSyntaxOf(editor.document.languageId);
      let text: string | undefined;
      if (syntax === 'pandoc') text = pandocCitation(keys);
      else if (syntax === 'latex') text = latexCitation(keys, settings.value.latexCiteCommand);
      else text = await formatted(async () => (await citations.formatter(settings.value.citationStyle)).formatCitation(keys));
      return text !== undefined && insertAtSelections(editor, text);
    }),
    vscode.commands.registerCommand(INSERT_FORMATTED_REFERENCE, async (arg?: unknown) => {
      const target = await resolveKeys(arg, vscode.l10n.t('Insert Formatted Reference'));
      if (!target) return false;
      const { editor, keys } = target;
      const entries = await formatted(async () => (await citations.formatter(settings.value.citationStyle)).formatBibliography(keys));
      if (entries === undefined) return false;
      const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      return insertAtSelections(editor, entries.join(eol));
    }),
  );
}
