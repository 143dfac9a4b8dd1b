// The helpers of the integration tests use nothing but the vscode API: the web tests share them.
import type * as vscode from 'vscode';
import { hoverTexts, positionOf } from '../integration/util';

export { activeApi, EXTENSION_ID, openEditor } from '../integration/util';

/** Text of all hovers at the `nth` occurrence of `needle` (one character in), as a reader sees it. */
export async function hoverAt(document: vscode.TextDocument, needle: string, nth = 0): Promise<string> {
  return (await hoverTexts(document.uri, positionOf(document, needle, nth))).join('\n');
}
