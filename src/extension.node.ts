import { readFileSync } from 'node:fs';
import type * as vscode from 'vscode';
import { activateShared, type ResistanceAtlasApi } from './extension';
import { installNodeTextCopy } from './node/utf16Copy';

/**
 * The Node entry: the extension's own files are read straight from disk, synchronously: they
 * are small (the knowledge base is 0.5 MB, a style at most 70 KB) and read once, and an async
 * read would wait behind the rest of the extension host's start-up.
 */
export function activate(context: vscode.ExtensionContext): ResistanceAtlasApi {
  installNodeTextCopy();
  return activateShared(context, (uri) => readFileSync(uri.fsPath));
}

export function deactivate(): void {}
