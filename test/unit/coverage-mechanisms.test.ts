import * as assert from 'node:assert/strict';
import { findCitedKeys } from '../../src/core/citations/citationScanner';
import { mechanismCoverage } from '../../src/core/manuscript/coverage';
import { DocumentAnalysis } from '../../src/core/terms/documentAnalysis';
import { knowledgeBase } from './helpers';

function coverage(text: string) {
  const kb = knowledgeBase();
  const analysis = DocumentAnalysis.analyse(text, 'markdown', kb.termMatcher);
  const cited = findCitedKeys(text, 'markdown').map((c) => ({ key: c.key, offset: c.start }));
  return Object.fromEntries(mechanismCoverage(kb, text, analysis.occurrences, cited).map((c) => [c.mechanismId, [c.mentions, c.citations, c.gap ?? 'ok']]));
}

describe('coverage of the mechanisms in a manuscript', () => {
  const text = [
    '# Efflux',
    '',
    'P-gp and BCRP pump drugs out of the cell [@smith2020].',
    '',
    '# Repair',
    '',
    'Enhanced HRR and BER let cells survive DNA damage.',
    '',
    'Autophagy is cited elsewhere [@levine2021].',
  ].join('\n');

  it('counts mentions through terms and citations through paragraphs and the mechanism\'s references', () => {
    const c = coverage(text);
    assert.ok(Number(c['drug-transport-efflux'][0]) >= 2);
    assert.equal(c['drug-transport-efflux'][1], 1);
    assert.equal(c['drug-transport-efflux'][2], 'ok');
    assert.equal(c['dna-repair'][2], 'not-cited');
    assert.equal(c.autophagy[1], 1);
    assert.equal(c['tumour-heterogeneity'][2], 'not-discussed');
  });

  it('counts a citation of the mechanism\'s own reference once, even in a paragraph that mentions it', () => {
    const c = coverage('Autophagy protects cells [@levine2021].');
    assert.deepEqual(c.autophagy, [1, 1, 'ok']);
  });
});
