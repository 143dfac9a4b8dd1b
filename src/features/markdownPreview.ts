import type { MarkdownIt } from 'markdown-it';
import * as vscode from 'vscode';
import type { ReferenceLibrary } from '../core/bibliography/referenceLibrary';
import type { CitationService } from '../core/citations/citationService';
import { resistanceAtlasPreview, type PreviewCitations, type PreviewTerms } from '../core/preview/markdownItPlugin';
import type { BibliographyStore } from '../vscode/bibliographyStore';
import type { KnowledgeBaseState } from '../vscode/knowledgeBaseState';
import type { SettingsStore } from '../vscode/settings';

const PREVIEW_LANGUAGES = ['markdown', 'quarto', 'rmd'];

/**
 * VS Code's Markdown preview with citations in the chosen style, a bibliography, and (a setting)
 * glossary tooltips. markdown-it renders synchronously, so the plugin uses the library of the
 * manuscript being edited and formatters already built; when either changes, or a formatter
 * becomes ready, the preview is refreshed. Settings changes reload the plugin, as markdown-math
 * does.
 */
export function createMarkdownPreview(kbState: KnowledgeBaseState, store: BibliographyStore, citations: CitationService, settings: SettingsStore): { extendMarkdownIt(md: MarkdownIt): MarkdownIt; disposable: vscode.Disposable } {
  let library: ReferenceLibrary | undefined;
  let refreshing = false;

  const refresh = () => {
    if (refreshing) return;
    refreshing = true;
    setTimeout(() => {
      refreshing = false;
      void vscode.commands.executeCommand('markdown.preview.refresh');
    }, 50);
  };

  async function followEditor(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !PREVIEW_LANGUAGES.includes(document.languageId)) return;
    library = await store.libraryFor(document);
    refresh();
  }

  const previewCitations = (): PreviewCitations | undefined => {
    const style = settings.value.citationStyle;
    const text = citations.ready(style, 'text');
    const html = citations.ready(style, 'html');
    const lib = library;
    if (!text || !html || !lib) {
      if (lib) void Promise.all([citations.formatter(style, 'text'), citations.formatter(style, 'html')]).then(refresh, () => undefined);
      return undefined;
    }
    return {
      formatCitation(citeItems, citedInOrder) {
        const items = citedInOrder.filter((k) => lib.has(k)).map((k) => lib.get(k)!.item);
        if (citeItems.some((i) => !lib.has(i.id))) return undefined;
        text.addItems(items);
        return text.formatCiteItems(citeItems, items.map((i) => i.id));
      },
      formatBibliography(keys) {
        const known = keys.filter((k) => lib.has(k));
        return known.length === 0 ? [] : html.formatBibliographyOf(known.map((k) => lib.get(k)!.item));
      },
    };
  };

  const previewTerms = (): PreviewTerms | undefined => {
    const kb = kbState.current;
    if (!kb || !settings.value.previewTermTooltips) return undefined;
    return {
      find(text) {
        return kb.termMatcher.findAll(text).map((o) => {
          const concepts = o.conceptIds.map((id) => kb.concept(id)).filter((c) => c !== undefined);
          return { start: o.start, end: o.end, tooltip: concepts.map((c) => `${c.label}: ${c.definition}`).join('\n\n') };
        });
      },
    };
  };

  const disposable = vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(() => void followEditor()),
    store.onDidChange(() => void followEditor()),
    kbState.onDidChange(refresh),
    settings.onDidChange(() => {
      void vscode.commands.executeCommand('markdown.api.reloadPlugins');
      void followEditor();
    }),
  );
  void followEditor();
  return {
    extendMarkdownIt(md: MarkdownIt) {
      return md.use(resistanceAtlasPreview, { citations: previewCitations, terms: previewTerms });
    },
    disposable,
  };
}
