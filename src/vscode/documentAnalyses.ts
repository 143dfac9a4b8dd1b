import * as vscode from 'vscode';
import type { KnowledgeBaseIndex } from '../core/knowledgeBase';
import { DocumentAnalysis } from '../core/terms/documentAnalysis';
import { dialectOf } from '../core/terms/excludedRanges';

interface Entry {
  version: number;
  text: string;
  kb: KnowledgeBaseIndex;
  analysis: DocumentAnalysis;
}

/**
 * Term analyses of open documents, one per document version. A document is analysed in full on
 * first use; afterwards each edit re-analyses only the paragraphs it touches. Dropped on close.
 */
export class DocumentAnalyses implements vscode.Disposable {
  private readonly cache = new Map<string, Entry>();
  private readonly subscriptions = [
    vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d.uri.toString())),
    vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
  ];

  get(document: vscode.TextDocument, kb: KnowledgeBaseIndex): DocumentAnalysis {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version && hit.kb === kb) return hit.analysis;
    const text = document.getText();
    const analysis = DocumentAnalysis.analyse(text, dialectOf(document.languageId), kb.termMatcher);
    this.cache.set(key, { version: document.version, text, kb, analysis });
    return analysis;
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const entry = this.cache.get(key);
    if (!entry || e.contentChanges.length === 0) return;
    if (entry.version !== e.document.version - 1) {
      this.cache.delete(key);
      return;
    }
    const text = e.document.getText();
    const edits = e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text }));
    entry.analysis = entry.analysis.update(entry.text, text, edits, entry.kb.termMatcher);
    entry.text = text;
    entry.version = e.document.version;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.cache.clear();
  }
}
