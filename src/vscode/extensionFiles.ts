import * as vscode from 'vscode';
import type { CslSource } from '../core/citations/citationFormatter';
import { KnowledgeBaseIndex, type KnowledgeBaseFiles } from '../core/knowledgeBase';

const decoder = new TextDecoder('utf-8');

async function readText(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await vscode.workspace.fs.readFile(uri));
}

/** Loads the knowledge base that the build bundles into dist/knowledge-base.json. */
export async function loadKnowledgeBase(extensionUri: vscode.Uri): Promise<KnowledgeBaseIndex> {
  const files = JSON.parse(await readText(vscode.Uri.joinPath(extensionUri, 'dist', 'knowledge-base.json'))) as KnowledgeBaseFiles;
  return new KnowledgeBaseIndex(files);
}

/** Bundled CSL styles and locales from media/csl; any other style value is a path to a .csl file. */
export function extensionCslSource(extensionUri: vscode.Uri): CslSource {
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
