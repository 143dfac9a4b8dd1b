import * as vscode from 'vscode';
import { BUNDLED_SOURCE } from '../core/bibliography/referenceLibrary';
import type { CitationService } from '../core/citations/citationService';
import { findCitedKeys } from '../core/citations/citationScanner';
import { escapeMarkdown } from '../core/markdown';
import { dialectOf } from '../core/terms/excludedRanges';
import type { BibliographyStore } from '../vscode/bibliographyStore';
import type { SettingsStore } from '../vscode/settings';

const LANGUAGES = ['markdown', 'quarto', 'rmd', 'latex'];

function keyAt(document: vscode.TextDocument, position: vscode.Position): { key: string; range: vscode.Range } | undefined {
  const offset = document.offsetAt(position);
  const line = document.lineAt(position.line);
  // Citations are found in the surrounding lines only: a hover must not scan a whole manuscript.
  const from = document.offsetAt(new vscode.Position(Math.max(0, position.line - 5), 0));
  const to = document.offsetAt(new vscode.Position(Math.min(document.lineCount - 1, position.line + 5), line.text.length + 1000));
  const text = document.getText(new vscode.Range(document.positionAt(from), document.positionAt(to)));
  const hit = findCitedKeys(text, dialectOf(document.languageId)).find((c) => from + c.start <= offset && offset <= from + c.end);
  return hit && { key: hit.key, range: new vscode.Range(document.positionAt(from + hit.start), document.positionAt(from + hit.end)) };
}

/**
 * Hover on a cited key (the formatted reference in the current style, its DOI and PMID, the file
 * it comes from, and a warning when it has no identifier) and go to definition (its entry).
 */
export function registerCitationNavigation(store: BibliographyStore, citations: CitationService, settings: SettingsStore): vscode.Disposable {
  const selector = LANGUAGES.map((language) => ({ language }));
  const hover: vscode.HoverProvider = {
    async provideHover(document, position) {
      const at = keyAt(document, position);
      if (!at) return undefined;
      const library = await store.libraryFor(document);
      const entry = library.get(at.key);
      const md = new vscode.MarkdownString();
      md.supportHtml = false;
      md.isTrusted = false;
      if (!entry) {
        md.appendMarkdown(`**${escapeMarkdown(at.key)}**: ${escapeMarkdown(vscode.l10n.t('not found in the bibliographies of this document.'))}`);
        return new vscode.Hover(md, at.range);
      }
      let formatted: string;
      try {
        const formatter = await citations.formatter(settings.value.citationStyle);
        formatted = formatter.formatBibliographyOf([entry.item])[0] ?? '';
      } catch (e) {
        formatted = `${entry.item.title ?? at.key} (${e instanceof Error ? e.message : String(e)})`;
      }
      md.appendMarkdown(escapeMarkdown(formatted));
      const { DOI, PMID, URL } = entry.item;
      const ids: string[] = [];
      if (typeof DOI === 'string' && DOI) ids.push(`DOI [${escapeMarkdown(DOI)}](https://doi.org/${encodeURI(DOI)})`);
      if (typeof PMID === 'string' && PMID) ids.push(`PMID ${escapeMarkdown(PMID)}`);
      if (typeof URL === 'string' && URL && !DOI) ids.push(escapeMarkdown(URL));
      if (ids.length > 0) md.appendMarkdown(`\n\n${ids.join(' · ')}`);
      else md.appendMarkdown(`\n\n$(warning) ${escapeMarkdown(vscode.l10n.t('No DOI, PMID or URL: verify before citing.'))}`);
      md.supportThemeIcons = true;
      const source = library.sourceOf(entry);
      md.appendMarkdown(`\n\n*${escapeMarkdown(entry.source === BUNDLED_SOURCE ? vscode.l10n.t('From the references bundled with Resistance Atlas') : vscode.l10n.t('From {0}', source?.label ?? ''))}*`);
      return new vscode.Hover(md, at.range);
    },
  };
  const definition: vscode.DefinitionProvider = {
    async provideDefinition(document, position) {
      const at = keyAt(document, position);
      if (!at) return undefined;
      const entry = (await store.libraryFor(document)).get(at.key);
      if (!entry || entry.source === BUNDLED_SOURCE) return undefined;
      return new vscode.Location(vscode.Uri.parse(entry.source), new vscode.Position(entry.line, entry.character));
    },
  };
  return vscode.Disposable.from(vscode.languages.registerHoverProvider(selector, hover), vscode.languages.registerDefinitionProvider(selector, definition));
}
