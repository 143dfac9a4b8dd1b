import type { MarkdownIt } from 'markdown-it';
import * as vscode from 'vscode';
import citationStyles from '../data/citation-styles.json';
import { CitationService } from './core/citations/citationService';
import { registerAcronymChecks } from './features/acronymChecks';
import { registerBibliographyCommands } from './features/bibliographyCommands';
import { registerCitationCompletion } from './features/citationCompletion';
import { registerCitationDiagnostics } from './features/citationDiagnostics';
import { registerCitationNavigation } from './features/citationNavigation';
import { registerCitationCommands } from './features/insertCitation';
import { registerJargonHover } from './features/jargonHover';
import { createMarkdownPreview } from './features/markdownPreview';
import { registerMechanismCoverage } from './features/mechanismCoverage';
import { registerMechanismPages, type MechanismPages } from './features/mechanismPage';
import { createMechanismsView, MechanismTreeProvider, registerMechanismTree } from './features/mechanismTree';
import { registerTermHighlights, type TermHighlights } from './features/termHighlights';
import { BibliographyStore } from './vscode/bibliographyStore';
import { DocumentAnalyses } from './vscode/documentAnalyses';
import { extensionCslSource, type ReadExtensionFile } from './vscode/extensionFiles';
import { KnowledgeBaseState } from './vscode/knowledgeBaseState';
import { SettingsStore } from './vscode/settings';

const BUNDLED_STYLE_IDS = citationStyles.styles.map((s) => s.id);

/** What activate() returns: used by integration tests and other extensions. */
export interface ResistanceAtlasApi {
  /** Settles when the knowledge base has been loaded (or has failed to load). */
  readonly ready: Promise<void>;
  readonly knowledgeBase: KnowledgeBaseState;
  /** The Mechanisms view's data, as the view sees it. */
  readonly mechanismTree: MechanismTreeProvider;
  /** The mechanism pages (webviews): open panels and the handler of their messages. */
  readonly mechanismPages: MechanismPages;
  readonly termHighlights: TermHighlights;
  /** VS Code's Markdown preview calls this (contributes."markdown.markdownItPlugins"). */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  /** Milliseconds spent in activate() itself, and until the knowledge base was loaded. */
  readonly timings: { readonly activate: number; ready?: number };
}

/**
 * The composition root, shared by the Node and the web-worker entry points: builds every
 * object once and wires the features. Nothing else creates services.
 */
export function activateShared(context: vscode.ExtensionContext, readFile: ReadExtensionFile): ResistanceAtlasApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Resistance Atlas', { log: true });
  const settings = new SettingsStore();
  const kbState = new KnowledgeBaseState(context.extensionUri, readFile, log);
  const analyses = new DocumentAnalyses();
  const mechanismTree = new MechanismTreeProvider(kbState);
  const mechanismsView = createMechanismsView(mechanismTree);
  const termHighlights = registerTermHighlights(kbState, analyses, settings);
  const citations = new CitationService(extensionCslSource(context.extensionUri, readFile), () => kbState.current?.references ?? []);
  const bibliographies = new BibliographyStore(kbState, settings, log);
  const preview = createMarkdownPreview(kbState, bibliographies, citations, settings);
  const mechanismPages = registerMechanismPages(kbState, context.extensionUri);

  context.subscriptions.push(
    log,
    settings,
    kbState,
    analyses,
    bibliographies,
    settings.onDidChange(() => citations.reset()),
    kbState.onDidChange(() => citations.reset()),
    bibliographies.onDidChange(() => citations.reset()),
    registerMechanismTree(mechanismTree, mechanismsView, kbState),
    registerMechanismCoverage(kbState, analyses, settings, mechanismTree, mechanismsView),
    mechanismPages,
    registerJargonHover(kbState, analyses, settings),
    termHighlights,
    registerCitationCommands(kbState, bibliographies, citations, settings),
    registerCitationCompletion(bibliographies),
    registerCitationNavigation(bibliographies, citations, settings),
    registerCitationDiagnostics(bibliographies, settings),
    registerBibliographyCommands(bibliographies, citations, settings),
    registerAcronymChecks(kbState, settings, context.workspaceState),
    preview.disposable,
  );

  const timings: { activate: number; ready?: number } = { activate: 0 };
  // citeproc-js builds an APA engine in about 0.1-1.4 s: do it for every bundled style while the
  // writer is reading, the configured one first, never on the path of a command.
  const warmUp = () => {
    const style = settings.value.citationStyle;
    const timer = setTimeout(() => void citations.warm([style, ...BUNDLED_STYLE_IDS.filter((s) => s !== style)], () => new Promise((r) => setTimeout(r, 50))), 1000);
    context.subscriptions.push(new vscode.Disposable(() => clearTimeout(timer)));
  };
  const ready = kbState.load().then(() => {
    warmUp();
    // When the knowledge base was there (in the Node host, before activate() returned).
    timings.ready = kbState.lastLoad.finishedAt - started;
    log.info(`activated in ${timings.activate.toFixed(1)} ms; knowledge base ready after ${timings.ready.toFixed(1)} ms`);
  });
  timings.activate = performance.now() - started;
  return { ready, knowledgeBase: kbState, mechanismTree, mechanismPages, termHighlights, timings, extendMarkdownIt: (md) => preview.extendMarkdownIt(md) };
}
