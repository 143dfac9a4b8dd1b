import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeApi, openEditor } from './util';

describe('web worker: citations', () => {
  before(activeApi);

  it('inserts a Pandoc citation cluster, one undo step', async () => {
    const editor = await openEditor('markdown', 'Efflux pumps $$CURSOR$$matter.');
    assert.equal(await vscode.commands.executeCommand('resistanceAtlas.insertCitation', { keys: ['assaraf2023', 'mao2021'] }), true);
    assert.equal(editor.document.getText(), 'Efflux pumps [@assaraf2023; @mao2021]matter.');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'Efflux pumps matter.');
  });

  it('formats a reference with citeproc-js and the bundled Vancouver style, read through workspace.fs', async () => {
    const editor = await openEditor('plaintext', 'References:\n$$CURSOR$$');
    assert.equal(await vscode.commands.executeCommand('resistanceAtlas.insertFormattedReference', { keys: ['assaraf2023'] }), true);
    assert.equal(
      editor.document.getText(),
      'References:\n1. Assaraf YG, Bouchard G, Wang S. Drug efflux transporters in multidrug resistance: Mechanisms and therapeutic strategies. Drug Resist Updat. 2023;67:100910.',
    );
  });
});
