import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, hoverTexts, openEditor, positionOf, sampleUri, setSetting } from './util';

describe('jargon hovers', () => {
  before(activeApi);
  afterEach(closeAllEditors);

  it('explains BCRP in a Markdown manuscript, with synonyms, mechanism and a citation link', async () => {
    const document = await vscode.workspace.openTextDocument(sampleUri('review-draft.md'));
    const [text] = await hoverTexts(document.uri, positionOf(document, 'BCRP or P-gp'));
    assert.ok(text, 'no hover on BCRP');
    assert.match(text, /Breast cancer resistance protein/);
    assert.match(text, /ABCG2/);
    assert.match(text, /Altered drug transport and efflux/);
    assert.match(text, /command:resistanceAtlas\.insertCitation\?/);
  });

  it('explains P-gp through any of its synonyms', async () => {
    const document = await vscode.workspace.openTextDocument(sampleUri('review-draft.md'));
    for (const form of ['P-gp pump', 'ABCB1 and']) {
      const [text] = await hoverTexts(document.uri, positionOf(document, form));
      assert.match(text ?? '', /P-glycoprotein/, form);
    }
  });

  it('links only to the extension\'s own commands', async () => {
    const document = await vscode.workspace.openTextDocument(sampleUri('review-draft.md'));
    const [text] = await hoverTexts(document.uri, positionOf(document, 'TME is'));
    const commands = [...(text ?? '').matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.ok(commands.length > 0);
    for (const c of commands) assert.match(c, /^resistanceAtlas\.(insertCitation|revealMechanism)$/);
  });

  it('shows no hover in code blocks, code spans or URLs', async () => {
    const document = await vscode.workspace.openTextDocument(sampleUri('review-draft.md'));
    assert.deepEqual(await hoverTexts(document.uri, positionOf(document, 'BCRP = load')), []);
    assert.deepEqual(await hoverTexts(document.uri, positionOf(document, 'P-gp` in code')), []);
    assert.deepEqual(await hoverTexts(document.uri, positionOf(document, 'BCRP in links')), []);
  });

  it('explains terms in LaTeX but not in comments, math or command names', async () => {
    const document = await vscode.workspace.openTextDocument(sampleUri('review-draft.tex'));
    assert.equal(document.languageId, 'latex');
    const [hrr] = await hoverTexts(document.uri, positionOf(document, 'HRR'));
    assert.match(hrr ?? '', /Homologous recombination/i);
    const [abcb1] = await hoverTexts(document.uri, positionOf(document, 'ABCB1'));
    assert.match(abcb1 ?? '', /P-glycoprotein/);
    assert.deepEqual(await hoverTexts(document.uri, positionOf(document, 'BER in a comment')), []);
    assert.deepEqual(await hoverTexts(document.uri, positionOf(document, 'BER}')), []);
  });

  it('explains terms in a long manuscript with non-ASCII prose, through the WebAssembly scanner of the Node host', async () => {
    // Over 64 KiB: scanned by WebAssembly, from text that Node's Buffer copies as UTF-16.
    const paragraph = 'Resistance to anti-TNF-α therapy and β-catenin signalling were reported by Müller’s group – with P-gp and `BCRP` in code – in the tumour’s niche.\n\n';
    const editor = await openEditor('markdown', paragraph.repeat(800) + 'Finally, ABCG2 (BCRP) efflux and NF-κB activity rose.');
    const document = editor.document;
    assert.ok(document.getText().length > 100_000);
    const [bcrp] = await hoverTexts(document.uri, positionOf(document, 'BCRP) efflux'));
    assert.match(bcrp ?? '', /Breast cancer resistance protein/);
    const [nfkb] = await hoverTexts(document.uri, positionOf(document, 'NF-κB activity'));
    assert.match(nfkb ?? '', /NF-κB|nuclear factor/i);
    const [catenin] = await hoverTexts(document.uri, positionOf(document, 'β-catenin', 700));
    assert.match(catenin ?? '', /catenin/i);
    const [pgp] = await hoverTexts(document.uri, positionOf(document, 'P-gp and', 799));
    assert.match(pgp ?? '', /P-glycoprotein/);
    assert.deepEqual(await hoverTexts(document.uri, positionOf(document, 'BCRP` in code', 799)), []);
    const api = await activeApi();
    assert.equal(api.knowledgeBase.current?.termMatcher.scansWithWebAssembly, true);
  });

  it('explains terms in plain text and follows edits', async () => {
    const editor = await openEditor('plaintext', 'Notes on CAFs.');
    const [caf] = await hoverTexts(editor.document.uri, positionOf(editor.document, 'CAFs'));
    assert.match(caf ?? '', /Cancer-associated fibroblast/i);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'The TME. '));
    const [tme] = await hoverTexts(editor.document.uri, positionOf(editor.document, 'TME'));
    assert.match(tme ?? '', /microenvironment/i);
  });

  it('follows the languages setting', async () => {
    const editor = await openEditor('plaintext', 'BCRP');
    try {
      await setSetting('hover.languages', ['markdown']);
      assert.deepEqual(await hoverTexts(editor.document.uri, new vscode.Position(0, 1)), []);
    } finally {
      await setSetting('hover.languages', undefined);
    }
    const [text] = await hoverTexts(editor.document.uri, new vscode.Position(0, 1));
    assert.match(text ?? '', /Breast cancer resistance protein/);
  });
});

describe('term underlining', () => {
  afterEach(async () => {
    await setSetting('highlight.enabled', undefined);
    await closeAllEditors();
  });

  async function underlinedTexts(editor: vscode.TextEditor, wait = 600): Promise<string[]> {
    await new Promise((r) => setTimeout(r, wait));
    const { termHighlights } = await activeApi();
    return termHighlights.underlined(editor).map((r) => editor.document.getText(r));
  }

  it('is off by default, and underlines recognised terms outside code when turned on', async () => {
    const editor = await openEditor('markdown', 'BCRP and P-gp.\n\n`BCRP` in code.\n');
    assert.deepEqual(await underlinedTexts(editor), []);
    await setSetting('highlight.enabled', true);
    assert.deepEqual(await underlinedTexts(editor), ['BCRP', 'P-gp']);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'CAFs and '));
    assert.deepEqual(await underlinedTexts(editor), ['CAFs', 'BCRP', 'P-gp']);
  });
});
