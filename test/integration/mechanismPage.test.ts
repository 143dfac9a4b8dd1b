import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, openEditor, sampleUri } from './util';

const OPEN = 'resistanceAtlas.openMechanismPage';
const EFFLUX = 'drug-transport-efflux';

/** A function, so that the compiler does not narrow it between awaits. */
const activeDocument = (): vscode.TextDocument | undefined => vscode.window.activeTextEditor?.document;

/** The tabs of mechanism pages in every editor group. */
function pageTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('resistanceAtlas.mechanismPage'));
}

/** Waits until `condition` holds: the extension host learns of focus changes a little after they happen. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 5000; !condition(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
  }
}

describe('Mechanism pages', () => {
  before(activeApi);
  afterEach(async () => {
    const { mechanismPages, knowledgeBase } = await activeApi();
    for (const id of knowledgeBase.current!.mechanismIds) mechanismPages.panel(id)?.dispose();
    // Untitled documents the tests edited are reverted, so that closing them asks nothing.
    for (let i = 0; i < 5 && vscode.window.visibleTextEditors.length > 0; i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await closeAllEditors();
    // Untitled-1 of the next test must be a new document, not this test's one on its way out.
    await until(() => vscode.workspace.textDocuments.every((d) => !d.isUntitled), 'the untitled documents are gone');
  });

  it('opens one page per mechanism, with its content under a strict CSP, and reveals it when asked again', async () => {
    const { mechanismPages } = await activeApi();
    assert.equal(await vscode.commands.executeCommand(OPEN, EFFLUX), true);
    const panel = mechanismPages.panel(EFFLUX);
    assert.ok(panel, 'a panel for the mechanism');
    assert.equal(panel.title, 'Mechanism: Altered drug transport and efflux');
    assert.equal(panel.webview.options.enableScripts, true);
    assert.notEqual(panel.webview.options.enableCommandUris, true);
    const roots = panel.webview.options.localResourceRoots ?? [];
    assert.deepEqual(roots.map((u) => u.path.replace(/\/$/, '').split('/').pop()), ['media']);
    const html = panel.webview.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1].replaceAll('&#39;', "'");
    const cspSource = panel.webview.cspSource;
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? '')?.[1];
    assert.equal(csp, `default-src 'none'; style-src ${cspSource}; img-src ${cspSource}; script-src 'nonce-${nonce}'; form-action 'none'; base-uri 'none';`);
    assert.ok(html.includes(`<script nonce="${nonce}" src="`), 'the page script carries the nonce');
    assert.match(html, /<h1>Altered drug transport and efflux<\/h1>/);
    assert.match(html, /<span class="term-label">P-glycoprotein<\/span>/);
    assert.match(html, /<strong>Efflux transporter inhibitors<\/strong>/);
    assert.match(html, /data-cite-key="assaraf2023"/);
    await until(() => pageTabs().length === 1, 'the page has a tab');

    // From the Mechanisms view the command receives the node; the same page is revealed.
    const { mechanismTree } = await activeApi();
    const node = mechanismTree.rootOf(EFFLUX);
    assert.ok(node);
    assert.equal(await vscode.commands.executeCommand(OPEN, node), true);
    assert.equal(mechanismPages.panel(EFFLUX), panel);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(pageTabs().length, 1, 'still one page for the mechanism');

    assert.equal(await vscode.commands.executeCommand(OPEN, 'dna-repair'), true);
    await until(() => pageTabs().length === 2, 'a second mechanism gets a page of its own');
    assert.equal(mechanismPages.panel('dna-repair')?.title, 'Mechanism: Enhanced DNA repair (HRR, BER)');

    panel.dispose();
    assert.equal(mechanismPages.panel(EFFLUX), undefined, 'a closed page is forgotten');
    assert.equal(await vscode.commands.executeCommand(OPEN, 'no-such-mechanism'), false);
    assert.equal(await vscode.commands.executeCommand(OPEN, { kind: 'reference' }), false);
  });

  it('inserts the citation of a Cite button into the last manuscript editor, and ignores other messages', async () => {
    const { mechanismPages } = await activeApi();
    const editor = await openEditor('markdown', 'Efflux pumps export drugs $$CURSOR$$.');
    const document = editor.document;
    assert.equal(await vscode.commands.executeCommand(OPEN, EFFLUX), true);
    const panel = mechanismPages.panel(EFFLUX)!;
    assert.ok(panel.active, 'the page has the focus');
    await mechanismPages.whenReady(EFFLUX);
    await until(() => activeDocument() === undefined, 'no text editor is active while the page is');
    assert.equal(mechanismPages.manuscriptEditor?.document, document);

    const refused: unknown[] = [
      { type: 'cite', key: 'nobody1999' }, // not in the knowledge base
      { type: 'cite', key: 'mao2021' }, // in the knowledge base, but no Cite button of this page carries it
      { type: 'cite', key: ['assaraf2023'] },
      { type: 'cite', key: '' },
      { type: 'cite' },
      { type: 'insert', key: 'assaraf2023' },
      ['cite', 'assaraf2023'],
      'assaraf2023',
      null,
      undefined,
    ];
    refused.push({ type: 'ready' }); // the page's greeting: noted, never acted on
    for (const message of refused) assert.equal(await mechanismPages.receive(EFFLUX, message), false, JSON.stringify(message));
    assert.equal(await mechanismPages.receive('dna-repair', { type: 'cite', key: 'assaraf2023' }), false, 'no page open for that mechanism');
    assert.equal(document.getText(), 'Efflux pumps export drugs .', 'nothing inserted by refused messages');

    // Other fields are ignored: only the key is read.
    assert.equal(await mechanismPages.receive(EFFLUX, { type: 'cite', key: 'assaraf2023', extra: '<script>' }), true);
    assert.equal(document.getText(), 'Efflux pumps export drugs [@assaraf2023].');
    assert.equal(activeDocument(), document, 'the manuscript is active again');
    assert.equal(mechanismPages.panel(EFFLUX), panel, 'the page stays open');
  });

  it('writes into the editor the writer used last, not into another visible one', async () => {
    const { mechanismPages } = await activeApi();
    const latex = await vscode.workspace.openTextDocument(sampleUri('review-draft.tex'));
    const latexText = latex.getText();
    await vscode.window.showTextDocument(latex, { viewColumn: vscode.ViewColumn.One });
    const markdown = await openEditor('markdown', 'Second $$CURSOR$$draft');
    await vscode.window.showTextDocument(latex, { viewColumn: vscode.ViewColumn.Two });
    await vscode.window.showTextDocument(markdown.document, { viewColumn: vscode.ViewColumn.One });
    assert.equal(await vscode.commands.executeCommand(OPEN, EFFLUX), true);
    await mechanismPages.whenReady(EFFLUX);
    await until(() => activeDocument() === undefined, 'the page has the focus');
    assert.equal(mechanismPages.manuscriptEditor?.document, markdown.document);
    assert.equal(await mechanismPages.receive(EFFLUX, { type: 'cite', key: 'assaraf2023' }), true);
    assert.equal(markdown.document.getText(), 'Second [@assaraf2023]draft');
    assert.equal(latex.getText(), latexText, 'the other manuscript is untouched');
  });
});
