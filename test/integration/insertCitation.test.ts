import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, openEditor, setSetting } from './util';

async function insert(language: string, marked: string, keys: string[], command = 'resistanceAtlas.insertCitation'): Promise<{ text: string; editor: vscode.TextEditor }> {
  const editor = await openEditor(language, marked);
  const ok = await vscode.commands.executeCommand<boolean>(command, { keys });
  assert.equal(ok, true, `${command} did not edit`);
  return { text: editor.document.getText(), editor };
}

describe('Insert Citation', () => {
  before(activeApi);
  afterEach(async () => {
    await setSetting('citations.style', undefined);
    await closeAllEditors();
  });

  it('inserts a Pandoc citation cluster in Markdown', async () => {
    assert.equal((await insert('markdown', 'Efflux pumps $$CURSOR$$matter.', ['assaraf2023', 'mao2021'])).text, 'Efflux pumps [@assaraf2023; @mao2021]matter.');
  });

  it('inserts \\cite in LaTeX, with the configured command', async () => {
    assert.equal((await insert('latex', 'Repair~$$CURSOR$$.', ['helleday2022', 'baylin2021'])).text, 'Repair~\\cite{helleday2022,baylin2021}.');
    await setSetting('citations.latexCommand', 'parencite');
    try {
      assert.equal((await insert('latex', 'x $$CURSOR$$', ['mao2021'])).text, 'x \\parencite{mao2021}');
    } finally {
      await setSetting('citations.latexCommand', undefined);
    }
  });

  it('inserts the formatted in-text citation in plain text, in the chosen style', async () => {
    const vancouver = (await insert('plaintext', 'Shown before $$CURSOR$$.', ['assaraf2023', 'mao2021'])).text;
    assert.match(vancouver, /^Shown before \(1,2\)\.\n\n--- References \(Resistance Atlas: assaraf2023 mao2021\) ---\n1\. Assaraf YG/);
    await setSetting('citations.style', 'apa');
    assert.equal((await insert('plaintext', 'Shown before $$CURSOR$$.', ['assaraf2023', 'mao2021'])).text, 'Shown before (Assaraf et al., 2023; Mao et al., 2021).');
  });

  it('numbers plain-text citations as the references block does, and keeps the block in step', async () => {
    const editor = await openEditor('plaintext', 'Efflux $$CURSOR$$.');
    await vscode.commands.executeCommand('resistanceAtlas.insertCitation', { keys: ['assaraf2023'] });
    editor.selection = new vscode.Selection(editor.document.positionAt(editor.document.getText().indexOf('.')), editor.document.positionAt(editor.document.getText().indexOf('.')));
    await vscode.commands.executeCommand('resistanceAtlas.insertCitation', { keys: ['mao2021'] });
    const end = editor.document.positionAt(editor.document.getText().indexOf('\n\n---'));
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('resistanceAtlas.insertCitation', { keys: ['assaraf2023'] });
    const text = editor.document.getText();
    assert.match(text, /^Efflux \(1\)\(2\)\.\(1\)\n\n--- References \(Resistance Atlas: assaraf2023 mao2021\) ---\n1\. Assaraf YG[^\n]*\n2\. Mao X[^\n]*\n--- End of references ---/);
    await vscode.commands.executeCommand('undo');
    assert.match(editor.document.getText(), /^Efflux \(1\)\(2\)\.\n\n/, 'one undo step takes back the last citation');
  });

  it('replaces the selection and is undone in one step', async () => {
    const editor = await openEditor('markdown', 'Cite CITATION-HERE now.');
    editor.selection = new vscode.Selection(0, 5, 0, 18);
    await vscode.commands.executeCommand('resistanceAtlas.insertCitation', { keys: ['levine2021'] });
    assert.equal(editor.document.getText(), 'Cite [@levine2021] now.');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'Cite CITATION-HERE now.');
  });

  it('inserts at every cursor in one edit', async () => {
    const editor = await openEditor('markdown', 'a  b ');
    editor.selections = [new vscode.Selection(0, 1, 0, 1), new vscode.Selection(0, 4, 0, 4)];
    await vscode.commands.executeCommand('resistanceAtlas.insertCitation', ['marusyk2021']);
    assert.equal(editor.document.getText(), 'a[@marusyk2021]  b[@marusyk2021] ');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'a  b ');
  });

  it('leaves the document untouched for an unknown key', async () => {
    const editor = await openEditor('markdown', 'unchanged');
    const ok = await vscode.commands.executeCommand('resistanceAtlas.insertCitation', { keys: ['nobody1999'] });
    assert.equal(ok, false);
    assert.equal(editor.document.getText(), 'unchanged');
  });
});

describe('Insert Formatted Reference', () => {
  before(activeApi);
  afterEach(async () => {
    await setSetting('citations.style', undefined);
    await closeAllEditors();
  });

  it('inserts the full references in the chosen style', async () => {
    const { text } = await insert('plaintext', 'References:\n$$CURSOR$$', ['assaraf2023'], 'resistanceAtlas.insertFormattedReference');
    assert.equal(text, 'References:\n1. Assaraf YG, Bouchard G, Wang S. Drug efflux transporters in multidrug resistance: Mechanisms and therapeutic strategies. Drug Resist Updat. 2023;67:100910.');
    await setSetting('citations.style', 'nature');
    const nature = await insert('markdown', '$$CURSOR$$', ['galluzzi2022', 'mao2021'], 'resistanceAtlas.insertFormattedReference');
    assert.equal(
      nature.text,
      '1. Galluzzi, L., Chakrabarti, S. & Vergnes, A. The Interplay Between the Immune System and Cancer Chemotherapy. Cancer Cell 40, 1206–1226 (2022).\n2. Mao, X., Chen, J. & Chen, J. The Tumor Microenvironment and Its Role in Mediating Drug Resistance. Cells 10, 222 (2021).',
    );
  });

  it('uses a .csl file the writer points the setting at, and reports a broken one', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const extension = vscode.extensions.getExtension('resistance-atlas.resistance-atlas')!;
    const apa = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'media', 'csl', 'styles', 'apa.csl'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'my-style.csl'), apa);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'broken.csl'), new TextEncoder().encode('not xml'));
    try {
      await vscode.workspace.getConfiguration('resistanceAtlas').update('citations.styleFile', 'my-style.csl', vscode.ConfigurationTarget.Global);
      assert.equal((await insert('plaintext', '$$CURSOR$$', ['mao2021'])).text, '(Mao et al., 2021)');
      await vscode.workspace.getConfiguration('resistanceAtlas').update('citations.styleFile', 'broken.csl', vscode.ConfigurationTarget.Global);
      const editor = await openEditor('plaintext', 'kept');
      assert.equal(await vscode.commands.executeCommand('resistanceAtlas.insertCitation', { keys: ['mao2021'] }), false);
      assert.equal(editor.document.getText(), 'kept');
    } finally {
      await vscode.workspace.getConfiguration('resistanceAtlas').update('citations.styleFile', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
