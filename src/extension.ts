import * as vscode from 'vscode';
import { CitationService } from './core/citations/citationService';
import { registerCitationCommands } from './features/insertCitation';
import { registerJargonHover } from './features/jargonHover';
import { MechanismTreeProvider, registerMechanismTree } from './features/mechanismTree';
import { registerTermHighlights, type TermHighlights } from './features/termHighlights';
import { DocumentAnalyses } from './vscode/documentAnalyses';
import { extensionCslSource } from './vscode/extensionFiles';
import { KnowledgeBaseState } from './vscode/knowledgeBaseState';
import { SettingsStore } from './vscode/settings';

/** What activate() returns: used by integration tests and other extensions. */
export interface ResistanceAtlasApi {
  /** Settles when the knowledge base has been loaded (or has failed to load). */
  readonly ready: Promise<void>;
  readonly knowledgeBase: KnowledgeBaseState;
  /** The Mechanisms view's data, as the view sees it. */
  readonly mechanismTree: MechanismTreeProvider;
  readonly termHighlights: TermHighlights;
  /** Milliseconds spent in activate() itself, and until the knowledge base was loaded. */
  readonly timings: { readonly activate: number; ready?: number };
}

/**
 * The composition root, shared by the Node and the web-worker entry points: builds every
 * object once and wires the features. Nothing else creates services.
 */
export function activateShared(context: vscode.ExtensionContext): ResistanceAtlasApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Resistance Atlas', { log: true });
  const settings = new SettingsStore();
  const kbState = new KnowledgeBaseState(context.extensionUri, log);
  const analyses = new DocumentAnalyses();
  const mechanismTree = new MechanismTreeProvider(kbState);
  const termHighlights = registerTermHighlights(kbState, analyses, settings);
  const citations = new CitationService(extensionCslSource(context.extensionUri), () => kbState.current?.references ?? []);

  context.subscriptions.push(
    log,
    settings,
    kbState,
    analyses,
    settings.onDidChange(() => citations.reset()),
    kbState.onDidChange(() => citations.reset()),
    registerMechanismTree(mechanismTree, kbState),
    registerJargonHover(kbState, analyses, settings),
    termHighlights,
    registerCitationCommands(kbState, citations, settings),
  );

  const timings: { activate: number; ready?: number } = { activate: 0 };
  const ready = kbState.load().then(() => {
    timings.ready = performance.now() - started;
    log.info(`activated in ${timings.activate.toFixed(1)} ms; knowledge base ready after ${timings.ready.toFixed(1)} ms`);
  });
  timings.activate = performance.now() - started;
  return { ready, knowledgeBase: kbState, mechanismTree, termHighlights, timings };
}
