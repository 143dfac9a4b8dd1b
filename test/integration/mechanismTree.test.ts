import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MechanismTreeNode } from '../../src/features/mechanismTree';
import { activeApi } from './util';

describe('Mechanisms view', () => {
  async function labelsOf(nodes: MechanismTreeNode[]): Promise<string[]> {
    const { mechanismTree } = await activeApi();
    return Promise.all(nodes.map(async (n) => String((await mechanismTree.getTreeItem(n)).label)));
  }

  it('lists the ten mechanisms of the seed review', async () => {
    const { mechanismTree } = await activeApi();
    const roots = (await mechanismTree.getChildren()) ?? [];
    assert.equal(roots.length, 10);
    const labels = await labelsOf(roots);
    assert.equal(labels[0], 'Altered drug transport and efflux');
    assert.ok(labels.includes('Enhanced DNA repair (HRR, BER)'));
    assert.ok(labels.includes('Tumour heterogeneity'));
  });

  it('expands a mechanism to its summary, key terms, strategies and references', async () => {
    const { mechanismTree } = await activeApi();
    const [efflux] = (await mechanismTree.getChildren()) ?? [];
    const sections = (await mechanismTree.getChildren(efflux)) ?? [];
    assert.deepEqual(await labelsOf(sections), ['Summary', 'Key terms', 'Strategies to overcome it', 'References']);

    const terms = (await mechanismTree.getChildren(sections[1])) ?? [];
    const termLabels = await labelsOf(terms);
    assert.ok(termLabels.includes('P-glycoprotein'), termLabels.join(', '));
    const pgp = await mechanismTree.getTreeItem(terms[termLabels.indexOf('P-glycoprotein')]);
    assert.match(String(pgp.description), /P-gp/);
    assert.match((pgp.tooltip as vscode.MarkdownString).value, /ATP/);

    const strategies = await labelsOf((await mechanismTree.getChildren(sections[2])) ?? []);
    assert.ok(strategies.includes('Efflux transporter inhibitors'));

    const refs = (await mechanismTree.getChildren(sections[3])) ?? [];
    assert.deepEqual(await labelsOf(refs), ['Assaraf et al. 2023']);
    const refItem = await mechanismTree.getTreeItem(refs[0]);
    assert.equal(refItem.contextValue, 'reference');
  });

  it('inserts a citation from a reference node', async () => {
    const { mechanismTree } = await activeApi();
    const [efflux] = (await mechanismTree.getChildren()) ?? [];
    const [, , , references] = (await mechanismTree.getChildren(efflux)) ?? [];
    const [assaraf] = (await mechanismTree.getChildren(references)) ?? [];
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Efflux ' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 7, 0, 7);
    await vscode.commands.executeCommand('resistanceAtlas.insertCitation', assaraf);
    assert.equal(document.getText(), 'Efflux [@assaraf2023]');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('reveals a mechanism, as hover links do', async () => {
    assert.equal(await vscode.commands.executeCommand('resistanceAtlas.revealMechanism', 'dna-repair'), true);
    assert.equal(await vscode.commands.executeCommand('resistanceAtlas.revealMechanism', 'no-such-mechanism'), false);
  });
});
