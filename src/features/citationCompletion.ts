import * as vscode from 'vscode';
import type { LibraryEntry, ReferenceLibrary } from '../core/bibliography/referenceLibrary';
import { citationContextAt } from '../core/citations/citationScanner';
import { authorList, authorYearLabel, yearOf } from '../core/citations/referenceLabel';
import { dialectOf } from '../core/terms/excludedRanges';
import type { BibliographyStore } from '../vscode/bibliographyStore';

const LANGUAGES = ['markdown', 'quarto', 'rmd', 'latex'];

interface Prepared {
  readonly key: string;
  readonly label: vscode.CompletionItemLabel;
  readonly filterText: string;
  readonly documentation: vscode.MarkdownString;
  readonly sortText: string;
}

function prepare(library: ReferenceLibrary, entry: LibraryEntry, index: number): Prepared {
  const item = entry.item;
  const source = library.sourceOf(entry)?.label ?? '';
  const documentation = new vscode.MarkdownString();
  documentation.supportHtml = false;
  documentation.appendText(`${authorList(item)} (${yearOf(item)}). ${item.title ?? ''}. ${item['container-title'] ?? ''}`);
  documentation.appendMarkdown('\n\n');
  documentation.appendText(source);
  return {
    key: entry.key,
    label: { label: entry.key, detail: `  ${authorYearLabel(item)}`, description: item.title },
    // Writers type an author, a year or a title word as often as the key.
    filterText: [entry.key, authorList(item), yearOf(item), item.title ?? ''].join(' '),
    documentation,
    sortText: String(index).padStart(6, '0'),
  };
}

/** Completion of citation keys after "@" (Pandoc) and inside \cite{...} and its relatives. */
export function registerCitationCompletion(store: BibliographyStore): vscode.Disposable {
  const prepared = new WeakMap<ReferenceLibrary, Prepared[]>();
  const provider: vscode.CompletionItemProvider = {
    async provideCompletionItems(document, position) {
      const offset = document.offsetAt(position);
      const context = citationContextAt(document.getText(), offset, dialectOf(document.languageId));
      if (!context) return undefined;
      const library = await store.libraryFor(document);
      let items = prepared.get(library);
      if (!items) {
        items = library.entries().map((e, i) => prepare(library, e, i));
        prepared.set(library, items);
      }
      const range = new vscode.Range(document.positionAt(context.replaceStart), document.positionAt(context.replaceEnd));
      const taken = new Set(context.keysInCluster);
      const out: vscode.CompletionItem[] = [];
      for (const p of items) {
        if (taken.has(p.key)) continue;
        const c = new vscode.CompletionItem(p.label, vscode.CompletionItemKind.Reference);
        c.insertText = p.key;
        c.filterText = p.filterText;
        c.sortText = p.sortText;
        c.documentation = p.documentation;
        c.range = range;
        out.push(c);
      }
      return new vscode.CompletionList(out, false);
    },
  };
  return vscode.languages.registerCompletionItemProvider(LANGUAGES.map((language) => ({ language })), provider, '@', '{', ',');
}
