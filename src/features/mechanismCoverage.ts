import * as vscode from 'vscode';
import { findCitedKeys } from '../core/citations/citationScanner';
import { mechanismCoverage } from '../core/manuscript/coverage';
import type { MechanismId } from '../core/model';
import { dialectOf } from '../core/terms/excludedRanges';
import type { DocumentAnalyses } from '../vscode/documentAnalyses';
import { debounceFor } from '../vscode/documentChecks';
import type { KnowledgeBaseState } from '../vscode/knowledgeBaseState';
import type { SettingsStore } from '../vscode/settings';
import type { MechanismTreeNode, MechanismTreeProvider } from './mechanismTree';

const GAPS_CONTEXT = 'resistanceAtlas.gapsOnly';


/**
 * The Mechanisms view's coverage of the active manuscript (mentions, citations, gaps), kept up
 * to date as the writer types; the gaps filter; Find Occurrences from a mechanism or term node;
 * Reveal in Mechanisms for the term under the cursor.
 */
export function registerMechanismCoverage(
  kbState: KnowledgeBaseState,
  analyses: DocumentAnalyses,
  settings: SettingsStore,
  tree: MechanismTreeProvider,
  view: vscode.TreeView<MechanismTreeNode>,
): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  void vscode.commands.executeCommand('setContext', GAPS_CONTEXT, false);

  const isManuscript = (document: vscode.TextDocument) => settings.value.hoverLanguages.includes(document.languageId);

  function update(): void {
    const editor = vscode.window.activeTextEditor;
    const kb = kbState.current;
    if (!editor || !kb || !isManuscript(editor.document)) {
      tree.setCoverage(undefined, undefined);
      return;
    }
    const document = editor.document;
    const dialect = dialectOf(document.languageId);
    const occurrences = analyses.get(document, kb).occurrences;
    const cited = dialect === 'plain' ? [] : findCitedKeys(document.getText(), dialect).map((c) => ({ key: c.key, offset: c.start }));
    tree.setCoverage(document.uri.path.split('/').pop() ?? '', mechanismCoverage(kb, document.getText(), occurrences, cited));
  }

  function schedule(delay: number): void {
    clearTimeout(timer);
    timer = setTimeout(update, delay);
  }

  /** Ranges of the active manuscript where `conceptIds` (any of them) occur. */
  function occurrencesOf(match: (conceptIds: readonly string[]) => boolean): { editor: vscode.TextEditor; locations: vscode.Location[] } | undefined {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => isManuscript(e.document));
    const kb = kbState.current;
    if (!editor || !kb) return undefined;
    const document = editor.document;
    const locations = analyses
      .get(document, kb)
      .occurrences.toArray()
      .filter((o) => match(o.conceptIds))
      .map((o) => new vscode.Location(document.uri, new vscode.Range(document.positionAt(o.start), document.positionAt(o.end))));
    return { editor, locations };
  }

  const disposable = vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(() => schedule(0)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) schedule(debounceFor(e.document, 400));
    }),
    kbState.onDidChange(() => schedule(0)),
    settings.onDidChange(() => schedule(0)),
    new vscode.Disposable(() => clearTimeout(timer)),
    vscode.commands.registerCommand('resistanceAtlas.showGapsOnly', () => {
      tree.setGapsOnly(true);
      void vscode.commands.executeCommand('setContext', GAPS_CONTEXT, true);
    }),
    vscode.commands.registerCommand('resistanceAtlas.showAllMechanisms', () => {
      tree.setGapsOnly(false);
      void vscode.commands.executeCommand('setContext', GAPS_CONTEXT, false);
    }),
    vscode.commands.registerCommand('resistanceAtlas.findOccurrences', async (node?: MechanismTreeNode) => {
      const kb = kbState.current;
      if (!node || !kb || (node.kind !== 'mechanism' && node.kind !== 'term')) return [];
      const match =
        node.kind === 'term'
          ? (ids: readonly string[]) => ids.includes(node.concept.id)
          : (ids: readonly string[]) => ids.some((id) => kb.concept(id)?.mechanisms.includes(node.mechanism.id as MechanismId));
      const found = occurrencesOf(match);
      if (!found) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a manuscript to find occurrences in.'));
        return [];
      }
      if (found.locations.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Not mentioned in {0}.', found.editor.document.uri.path.split('/').pop() ?? ''));
        return [];
      }
      const first = found.locations[0].range.start;
      await vscode.commands.executeCommand('editor.action.showReferences', found.editor.document.uri, first, found.locations);
      return found.locations;
    }),
    vscode.commands.registerCommand('resistanceAtlas.revealInMechanisms', async () => {
      const editor = vscode.window.activeTextEditor;
      const kb = kbState.current;
      if (!editor || !kb) return false;
      const occurrence = analyses.get(editor.document, kb).occurrenceAt(editor.document.offsetAt(editor.selection.active), true);
      const concept = occurrence && kb.concept(occurrence.conceptIds[0]);
      const mechanism = concept ? (kb.mechanisms.find((m) => m.keyTerms.includes(concept.id)) ?? kb.mechanism(concept.mechanisms[0] ?? '')) : undefined;
      if (!concept || !mechanism) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No resistance mechanism is linked to the word under the cursor.'));
        return false;
      }
      const node: MechanismTreeNode = mechanism.keyTerms.includes(concept.id) ? { kind: 'term', mechanism, concept } : (tree.rootOf(mechanism.id) as MechanismTreeNode);
      await view.reveal(node, { select: true, focus: true, expand: true });
      return true;
    }),
  );
  schedule(0);
  return disposable;
}
