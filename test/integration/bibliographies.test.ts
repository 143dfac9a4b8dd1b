import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, closeAllEditors, eventually, hoverTexts, setSetting } from './util';

const encoder = new TextEncoder();

async function write(name: string, content: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'bib-tests', name);
  await vscode.workspace.fs.writeFile(uri, encoder.encode(content));
  return uri;
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}


const diagnosticsOf = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line}:${String(d.code)}:${d.message}`);

const BIB = `@string{nrc = "Nature Reviews Cancer"}

@article{baylin2021epi,
  author = {Baylin, Stephen B. and J{\\"a}nne, Pasi A.},
  title = {Epigenetic mechanisms of chemoresistance},
  journal = nrc,
  year = {2021},
  volume = {21},
  pages = {764--777},
  doi = {10.1000/example.doi}
}

@article{broken2020,
  author = {Nobody, Ann},
  title = {An entry that is never closed,
  year = {2020}

@book{weinberg2013,
  author = {Weinberg, Robert A.},
  title = {The Biology of Cancer},
  publisher = {Garland Science},
  year = {2013}
}
`;

describe('the writer\'s bibliographies', () => {
  let bib: vscode.Uri;
  let manuscript: vscode.Uri;

  before(async () => {
    await activeApi();
    bib = await write('refs.bib', BIB);
    manuscript = await write(
      'draft.md',
      '---\ntitle: Draft\nbibliography: refs.bib\n---\n\nMethylation silences genes [@baylin2021epi; @weinberg2013].\nAn unknown one [@weinberg2031] and a bundled one [@assaraf2023].\n',
    );
  });
  afterEach(closeAllEditors);

  it('loads every good entry of a .bib with a malformed one, and reports the bad one at its line', async () => {
    const editor = await open(manuscript);
    const bibDiagnostics = await eventually(() => diagnosticsOf(bib), (d) => d.some((x) => x.includes('bib-syntax')), 'the .bib diagnostic');
    const broken = BIB.split('\n').findIndex((l) => l.includes('broken2020'));
    assert.ok(
      bibDiagnostics.some((d) => Number(d.split(':')[0]) >= broken && Number(d.split(':')[0]) <= broken + 3 && /broken2020/.test(d)),
      `expected a problem within the broken entry (lines ${broken + 1}-${broken + 4}): ${bibDiagnostics.join(' | ')}`,
    );
    const [hover] = await hoverTexts(editor.document.uri, editor.document.positionAt(editor.document.getText().indexOf('weinberg2013') + 2));
    assert.match(hover ?? '', /Weinberg/);
    assert.match(hover ?? '', /Biology of Cancer/);
  });

  it('completes citation keys after @, filtering on author, title and year', async () => {
    const doc = await write('complete.md', '---\nbibliography: refs.bib\n---\n\nAs shown by @\n');
    const editor = await open(doc);
    const position = editor.document.positionAt(editor.document.getText().indexOf('by @') + 4);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
    const keys = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(keys.includes('baylin2021epi') && keys.includes('weinberg2013') && keys.includes('assaraf2023'), keys.join(', '));
    const baylin = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'baylin2021epi')!;
    assert.match(baylin.filterText ?? '', /Jänne/);
    assert.match(baylin.filterText ?? '', /2021/);
  });

  it('completes inside \\cite{...} in LaTeX, several keys, multiline', async () => {
    const tex = await write('paper.tex', '\\documentclass{article}\n\\addbibresource{refs.bib}\n\\begin{document}\nText \\cite{baylin2021epi,\n  wei}\n\\end{document}\n');
    const editor = await open(tex);
    const position = editor.document.positionAt(editor.document.getText().indexOf('wei}') + 3);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
    const keys = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(keys.includes('weinberg2013'), keys.join(', '));
    assert.ok(!keys.includes('baylin2021epi'), 'a key already in the cluster is not offered again');
  });

  it('shows the formatted reference, its DOI, and "verify before citing" when it has no identifier', async () => {
    const editor = await open(manuscript);
    const text = editor.document.getText();
    const [baylin] = await hoverTexts(manuscript, editor.document.positionAt(text.indexOf('baylin2021epi') + 2));
    assert.match(baylin ?? '', /Baylin SB, Jänne PA\. Epigenetic mechanisms of chemoresistance\. Nature Reviews Cancer\. 2021;21:764–77/);
    assert.match(baylin ?? '', /https:\/\/doi\.org\/10\.1000\/example\.doi/);
    assert.match(baylin ?? '', /refs\.bib/);
    const [weinberg] = await hoverTexts(manuscript, editor.document.positionAt(text.indexOf('weinberg2013') + 2));
    assert.match(weinberg ?? '', /verify before citing/);
  });

  it('goes from a key to its entry in the .bib', async () => {
    const editor = await open(manuscript);
    const position = editor.document.positionAt(editor.document.getText().indexOf('weinberg2013') + 2);
    const [location] = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', manuscript, position);
    assert.equal(location.uri.toString(), bib.toString());
    assert.equal(location.range.start.line, BIB.split('\n').findIndex((l) => l.includes('weinberg2013')));
  });

  it('flags unknown keys with "did you mean" and bundled ones with "add to refs.bib", and both quick fixes work', async () => {
    const editor = await open(manuscript);
    const diagnostics = await eventually(
      () => vscode.languages.getDiagnostics(manuscript),
      (d) => d.some((x) => x.code === 'unknown-citation-key') && d.some((x) => x.code === 'citation-not-in-bibliography'),
      'citation diagnostics',
    );
    const unknown = diagnostics.find((d) => d.code === 'unknown-citation-key')!;
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.match(unknown.message, /Unknown citation key "weinberg2031"\. Did you mean "weinberg2013"\?/);
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', manuscript, unknown.range, vscode.CodeActionKind.QuickFix.value);
    const change = fixes.find((f) => f.title === 'Change to "weinberg2013"')!;
    assert.ok(change, fixes.map((f) => f.title).join(' | '));
    await vscode.workspace.applyEdit(change.edit!);
    assert.match(editor.document.getText(), /An unknown one \[@weinberg2013\]/);

    const bundled = diagnostics.find((d) => d.code === 'citation-not-in-bibliography')!;
    const addFixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', manuscript, bundled.range, vscode.CodeActionKind.QuickFix.value);
    const add = addFixes.find((f) => /Add the bundled reference "assaraf2023" to refs\.bib/.test(f.title))!;
    assert.ok(add, addFixes.map((f) => f.title).join(' | '));
    await vscode.commands.executeCommand(add.command!.command, ...(add.command!.arguments ?? []));
    const bibText = (await vscode.workspace.openTextDocument(bib)).getText();
    assert.match(bibText, /@article\{assaraf2023,/);
    await vscode.workspace.save(bib);
    await eventually(() => vscode.languages.getDiagnostics(manuscript).map((d) => String(d.code)), (codes) => !codes.includes('citation-not-in-bibliography'), 'the bundled-reference warning to go');
  });

  it('writes the bibliography block, updates only the block, idempotently, in one undo step', async () => {
    const doc = await write('block.md', '---\nbibliography: refs.bib\n---\n\nFirst [@weinberg2013], then [@baylin2021epi].\n\nClosing remarks.\n');
    const editor = await open(doc);
    const before = editor.document.getText();
    assert.equal(await vscode.commands.executeCommand('resistanceAtlas.updateBibliography'), true);
    const once = editor.document.getText();
    const block = once.slice(before.length);
    assert.match(block, /<!-- resistance-atlas:bibliography -->\n\n1\. Weinberg RA\. The Biology of Cancer\. Garland Science; 2013\.\n\n2\. Baylin SB, Jänne PA\./);
    assert.equal(once.slice(0, before.length), before, 'nothing before the block changed');
    assert.equal(await vscode.commands.executeCommand('resistanceAtlas.updateBibliography'), true);
    assert.equal(editor.document.getText(), once, 'a second run changes nothing');
    await editor.edit((b) => b.replace(new vscode.Range(4, 0, 4, 5), 'Then'));
    await setSetting('citations.style', 'apa');
    try {
      await vscode.commands.executeCommand('resistanceAtlas.updateBibliography');
      const apa = editor.document.getText();
      assert.match(apa, /^Then \[@weinberg2013\]/m);
      assert.match(apa, /Baylin, S\. B\., & Jänne, P\. A\. \(2021\)[\s\S]*Weinberg, R\. A\. \(2013\)/, 'author-date styles sort alphabetically');
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), once.replace('First', 'Then'), 'one undo step restores the previous block');
    } finally {
      await setSetting('citations.style', undefined);
    }
  });

  it('adds to the citation cluster the cursor is in', async () => {
    const doc = await write('cluster.md', '---\nbibliography: refs.bib\n---\n\nSee [@weinberg2013; ].\n');
    const editor = await open(doc);
    const at = editor.document.positionAt(editor.document.getText().indexOf('; ]') + 2);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('resistanceAtlas.insertCitation', { keys: ['baylin2021epi'] });
    assert.match(editor.document.getText(), /See \[@weinberg2013; @baylin2021epi\]\./);
  });

  it('reloads a bibliography when it changes on disk', async () => {
    await open(manuscript);
    await write('refs.bib', `${BIB}\n@misc{added2024, title = {Added later}, year = {2024}}\n`);
    const doc = await write('reload.md', '---\nbibliography: refs.bib\n---\n\n[@added2024]\n');
    await open(doc);
    await eventually(() => vscode.languages.getDiagnostics(doc).map((d) => String(d.code)), (codes) => !codes.includes('unknown-citation-key'), 'the new key to be known');
  });
});

describe('bibliographies from settings and Quarto projects', () => {
  before(activeApi);
  afterEach(async () => {
    await setSetting('citations.bibliographies', undefined);
    await setSetting('citations.reportUnusedEntries', undefined);
    await closeAllEditors();
  });

  it('reads _quarto.yml, reports keys defined in two files, and hints at unused entries when asked', async () => {
    await write('quarto/_quarto.yml', 'project:\n  type: default\nbibliography: [one.bib, two.yaml]\n');
    const one = await write('quarto/one.bib', '@book{shared2020, title = {From one.bib}, year = {2020}}\n\n@book{unused2019, title = {Never cited}, year = {2019}}\n');
    const two = await write('quarto/two.yaml', '- id: shared2020\n  type: book\n  title: From two.yaml\n- id: yamlonly2021\n  type: book\n  title: Only in YAML\n  issued: {date-parts: [[2021]]}\n');
    const doc = await write('quarto/chapter.qmd', 'Text [@shared2020; @yamlonly2021].\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(doc));
    await vscode.languages.setTextDocumentLanguage(editor.document, 'markdown');
    await eventually(() => diagnosticsOf(two), (d) => d.some((x) => x.includes('bib-duplicate-key') && x.includes('one.bib')), 'the duplicate-key warning on two.yaml');
    assert.deepEqual(vscode.languages.getDiagnostics(doc).filter((d) => d.code === 'unknown-citation-key'), []);
    assert.ok(!diagnosticsOf(one).some((d) => d.includes('unused-bibliography-entry')), 'unused entries are not reported by default');
    await setSetting('citations.reportUnusedEntries', true);
    await eventually(() => diagnosticsOf(one), (d) => d.some((x) => x.startsWith('2:unused-bibliography-entry:"unused2019" is not cited')), 'the unused-entry hint');
  });

  it('adds the files the setting names, and exports the cited references as BibTeX', async () => {
    await write('global/library.bib', '@article{global2022, author = {Global, Gina}, title = {From the setting}, journal = {J}, year = {2022}}\n');
    const doc = await write('plain-manuscript.md', 'Cite [@global2022].\n');
    await setSetting('citations.bibliographies', ['bib-tests/global/*.bib']);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(doc));
    await eventually(() => vscode.languages.getDiagnostics(doc).map((d) => String(d.code)), (c) => !c.includes('unknown-citation-key'), 'the key from the setting to be known');
    const exported = await vscode.commands.executeCommand<vscode.TextDocument>('resistanceAtlas.exportReferences', { scope: 'cited', format: 'bibtex' });
    assert.match(exported.getText(), /@article\{global2022,[\s\S]*title = \{From the setting\}/);
  });
});
