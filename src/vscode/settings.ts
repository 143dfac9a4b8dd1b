import * as vscode from 'vscode';
import type { HoverDetail } from '../core/hover/termHover';

/** Every setting of the extension, read in one place. */
export interface Settings {
  readonly hoverEnabled: boolean;
  readonly hoverLanguages: readonly string[];
  readonly hoverDetail: HoverDetail;
  /** Underline recognised terms in the editor. */
  readonly highlightEnabled: boolean;
  /** A bundled style id, or the path of a user's .csl file when one is set. */
  readonly citationStyle: string;
  readonly latexCiteCommand: string;
  /** Extra bibliography files or globs (workspace-relative or absolute). */
  readonly bibliographies: readonly string[];
  /** Offer the seed review's references alongside the writer's own. */
  readonly includeBundledReferences: boolean;
  /** Hint at bibliography entries the manuscript never cites. */
  readonly reportUnusedEntries: boolean;
  /** Check that acronyms are defined at first use. */
  readonly acronymChecks: boolean;
  readonly acronymSeverity: 'error' | 'warning' | 'information' | 'hint';
  /** Parts of a manuscript whose acronyms must be defined again within them. */
  readonly acronymSeparateScopes: ReadonlyArray<'abstract' | 'figureLegends'>;
  /** Glossary definitions as tooltips in the Markdown preview. */
  readonly previewTermTooltips: boolean;
}

export const SECTION = 'resistanceAtlas';

export const DEFAULT_SETTINGS: Settings = {
  hoverEnabled: true,
  hoverLanguages: ['markdown', 'quarto', 'rmd', 'latex', 'plaintext'],
  hoverDetail: 'full',
  highlightEnabled: false,
  citationStyle: 'vancouver',
  latexCiteCommand: 'cite',
  bibliographies: [],
  includeBundledReferences: true,
  reportUnusedEntries: false,
  acronymChecks: true,
  acronymSeverity: 'information',
  acronymSeparateScopes: [],
  previewTermTooltips: false,
};

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const styleFile = c.get<string>('citations.styleFile', '').trim();
  return {
    hoverEnabled: c.get('hover.enabled', DEFAULT_SETTINGS.hoverEnabled),
    hoverLanguages: c.get('hover.languages', DEFAULT_SETTINGS.hoverLanguages),
    hoverDetail: c.get('hover.detail', DEFAULT_SETTINGS.hoverDetail) === 'short' ? 'short' : 'full',
    highlightEnabled: c.get('highlight.enabled', DEFAULT_SETTINGS.highlightEnabled),
    citationStyle: styleFile || c.get('citations.style', DEFAULT_SETTINGS.citationStyle),
    latexCiteCommand: c.get('citations.latexCommand', DEFAULT_SETTINGS.latexCiteCommand).replace(/^\\/, '') || 'cite',
    bibliographies: c.get('citations.bibliographies', DEFAULT_SETTINGS.bibliographies),
    includeBundledReferences: c.get('citations.includeBundledReferences', DEFAULT_SETTINGS.includeBundledReferences),
    reportUnusedEntries: c.get('citations.reportUnusedEntries', DEFAULT_SETTINGS.reportUnusedEntries),
    acronymChecks: c.get('acronyms.enabled', DEFAULT_SETTINGS.acronymChecks),
    acronymSeverity: (['error', 'warning', 'information', 'hint'] as const).find((v) => v === c.get('acronyms.severity')) ?? DEFAULT_SETTINGS.acronymSeverity,
    acronymSeparateScopes: c.get<string[]>('acronyms.separateScopes', []).filter((v): v is 'abstract' | 'figureLegends' => v === 'abstract' || v === 'figureLegends'),
    previewTermTooltips: c.get('preview.termTooltips', DEFAULT_SETTINGS.previewTermTooltips),
  };
}

/** Current settings, kept up to date by one configuration listener. */
export class SettingsStore implements vscode.Disposable {
  private current = readSettings();
  private readonly emitter = new vscode.EventEmitter<Settings>();
  readonly onDidChange = this.emitter.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(SECTION)) return;
    this.current = readSettings();
    this.emitter.fire(this.current);
  });

  get value(): Settings {
    return this.current;
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
