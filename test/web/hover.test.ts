import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeApi, hoverAt, openEditor } from './util';

describe('web worker: jargon hovers', () => {
  before(activeApi);

  it('explains jargon in a manuscript of the opened folder, synonym-aware, and not in code', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the web tests open sample/');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'review-draft.md'));
    assert.match(await hoverAt(document, 'BCRP or P-gp'), /Breast cancer resistance protein/);
    assert.match(await hoverAt(document, 'ABCB1 and'), /P-glycoprotein/);
    assert.equal(await hoverAt(document, 'BCRP = load'), '');
  });

  it('scans a long manuscript with WebAssembly reading UTF-8 from TextEncoder (no Buffer in a worker)', async () => {
    const paragraph = 'Resistance to anti-TNF-α therapy and β-catenin signalling were reported by Müller’s group – with P-gp and `BCRP` in code – in the tumour’s niche.\n\n';
    const editor = await openEditor('markdown', paragraph.repeat(800) + 'Finally, ABCG2 (BCRP) efflux and NF-κB activity rose.');
    const document = editor.document;
    assert.ok(document.getText().length > 100_000);
    assert.match(await hoverAt(document, 'BCRP) efflux'), /Breast cancer resistance protein/);
    assert.match(await hoverAt(document, 'β-catenin', 700), /catenin/i);
    assert.match(await hoverAt(document, 'P-gp and', 799), /P-glycoprotein/);
    assert.equal(await hoverAt(document, 'BCRP` in code', 799), '');
    const api = await activeApi();
    assert.equal(api.knowledgeBase.current?.termMatcher.scansWithWebAssembly, true);
  });
});
