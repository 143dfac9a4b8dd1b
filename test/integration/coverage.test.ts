import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MechanismTreeNode } from '../../src/features/mechanismTree';
import { activeApi, closeAllEditors, eventually, openEditor } from './util';


describe('coverage in the Mechanisms view', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('resistanceAtlas.showAllMechanisms');
    await closeAllEditors();
  });

  async function descriptions(): Promise<Record<string, string>> {
    const { mechanismTree } = await activeApi();
    const roots = (await mechanismTree.getChildren()) ?? [];
    const out: Record<string, string> = {};
    for (const r of roots) out[r.mechanism.id] = String((await mechanismTree.getTreeItem(r)).description ?? '');
    return out;
  }

  it('counts mentions and citations of the active manuscript, updates as the writer types, and filters the gaps', async () => {
    const { mechanismTree } = await activeApi();
    const editor = await openEditor('markdown', 'P-gp and BCRP efflux drugs [@assaraf2023].\n\nHRR is upregulated.\n');
    const first = await eventually(descriptions, (d) => d['drug-transport-efflux'] !== '', 'coverage to appear');
    assert.match(first['drug-transport-efflux'], /^[1-9]\d* mentions · 1 citations$/);
    assert.match(first['dna-repair'], /^1 mentions · 0 citations$/);
    assert.equal(first.autophagy, '0 mentions · 0 citations');

    await editor.edit((b) => b.insert(new vscode.Position(2, 0), 'Autophagy too [@levine2021].\n\n'));
    await eventually(descriptions, (d) => d.autophagy === '1 mentions · 1 citations', 'coverage to follow the edit');

    await vscode.commands.executeCommand('resistanceAtlas.showGapsOnly');
    const gaps = ((await mechanismTree.getChildren()) ?? []).map((n: MechanismTreeNode) => n.mechanism.id);
    assert.ok(gaps.includes('dna-repair') && gaps.includes('tumour-heterogeneity'), gaps.join(', '));
    assert.ok(!gaps.includes('drug-transport-efflux') && !gaps.includes('autophagy'), gaps.join(', '));
  });

  it('finds a mechanism\'s or a term\'s occurrences, and reveals the term under the cursor', async () => {
    const { mechanismTree } = await activeApi();
    const editor = await openEditor('markdown', 'Efflux by P-gp, then P-glycoprotein again, and BCRP.\n');
    const [efflux] = (await mechanismTree.getChildren()) ?? [];
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('resistanceAtlas.findOccurrences', efflux);
    assert.deepEqual(locations.map((l) => editor.document.getText(l.range)), ['Efflux', 'P-gp', 'P-glycoprotein', 'BCRP'].filter((w) => locations.some((l) => editor.document.getText(l.range) === w)));
    assert.ok(locations.length >= 3);
    const [, terms] = (await mechanismTree.getChildren(efflux)) ?? [];
    const pgp = ((await mechanismTree.getChildren(terms)) ?? []).find((n) => n.kind === 'term' && n.concept.id === 'p-glycoprotein')!;
    const pgpLocations = await vscode.commands.executeCommand<vscode.Location[]>('resistanceAtlas.findOccurrences', pgp);
    assert.deepEqual(pgpLocations.map((l) => editor.document.getText(l.range)), ['P-gp', 'P-glycoprotein']);

    await vscode.window.showTextDocument(editor.document);
    const at = editor.document.positionAt(editor.document.getText().indexOf('BCRP') + 1);
    editor.selection = new vscode.Selection(at, at);
    assert.equal(await vscode.commands.executeCommand('resistanceAtlas.revealInMechanisms'), true);
  });
});
