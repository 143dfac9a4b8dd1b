import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, eventually, openEditor, setSetting } from './util';


const acronymDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => String(d.code).startsWith('acronym-'));

describe('acronyms defined at first use', () => {
  before(activeApi);
  afterEach(async () => {
    await setSetting('acronyms.severity', undefined);
    await closeAllEditors();
  });

  it('flags an acronym used before its definition, and "Expand at first use" fixes it in one edit', async () => {
    const editor = await openEditor('markdown', '# Review\n\nThe TME protects tumours.\n\nThe tumour microenvironment (TME) is complex, and the TME matters.\n');
    const [finding] = await eventually(() => acronymDiagnostics(editor.document.uri), (d) => d.length > 0, 'an acronym finding');
    assert.equal(finding.code, 'acronym-used-before-definition');
    assert.equal(editor.document.getText(finding.range), 'TME');
    assert.equal(finding.range.start.line, 2);
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Information);
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
    const expand = fixes.find((f) => f.title.startsWith('Expand at first use'))!;
    assert.ok(expand, fixes.map((f) => f.title).join(' | '));
    await vscode.workspace.applyEdit(expand.edit!);
    assert.match(editor.document.getText(), /^# Review\n\nThe tumour microenvironment \(TME\) protects tumours\./);
  });

  it('can ignore an acronym in one document, and follows the severity setting', async () => {
    const editor = await openEditor('markdown', 'BCRP effluxes drugs; BCRP again.\n');
    const [finding] = await eventually(() => acronymDiagnostics(editor.document.uri), (d) => d.length > 0, 'an acronym finding');
    assert.equal(finding.code, 'acronym-not-defined');
    await setSetting('acronyms.severity', 'warning');
    await eventually(() => acronymDiagnostics(editor.document.uri), (d) => d[0]?.severity === vscode.DiagnosticSeverity.Warning, 'warning severity');
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
    const ignore = fixes.find((f) => f.title === 'Ignore BCRP in this document')!;
    await vscode.commands.executeCommand(ignore.command!.command, ...(ignore.command!.arguments ?? []));
    await eventually(() => acronymDiagnostics(editor.document.uri), (d) => d.length === 0, 'the finding to go');
  });

  it('writes the list of abbreviations in a block, idempotently, in one undo step', async () => {
    const editor = await openEditor('markdown', 'Cancer-associated fibroblasts (CAFs) and the extracellular matrix (ECM) shape the TME.\n');
    const before = editor.document.getText();
    assert.equal(await vscode.commands.executeCommand('resistanceAtlas.updateAbbreviations'), true);
    const once = editor.document.getText();
    assert.equal(once.slice(0, before.length), before);
    assert.match(once, /<!-- resistance-atlas:abbreviations -->[\s\S]*\| CAF[\s\S]*\| ECM[\s\S]*\| TME[\s\S]*<!-- \/resistance-atlas:abbreviations -->/);
    await vscode.commands.executeCommand('resistanceAtlas.updateAbbreviations');
    assert.equal(editor.document.getText(), once);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });
});

describe('Markdown preview', () => {
  before(activeApi);
  afterEach(async () => {
    await setSetting('preview.termTooltips', undefined);
    await closeAllEditors();
  });

  it('renders citations in the chosen style and appends the bibliography', async () => {
    await openEditor('markdown', 'x');
    const source = 'Efflux matters [@assaraf2023; @mao2021].\n\nAgain [@mao2021].\n';
    const html = await eventually(
      () => vscode.commands.executeCommand<string>('markdown.api.render', source),
      (h) => h.includes('ra-bibliography'),
      'the rendered bibliography',
    );
    assert.match(html, /<span class="ra-citation"[^>]*>\(1,2\)<\/span>/);
    assert.match(html, /<span class="ra-citation"[^>]*>\(2\)<\/span>/);
    assert.match(html, /<h2>References<\/h2>[\s\S]*Assaraf YG[\s\S]*Mao X/);
  });

  it('renders locators, prefixes and in-text citations as Pandoc does, in an author-date style', async () => {
    await openEditor('markdown', 'x');
    await setSetting('citations.style', 'apa');
    try {
      const source = 'Efflux matters [see @assaraf2023, pp. 33-35; @mao2021, chap. 2]. As @mao2021 [p. 4] notes, and [-@assaraf2023].\n';
      const html = await eventually(
        () => vscode.commands.executeCommand<string>('markdown.api.render', source),
        (h) => h.includes('Chapter 2'),
        'the APA citations',
      );
      assert.match(html, /<span class="ra-citation"[^>]*>\(see Assaraf et al\., 2023, pp\. 33–35; Mao et al\., 2021, Chapter 2\)<\/span>/);
      assert.match(html, /<span class="ra-citation"[^>]*>Mao et al\. \(2021, p\. 4\)<\/span> notes/);
      assert.match(html, /<span class="ra-citation"[^>]*>\(2023\)<\/span>/);
    } finally {
      await setSetting('citations.style', undefined);
    }
  });

  it('shows glossary tooltips when the setting asks', async () => {
    await openEditor('markdown', 'x');
    await setSetting('preview.termTooltips', true);
    const html = await eventually(
      () => vscode.commands.executeCommand<string>('markdown.api.render', 'BCRP exports drugs.'),
      (h) => h.includes('ra-term'),
      'a tooltip',
    );
    assert.match(html, /<abbr class="ra-term" title="Breast cancer resistance protein: [^"]*">BCRP<\/abbr>/);
  });
});
