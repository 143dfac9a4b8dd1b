import * as vscode from 'vscode';
import type { ResistanceAtlasApi } from '../../src/extension';

export const EXTENSION_ID = 'resistance-atlas.resistance-atlas';

/** Activates the extension (its web-worker build here) and waits until its knowledge base has loaded. */
export async function activeApi(): Promise<ResistanceAtlasApi> {
  const extension = vscode.extensions.getExtension<ResistanceAtlasApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

/** Opens an untitled document in an editor; `$$CURSOR$$` marks where the selection goes. */
export async function openEditor(language: string, marked: string): Promise<vscode.TextEditor> {
  const offset = marked.indexOf('$$CURSOR$$');
  const content = marked.replace('$$CURSOR$$', '');
  const document = await vscode.workspace.openTextDocument({ language, content });
  const editor = await vscode.window.showTextDocument(document);
  const position = document.positionAt(offset < 0 ? content.length : offset);
  editor.selection = new vscode.Selection(position, position);
  return editor;
}

/** Text of all hovers at the `nth` occurrence of `needle` (one character in), as a reader sees it. */
export async function hoverAt(document: vscode.TextDocument, needle: string, nth = 0): Promise<string> {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = document.getText().indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" #${nth} not in ${document.uri.toString()}`);
  }
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(index + 1))) ?? [];
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
    .join('\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');
}
