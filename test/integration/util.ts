import * as vscode from 'vscode';
import type { ResistanceAtlasApi } from '../../src/extension';

export const EXTENSION_ID = 'resistance-atlas.resistance-atlas';

/** Activates the extension and waits until its knowledge base has loaded. */
export async function activeApi(): Promise<ResistanceAtlasApi> {
  const extension = vscode.extensions.getExtension<ResistanceAtlasApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

/** The first workspace folder: a scratch copy of sample/ that the runner opened. */
export function sampleUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need the sample workspace open');
  return vscode.Uri.joinPath(folder.uri, name);
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

/** Text of all hovers at a position, from every provider, with Markdown's backslash escapes removed, as a reader sees it. */
export async function hoverTexts(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value).replace(/\\([\\`*_{}[\]()#+\-.!|~])/g, '$1')));
}

/** Position of the n-th (0-based) occurrence of `needle` in a document, plus `delta` characters. */
export function positionOf(document: vscode.TextDocument, needle: string, nth = 0, delta = 1): vscode.Position {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = document.getText().indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" #${nth} not in ${document.uri.toString()}`);
  }
  return document.positionAt(index + delta);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('resistanceAtlas').update(key, value, vscode.ConfigurationTarget.Global);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Waits until `read()` satisfies `ok`, for results that arrive after a debounce or a file event. */
export async function eventually<T>(read: () => T | PromiseLike<T>, ok: (value: T) => boolean, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 150));
    value = await read();
  }
  return value;
}
