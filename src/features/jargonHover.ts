import * as vscode from 'vscode';
import { HOVER_COMMANDS, termHoverMarkdown } from '../core/hover/termHover';
import { rankSenses } from '../core/terms/senses';
import type { DocumentAnalyses } from '../vscode/documentAnalyses';
import type { SettingsStore } from '../vscode/settings';
import type { KnowledgeBaseState } from '../vscode/knowledgeBaseState';

/** Hovers that explain the field's jargon in manuscripts, in the languages the settings name. */
export function registerJargonHover(kbState: KnowledgeBaseState, analyses: DocumentAnalyses, settings: SettingsStore): vscode.Disposable {
  const provider: vscode.HoverProvider = {
    async provideHover(document, position) {
      const kb = kbState.current ?? (await kbState.settled());
      if (!kb || !settings.value.hoverEnabled) return undefined;
      const analysis = analyses.get(document, kb);
      const index = analysis.indexAt(document.offsetAt(position));
      if (index < 0) return undefined;
      const occurrence = analysis.occurrences.get(index);
      const senses = rankSenses(kb, analysis.occurrences, index);
      const range = new vscode.Range(document.positionAt(occurrence.start), document.positionAt(occurrence.end));
      const markdown = new vscode.MarkdownString(termHoverMarkdown(kb, senses.conceptIds, document.getText(range), settings.value.hoverDetail, senses.likeliest));
      markdown.isTrusted = { enabledCommands: Object.values(HOVER_COMMANDS) };
      markdown.supportHtml = false;
      return new vscode.Hover(markdown, range);
    },
  };

  let registration = register();
  function register(): vscode.Disposable {
    return vscode.languages.registerHoverProvider(settings.value.hoverLanguages.map((language) => ({ language })), provider);
  }
  const onSettings = settings.onDidChange(() => {
    registration.dispose();
    registration = register();
  });
  return new vscode.Disposable(() => {
    onSettings.dispose();
    registration.dispose();
  });
}
