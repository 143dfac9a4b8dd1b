import type * as vscode from 'vscode';
import { activateShared, type ResistanceAtlasApi } from './extension';
import { readThroughWorkspace } from './vscode/extensionFiles';

/** The web-worker entry (vscode.dev): the same features; every file is read through vscode.workspace.fs. */
export function activate(context: vscode.ExtensionContext): ResistanceAtlasApi {
  return activateShared(context, readThroughWorkspace);
}

export function deactivate(): void {}
