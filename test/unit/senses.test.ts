import * as assert from 'node:assert/strict';
import { DocumentAnalysis } from '../../src/core/terms/documentAnalysis';
import { rankSenses } from '../../src/core/terms/senses';
import { termHoverMarkdown } from '../../src/core/hover/termHover';
import { knowledgeBase, withCursor } from './helpers';

function sensesAt(marked: string) {
  const kb = knowledgeBase();
  const { text, offset } = withCursor(marked);
  const analysis = DocumentAnalysis.analyse(text, 'markdown', kb.termMatcher);
  const index = analysis.indexAt(offset);
  assert.ok(index >= 0, 'no term at the cursor');
  return rankSenses(kb, analysis.occurrences, index);
}

describe('ambiguous terms', () => {
  it('reads HR as homologous recombination among DNA-repair terms', () => {
    const r = sensesAt('Tumours with BRCA1 loss lack $$CURSOR$$HR and respond to PARP inhibitors until RAD51 foci return.');
    assert.equal(r.likeliest, 'homologous-recombination-repair');
    assert.equal(r.conceptIds[0], 'homologous-recombination-repair');
  });

  it('reads HR as hazard ratio among survival end points', () => {
    const r = sensesAt('Overall survival improved (OS 21 vs 15 months; $$CURSOR$$HR 0.68) as did progression-free survival.');
    assert.equal(r.likeliest, 'hazard-ratio');
    assert.equal(r.conceptIds[0], 'hazard-ratio');
  });

  it('reads TME as the tumour microenvironment next to CAFs and the ECM', () => {
    const r = sensesAt('CAFs remodel the ECM, and the $$CURSOR$$TME shelters tumour cells.');
    assert.equal(r.likeliest, 'tumour-microenvironment');
  });

  it('lists every sense, undecided, when the context says nothing', () => {
    const r = sensesAt('We discuss $$CURSOR$$HR here.');
    assert.equal(r.likeliest, undefined);
    assert.deepEqual([...r.conceptIds].sort(), ['hazard-ratio', 'homologous-recombination-repair', 'hormone-receptor']);
  });

  it('reads HR as hormone receptor next to HER2, and TLS as tumour lysis next to venetoclax', () => {
    assert.equal(sensesAt('Patients with $$CURSOR$$HR-positive, HER2-negative disease received endocrine therapy.').likeliest, 'hormone-receptor');
    assert.equal(sensesAt('Venetoclax is started with a ramp-up to limit $$CURSOR$$TLS.').likeliest, 'tumour-lysis-syndrome');
  });

  it('shows every sense in the hover, the likelier one named', () => {
    const kb = knowledgeBase();
    const md = termHoverMarkdown(kb, ['hazard-ratio', 'homologous-recombination-repair'], 'HR', 'full', 'hazard-ratio');
    assert.match(md, /\*\*HR\*\* has 2 senses in this field; here probably \*Hazard ratio\*/);
    assert.match(md, /Homologous recombination repair/);
  });
});
