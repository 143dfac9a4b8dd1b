import type * as vscode from 'vscode';
import { activateShared, type ResistanceAtlasApi } from './extension';

export function activate(context: vscode.ExtensionContext): ResistanceAtlasApi {
  return activateShared(context);
}

export function deactivate(): void {}
