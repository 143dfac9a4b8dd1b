import * as vscode from 'vscode';
import type { KnowledgeBaseIndex } from '../core/knowledgeBase';
import { abbreviationListEdit, abbreviationsUsed } from '../core/manuscript/abbreviationList';
import { checkAcronyms, expandAtFirstUse, knownAcronymsOf, properNounsOf, type AcronymFinding, type KnownAcronym } from '../core/manuscript/acronyms';
import { dialectOf } from '../core/terms/excludedRanges';
import type { KnowledgeBaseState } from '../vscode/knowledgeBaseState';
import { watchDocuments } from '../vscode/documentChecks';
import type { SettingsStore } from '../vscode/settings';

export const UPDATE_ABBREVIATIONS = 'resistanceAtlas.updateAbbreviations';
const IGNORE_COMMAND = '_resistanceAtlas.ignoreAcronym';
const DEBOUNCE_MS = 500;

const findings = new WeakMap<vscode.Diagnostic, AcronymFinding>();

/**
 * Acronyms defined at first use: diagnostics (fixed codes, severity a setting) with the quick
 * fixes "Expand at first use" and "Ignore ACR in this document", and the command that writes the
 * list of abbreviations.
 */
export function registerAcronymChecks(kbState: KnowledgeBaseState, settings: SettingsStore, workspaceState: vscode.Memento): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('resistance-atlas-acronyms');
  let known: { kb: KnowledgeBaseIndex; acronyms: KnownAcronym[]; properNouns: ReadonlySet<string> } | undefined;
  const knownOf = (kb: KnowledgeBaseIndex) => {
    if (known?.kb !== kb) known = { kb, acronyms: knownAcronymsOf(kb.concepts), properNouns: properNounsOf(kb.concepts) };
    return known;
  };
  const acronymsOf = (kb: KnowledgeBaseIndex) => knownOf(kb).acronyms;
  const ignoredKey = (uri: vscode.Uri) => `acronyms.ignored:${uri.toString()}`;

  function check(document: vscode.TextDocument): void {
    const kb = kbState.current;
    const s = settings.value;
    if (!kb || document.isClosed || !s.acronymChecks || !s.hoverLanguages.includes(document.languageId)) {
      collection.delete(document.uri);
      return;
    }
    const severity = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, information: vscode.DiagnosticSeverity.Information, hint: vscode.DiagnosticSeverity.Hint }[s.acronymSeverity];
    const found = checkAcronyms(document.getText(), dialectOf(document.languageId), acronymsOf(kb), {
      separateScopes: s.acronymSeparateScopes,
      ignored: workspaceState.get<string[]>(ignoredKey(document.uri), []),
    });
    collection.set(
      document.uri,
      found.map((f) => {
        const d = new vscode.Diagnostic(new vscode.Range(document.positionAt(f.start), document.positionAt(f.end)), f.message, severity);
        d.code = f.code;
        d.source = 'Resistance Atlas';
        findings.set(d, f);
        return d;
      }),
    );
  }

  const actions: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const out: vscode.CodeAction[] = [];
      for (const d of context.diagnostics) {
        const f = findings.get(d);
        if (!f) continue;
        if ((f.code === 'acronym-used-before-definition' || f.code === 'acronym-not-defined') && f.longForm) {
          const kb = kbState.current;
          const properNouns = kb ? knownOf(kb).properNouns : undefined;
          const edit = expandAtFirstUse(document.getText(), dialectOf(document.languageId), f.acronym, f.longForm, f.scope, settings.value.acronymSeparateScopes, properNouns);
          if (edit) {
            const a = new vscode.CodeAction(vscode.l10n.t('Expand at first use: "{0}"', edit.text), vscode.CodeActionKind.QuickFix);
            a.edit = new vscode.WorkspaceEdit();
            a.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text);
            a.diagnostics = [d];
            a.isPreferred = true;
            out.push(a);
          }
        }
        const ignore = new vscode.CodeAction(vscode.l10n.t('Ignore {0} in this document', f.acronym), vscode.CodeActionKind.QuickFix);
        ignore.command = { title: ignore.title, command: IGNORE_COMMAND, arguments: [document.uri.toString(), f.acronym] };
        ignore.diagnostics = [d];
        out.push(ignore);
      }
      return out;
    },
  };

  return vscode.Disposable.from(
    collection,
    vscode.languages.registerCodeActionsProvider(
      ['markdown', 'quarto', 'rmd', 'latex', 'plaintext'].map((language) => ({ language })),
      actions,
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    vscode.commands.registerCommand(IGNORE_COMMAND, async (uri: string, acronym: string) => {
      const target = vscode.Uri.parse(uri);
      const ignored = workspaceState.get<string[]>(ignoredKey(target), []);
      if (!ignored.includes(acronym)) await workspaceState.update(ignoredKey(target), [...ignored, acronym]);
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (document) check(document);
    }),
    vscode.commands.registerCommand(UPDATE_ABBREVIATIONS, async () => {
      const editor = vscode.window.activeTextEditor;
      const kb = kbState.current ?? (await kbState.settled());
      if (!editor || !kb) return false;
      const document = editor.document;
      const dialect = dialectOf(document.languageId);
      const entries = abbreviationsUsed(document.getText(), dialect, acronymsOf(kb));
      const edit = abbreviationListEdit(document.getText(), dialect, entries, document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n');
      if (!edit) return true;
      return editor.edit((b) => b.replace(new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text));
    }),
    watchDocuments(check, (d) => collection.delete(d.uri), [kbState.onDidChange, settings.onDidChange], DEBOUNCE_MS),
  );
}
