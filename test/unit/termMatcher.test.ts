import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findExcludedRanges } from '../../src/core/terms/excludedRanges';
import { TermMatcher } from '../../src/core/terms/termMatcher';
import { smallGlossary } from './helpers';

const matcher = TermMatcher.fromConcepts(smallGlossary(), { caseSensitiveForms: ['Notch'] });

/** The matched substrings with the first concept id: "text=id". */
function found(text: string, dialect: 'markdown' | 'latex' | 'plain' = 'plain'): string[] {
  return matcher.findAll(text, findExcludedRanges(text, dialect)).map((o) => `${text.slice(o.start, o.end)}=${o.conceptIds.join('|')}`);
}

describe('TermMatcher', () => {
  it('finds acronyms and their synonyms on word boundaries', () => {
    assert.deepEqual(found('Overexpression of P-gp (ABCB1, MDR1) and BCRP lowers uptake.'), [
      'P-gp=p-glycoprotein',
      'ABCB1=p-glycoprotein',
      'MDR1=p-glycoprotein',
      'BCRP=bcrp',
    ]);
  });

  it('matches acronyms case-sensitively and phrases case-insensitively', () => {
    assert.deepEqual(found('The met pathway, Ber and tki were not terms; MET was.'), ['MET=met']);
    assert.deepEqual(found('EFFLUX PUMP, Efflux Pump and efflux pump'), ['EFFLUX PUMP=efflux-pump', 'Efflux Pump=efflux-pump', 'efflux pump=efflux-pump']);
  });

  it('does not match inside longer words', () => {
    assert.deepEqual(found('BCRPs are plural but BCRPX is not; xBCRP neither; HRRs yes'), ['BCRPs=bcrp', 'HRRs=homologous-recombination']);
    assert.deepEqual(found('therapyless combinations'), []);
  });

  it('knows plurals of acronyms and of the last word of phrases', () => {
    assert.deepEqual(found('CAFs secrete factors; TKIs and PARP inhibitors; efflux pumps; combination therapies.'), [
      'CAFs=caf',
      'TKIs=tki',
      'PARP inhibitors=parp-inhibitor',
      'efflux pumps=efflux-pump',
      'combination therapies=therapy',
    ]);
  });

  it('prefers the longest match', () => {
    assert.deepEqual(found('EGFR T790M arises after EGFR inhibition; PARP inhibitor or PARP.'), [
      'EGFR T790M=egfr-t790m',
      'EGFR=egfr',
      'PARP inhibitor=parp-inhibitor',
      'PARP=parp',
    ]);
  });

  it('treats every hyphen, dash and line break between words alike', () => {
    assert.deepEqual(found('P\u2011gp, P\u2010gp, P\u2013gp and Pgp'), ['P\u2011gp=p-glycoprotein', 'P\u2010gp=p-glycoprotein', 'P\u2013gp=p-glycoprotein', 'Pgp=p-glycoprotein']);
    assert.deepEqual(found('cancer-associated\n   fibroblasts and cancer associated fibroblast'), [
      'cancer-associated\n   fibroblasts=caf',
      'cancer associated fibroblast=caf',
    ]);
  });

  it('does not join words across a paragraph break', () => {
    assert.deepEqual(found('efflux\n\npump'), []);
  });

  it('accepts Greek letters written either way', () => {
    assert.deepEqual(found('TNF-α, TNF-alpha, TNF alpha; β-catenin and beta-catenin; NF-κB, NF-kappaB, NF-kappa B'), [
      'TNF-α=tnf',
      'TNF-alpha=tnf',
      'TNF alpha=tnf',
      'β-catenin=beta-catenin',
      'beta-catenin=beta-catenin',
      'NF-κB=nf-kb',
      'NF-kappaB=nf-kb',
      'NF-kappa B=nf-kb',
    ]);
  });

  it('matches slash compounds whole, and their parts when the compound is unknown', () => {
    assert.deepEqual(found('PI3K/Akt signalling, PI3K/mTOR'), ['PI3K/Akt=pi3k-akt', 'PI3K=pi3k']);
  });

  it('reports every sense of an ambiguous form', () => {
    assert.deepEqual(found('HR was 0.6'), ['HR=homologous-recombination|hazard-ratio']);
  });

  it('matches everyday words listed as case-sensitive only as written', () => {
    assert.deepEqual(found('Notch drives it; a notch higher'), ['Notch=notch']);
  });

  it('skips Markdown code, math, URLs, link targets and citation keys', () => {
    const text = [
      'BCRP in prose, `BCRP in code`, $BCRP$ math, https://x.org/BCRP and [link](BCRP.md) [@BCRP2020; @BCRP].',
      '```',
      'BCRP in a fence',
      '```',
      'BCRP again',
    ].join('\n');
    assert.deepEqual(found(text, 'markdown'), ['BCRP=bcrp', 'BCRP=bcrp']);
  });

  it('skips LaTeX command names, keys, math and comments but reads formatted text', () => {
    const text = '\\textit{BCRP} and \\BER{} \\cite{BCRP} \\ref{fig:BER} $\\mathrm{BER}$ % BER comment\nBER.';
    assert.deepEqual(found(text, 'latex'), ['BCRP=bcrp', 'BER=ber']);
  });

  it('sees terms inside Markdown emphasis', () => {
    assert.deepEqual(found('*BCRP* and **P-gp** and _ABCG2_', 'markdown'), ['BCRP=bcrp', 'P-gp=p-glycoprotein', 'ABCG2=bcrp']);
  });

  it('never throws and stays inside the text on random input', () => {
    const alphabet = fc.constantFrom(...'BCRP P-gp efflux pump \n\n`$@[]()\\{}%α-–‑ TNF-alpha CAFs HR x'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 200 }).map((a) => a.join('')), fc.constantFrom('markdown' as const, 'latex' as const, 'plain' as const), (text, dialect) => {
        const occurrences = matcher.findAll(text, findExcludedRanges(text, dialect));
        let last = 0;
        for (const o of occurrences) {
          assert.ok(o.start >= last && o.start < o.end && o.end <= text.length);
          assert.ok(o.conceptIds.length > 0);
          last = o.end;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finds only occurrences that start in a given range', () => {
    const text = 'BCRP and P-gp and CAFs';
    assert.deepEqual(
      matcher.findInRange(text, 5, 14).map((o) => text.slice(o.start, o.end)),
      ['P-gp'],
    );
  });
});

describe('TermMatcher with LaTeX Greek letters', () => {
  it('reads NF-$\\kappa$B and TNF-$\\alpha$ as the terms, and keeps other math excluded', () => {
    const text = 'NF-$\\kappa$B and TNF-$\\alpha$ rise; $x = BER$ is math, and so is $\\beta + BER$.';
    assert.deepEqual(found(text, 'latex'), ['NF-$\\kappa$B=nf-kb', 'TNF-$\\alpha$=tnf']);
  });
});
