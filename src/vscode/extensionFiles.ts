import * as vscode from 'vscode';
import type { CslSource } from '../core/citations/citationFormatter';
import { KnowledgeBaseIndex, type KnowledgeBaseFiles } from '../core/knowledgeBase';

const decoder = new TextDecoder('utf-8');

/**
 * Reads one of the extension's own files. The Node entry passes a direct, synchronous file read
 * (the workspace file system goes through IPC in remote hosts, and the knowledge base is then
 * loaded before activate() returns); the web entry uses workspace.fs.
 */
export type ReadExtensionFile = (uri: vscode.Uri) => Promise<Uint8Array> | Uint8Array;

export const readThroughWorkspace: ReadExtensionFile = (uri) => Promise.resolve(vscode.workspace.fs.readFile(uri));

/** The knowledge base from the bytes of dist/knowledge-base.json, which the build writes. */
export function knowledgeBaseFromBytes(bytes: Uint8Array): KnowledgeBaseIndex {
  return new KnowledgeBaseIndex(JSON.parse(decoder.decode(bytes)) as KnowledgeBaseFiles);
}

/** Bundled CSL styles and locales from media/csl; any other style value is a path to a .csl file. */
export function extensionCslSource(extensionUri: vscode.Uri, read: ReadExtensionFile): CslSource {
  const readText = async (uri: vscode.Uri) => decoder.decode(uri.toString().startsWith(extensionUri.toString()) ? await read(uri) : await vscode.workspace.fs.readFile(uri));
  return {
    async readStyle(styleIdOrPath) {
      if (/^[a-z0-9-]+$/.test(styleIdOrPath)) return readText(vscode.Uri.joinPath(extensionUri, 'media', 'csl', 'styles', `${styleIdOrPath}.csl`));
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const uri = /^[a-z][a-z0-9+.-]+:\/\//i.test(styleIdOrPath)
        ? vscode.Uri.parse(styleIdOrPath)
        : styleIdOrPath.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(styleIdOrPath) || !folder
          ? vscode.Uri.file(styleIdOrPath)
          : vscode.Uri.joinPath(folder, styleIdOrPath);
      return readText(uri);
    },
    async readLocale(lang) {
      try {
        return await readText(vscode.Uri.joinPath(extensionUri, 'media', 'csl', 'locales', `locales-${lang}.xml`));
      } catch {
        return undefined;
      }
    },
  };
}
